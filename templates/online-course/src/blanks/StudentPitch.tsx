/**
 * Students-only pitch (blank): shown instead of a paid lesson's content. `signedIn` says whether
 * to ask them to sign up or to subscribe. Presentation only: the server leaves the content out
 * for non-students whatever this shows.
 */
export default function StudentPitch(props: { signedIn: boolean }) {
  return (
    <aside className="card pitch" aria-label="Students only">
      <h2>This lesson is for students</h2>
      <p>Become a student to open every lesson, follow your progress and get your certificate page.</p>
      {props.signedIn ? (
        <a className="button primary" href="#/account">
          Become a student — $12/month
        </a>
      ) : (
        <p className="row" style={{ justifyContent: "center" }}>
          <a className="button primary" href="#/signup">
            Sign up
          </a>
          <a className="button" href="#/signin">
            I’m already a student
          </a>
        </p>
      )}
    </aside>
  );
}
