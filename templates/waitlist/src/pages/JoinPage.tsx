import { useState } from "react";
import { refreshUser, type SandlotError, useUser } from "@sandlot/sdk";
import { ErrorNote, Link, Loading } from "@sandlot/kit";
import Hero from "../blanks/Hero";
import Perks from "../blanks/Perks";
import { JoinedPanel } from "./JoinedPanel";
import { type Line, useLine } from "../lib/useLine";
import { joinError } from "../lib/messages";
import { forgetReferrer, referrerFor } from "../lib/referrer";

/**
 * The launch page (locked). Joining is one create in `entries`; the server decides: `verified`
 * (only an account whose email address is confirmed), one entry per person
 * (`maxDocumentsPerUser: 1`, 429), and `referredBy` must name an existing entry (400 `unknown_reference`).
 */
export function JoinPage(props: { referrer: string | null }) {
  const { user, loading } = useUser();
  const line = useLine();
  const referrer = referrerFor(props.referrer);
  const mine = user ? line.entries.find((e) => e.ownerId === user.id) : undefined;
  const waiting = line.loading && line.entries.length === 0 ? null : line.entries.length;
  return (
    <div className="container">
      <Hero waiting={waiting} />
      <ErrorNote error={line.error} />
      {loading || (user && line.loading) ? (
        <Loading label="Finding your place…" />
      ) : mine ? (
        <JoinedPanel entry={mine} line={line} />
      ) : (
        <JoinForm referrer={referrer} line={line} />
      )}
      <Perks />
    </div>
  );
}

function JoinForm(props: { referrer: string | null; line: Line }) {
  const { user } = useUser();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const suffix = props.referrer ? `/${encodeURIComponent(props.referrer)}` : "";

  async function join(): Promise<void> {
    setBusy(true);
    setError(null);
    const data = name.trim() ? { name: name.trim() } : {};
    try {
      await refreshUser();
      try {
        await props.line.create(props.referrer ? { ...data, referredBy: props.referrer } : data);
      } catch (e) {
        // The friend who shared the link left the list: join anyway, without the referral.
        if ((e as SandlotError).code !== "unknown_reference") throw e;
        await props.line.create(data);
      }
      forgetReferrer();
      await props.line.refresh();
    } catch (e) {
      setError(joinError(e as SandlotError));
    } finally {
      setBusy(false);
    }
  }

  if (!user)
    return (
      <section className="card join" aria-labelledby="join-title">
        <h2 id="join-title">Save your spot</h2>
        <p>
          Sign up with your email. We send you a link to confirm it: your place is saved once you have opened it.
          {props.referrer && " A friend invited you: joining moves them up the line."}
        </p>
        <div className="row">
          <Link to={`/signup${suffix}`} className="button primary">
            Join the waitlist
          </Link>
          <Link to={`/signin${suffix}`} className="button">
            I already signed up
          </Link>
        </div>
      </section>
    );
  return (
    <section className="card join" aria-labelledby="join-title">
      <h2 id="join-title">Take your place in line</h2>
      {user.emailVerified ? (
        <p>Your email {user.email} is confirmed. One step left:</p>
      ) : (
        <p className="notice" role="status">
          First confirm your email: open the link we sent to <strong>{user.email}</strong>, then come back here and
          press Join. Only confirmed addresses get a place.
        </p>
      )}
      <label className="field">
        <span>
          Your first name <small className="muted">(optional)</small>
        </span>
        <input
          type="text"
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="given-name"
        />
      </label>
      <ErrorNote error={error} />
      <button type="button" className="button primary" onClick={() => void join()} disabled={busy}>
        {busy ? "Joining…" : "Join the waitlist"}
      </button>
    </section>
  );
}
