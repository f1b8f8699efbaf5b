/**
 * Member pitch (blank): shown under a preview when the reader may not see the full post.
 * `signedIn` says whether to ask them to sign up or to subscribe. Presentation only: the server
 * refuses the full text to non-members whatever this shows.
 */
export default function MemberPitch(props: { signedIn: boolean }) {
  return (
    <aside className="card pitch" aria-label="Members only">
      <h2>Keep reading with a membership</h2>
      <p>Members get every essay in full, the archive, and the warm feeling of funding independent writing.</p>
      {props.signedIn ? (
        <a className="button primary" href="#/account">
          Become a member — $5/month
        </a>
      ) : (
        <p className="row" style={{ justifyContent: "center" }}>
          <a className="button primary" href="#/join">
            Subscribe
          </a>
          <a className="button" href="#/signin">
            I’m already a member
          </a>
        </p>
      )}
    </aside>
  );
}
