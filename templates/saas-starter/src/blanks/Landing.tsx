import { useApp } from "@sandlot/sdk";

/**
 * Landing page (blank): what signed-out visitors see at the home page. Hero, features and
 * pricing copy. Links: #/signup to start, #/signin to sign in.
 */
export default function Landing() {
  const { name } = useApp();
  return (
    <div className="container">
      <section className="hero">
        <h1>Your notes and tasks, in one calm place.</h1>
        <p>
          {name || "Notable"} keeps what you're thinking and what you're doing side by side. Private to you, fast
          everywhere.
        </p>
        <div className="row" style={{ justifyContent: "center" }}>
          <a className="button primary" href="#/signup">
            Start free
          </a>
          <a className="button" href="#/signin">
            Sign in
          </a>
        </div>
      </section>
      <section className="features grid" aria-label="Features">
        <div className="card">
          <h3>Private by default</h3>
          <p className="muted">Only you can see your workspace. Not even other users' guesses get through.</p>
        </div>
        <div className="card">
          <h3>Pin what matters</h3>
          <p className="muted">Keep the notes you need on top, and tick tasks off as you go.</p>
        </div>
        <div className="card">
          <h3>Grows with you</h3>
          <p className="muted">Start with 3 notes free. Go Pro for 500 notes and 1,000 tasks.</p>
        </div>
      </section>
      <section aria-labelledby="pricing" className="stack">
        <h2 id="pricing" style={{ textAlign: "center" }}>
          Simple pricing
        </h2>
        <div className="pricing">
          <div className="card">
            <h3>Free</h3>
            <p className="price">$0</p>
            <ul className="checks">
              <li>3 notes</li>
              <li>10 tasks</li>
            </ul>
            <a className="button wide" href="#/signup">
              Start free
            </a>
          </div>
          <div className="card">
            <h3>Pro</h3>
            <p className="price">
              $12 <small>/ month</small>
            </p>
            <ul className="checks">
              <li>500 notes</li>
              <li>1,000 tasks</li>
              <li>Support the makers</li>
            </ul>
            <a className="button primary wide" href="#/signup">
              Start free, upgrade later
            </a>
          </div>
        </div>
      </section>
    </div>
  );
}
