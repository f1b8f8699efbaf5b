import { type ReactNode, useState } from "react";
import type { SandlotError } from "@sandlot/sdk";
import { ErrorNote } from "@sandlot/kit";
import type { Listing, Status } from "../lib/listings";

/** The moves template.json's `transitions` allow from each status; the server refuses any other. */
const NEXT: Record<Status, ReadonlyArray<{ to: Status; label: string }>> = {
  pending: [
    { to: "approved", label: "Approve" },
    { to: "rejected", label: "Reject" },
  ],
  approved: [{ to: "rejected", label: "Unpublish" }],
  rejected: [{ to: "approved", label: "Approve" }],
};

/**
 * The creator's approve / reject buttons for one listing (locked). Only the creator may change
 * `status` (`writable` in template.json): anyone else gets 400 `field_not_writable` from the
 * server, shown here, whatever this page shows.
 */
export function Moderation(props: {
  listing: Listing;
  setStatus: (id: string, status: Status) => Promise<unknown>;
}): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const move = async (to: Status): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await props.setStatus(props.listing.id, to);
    } catch (e) {
      setError(e as SandlotError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <div className="row moderation">
        {NEXT[props.listing.status].map((n) => (
          <button
            key={n.to}
            type="button"
            className={`button small${n.to === "approved" ? " primary" : " danger"}`}
            disabled={busy}
            onClick={() => void move(n.to)}
            aria-label={`${n.label} “${props.listing.title}”`}
          >
            {n.label}
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
