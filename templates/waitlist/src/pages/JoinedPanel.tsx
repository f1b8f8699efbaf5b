import { useState } from "react";
import type { SandlotError } from "@sandlot/sdk";
import { ErrorNote } from "@sandlot/kit";
import SpotCard from "../blanks/SpotCard";
import { type LineEntry, positionOf, REFERRAL_BOOST, shareLinkFor } from "../lib/line";
import type { Line } from "../lib/useLine";

/** Someone on the list (locked): their place, their referral link, and a way to leave. */
export function JoinedPanel(props: { entry: LineEntry; line: Line }) {
  const { entry, line } = props;
  const [error, setError] = useState<SandlotError | null>(null);
  const [copied, setCopied] = useState(false);
  const position = positionOf(line.entries, entry.id) ?? line.entries.length;
  const link = shareLinkFor(entry.id, window.location);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard (an older browser or a sandboxed preview): the link stays selectable.
      setCopied(false);
    }
  }

  async function leave(): Promise<void> {
    if (!window.confirm("Leave the waitlist? You lose your place and your referrals.")) return;
    try {
      await line.remove(entry.id);
    } catch (e) {
      setError(e as SandlotError);
    }
  }

  return (
    <section className="stack" aria-label="Your place in line">
      <SpotCard
        position={position}
        total={line.entries.length}
        referrals={entry.referrals}
        boost={REFERRAL_BOOST}
        shareLink={link}
      />
      <div className="row">
        <button type="button" className="button primary" onClick={() => void copy()}>
          Copy my invite link
        </button>
        <button type="button" className="button" onClick={() => void line.refresh()}>
          Refresh my place
        </button>
        <span role="status" className="muted small">
          {copied ? "Link copied." : ""}
        </span>
      </div>
      {line.truncated && (
        <p className="muted small">The line is very long: your place is counted among the first 5,000 sign-ups.</p>
      )}
      <ErrorNote error={error} />
      <p className="muted small">
        Changed your mind?{" "}
        <button type="button" className="linklike" onClick={() => void leave()}>
          Leave the waitlist
        </button>
      </p>
    </section>
  );
}
