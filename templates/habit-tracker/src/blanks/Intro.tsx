import { Link } from "@sandlot/kit";

/** Welcome page (blank): what signed-out visitors see. Keep the links to #/signup and #/signin. */
export default function Intro() {
  return (
    <div className="container">
      <section className="intro">
        <h1>Small habits, every day</h1>
        <p className="lede">
          Tick off what you did today and watch your streaks grow. Your habits are private: nobody else sees them, not
          even us.
        </p>
        <div className="row">
          <Link to="/signup" className="button primary">
            Start tracking — it's free
          </Link>
          <Link to="/signin" className="button">
            Sign in
          </Link>
        </div>
      </section>
      <ul className="intro-points">
        <li>
          <strong>One tap a day.</strong> Mark a habit done; tap again to undo.
        </li>
        <li>
          <strong>Streaks that count.</strong> See today's streak and your best one for each habit.
        </li>
        <li>
          <strong>Yours alone.</strong> Free for 3 habits; Pro adds up to 30 and a spreadsheet of your history.
        </li>
      </ul>
    </div>
  );
}
