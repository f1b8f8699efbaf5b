import { type ReactNode, useState } from "react";
import { buy, type SandlotError } from "@sandlot/sdk";
import { ErrorNote } from "@sandlot/kit";
import FeaturedPitch from "../blanks/FeaturedPitch";

/** Clearer sentences for the refusals a featured purchase can meet; anything else shows the server's own. */
function explain(err: SandlotError): SandlotError {
  if (err.code === "already_purchased")
    return Object.assign(err, { message: "This listing is already featured. It can take a moment to show." });
  if (err.code === "not_owner")
    return Object.assign(err, { message: "Only the person who added this listing can feature it." });
  if (err.status === 401) return Object.assign(err, { message: "Please sign in again to feature your listing." });
  return err;
}

/**
 * The featured upgrade for one listing (locked): the pitch is a blank, the purchase is here. The
 * server sells it only to the listing's owner and sets `featured` only from the verified payment
 * webhook, so this button cannot feature anything by itself.
 */
export function FeatureOffer(props: { listingId: string }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const choose = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await buy("featured", { documentId: props.listingId });
    } catch (e) {
      setError(explain(e as SandlotError));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack feature-offer" aria-label="Feature this listing">
      <FeaturedPitch onChoose={() => void choose()} busy={busy} />
      <ErrorNote error={error} />
    </section>
  );
}
