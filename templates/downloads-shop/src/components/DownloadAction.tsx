import { useState } from "react";
import { buy, useUser, type SandlotError } from "@sandlot/sdk";
import { ErrorNote, Link, Loading } from "@sandlot/kit";
import type { Access } from "../lib/access";
import { downloadUrl, PRICE_LABEL, PRODUCT, rememberBuying, type Product } from "../lib/shop";

/**
 * The one action on a product page (locked): download it, or buy it. Which one shows follows the
 * visitor's purchases and plan; the server alone decides whether the file is served (403 to
 * anyone its `downloads` rule refuses), and only the verified payment webhook grants a purchase.
 */
export function DownloadAction(props: { product: Product; access: Access }) {
  const { user } = useUser();
  const { product, access } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  if (access.loading) return <Loading label="Checking your purchases…" />;

  if (access.canDownload(product.id)) {
    if (!product.file) return <p className="muted">The file for this product is not uploaded yet.</p>;
    return (
      <div className="stack">
        <a className="button primary" href={downloadUrl(product.id)} download>
          Download
        </a>
        <p className="muted small">{whyYouHaveIt(product.id, access)}</p>
      </div>
    );
  }

  if (!user)
    return (
      <div className="stack">
        <Link to="/signup" className="button primary">
          Sign up to buy · {PRICE_LABEL}
        </Link>
        <p className="muted small">
          Already have an account? <Link to="/signin">Sign in</Link>.
        </p>
      </div>
    );

  async function purchase(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      rememberBuying(product.id);
      await buy(PRODUCT, { documentId: product.id });
    } catch (e) {
      const err = e as SandlotError;
      // Bought already (another tab, or the webhook was quicker than this page): show the download.
      if (err.status === 409) await access.refresh();
      else setError(err);
      setBusy(false);
    }
  }
  return (
    <div className="stack">
      <button type="button" className="button primary" onClick={() => void purchase()} disabled={busy}>
        {busy ? "Opening checkout…" : `Buy for ${PRICE_LABEL}`}
      </button>
      <ErrorNote error={error} />
      <p className="muted small">
        Yours for good, download it again any time. Or <Link to="/account">get every file with All-access</Link>.
      </p>
    </div>
  );
}

function whyYouHaveIt(productId: string, access: Access): string {
  if (access.bought.has(productId)) return "You bought this. Download it again any time from My purchases.";
  if (access.allAccess) return "Included in your All-access plan.";
  return "You made this product, so you can always download it.";
}
