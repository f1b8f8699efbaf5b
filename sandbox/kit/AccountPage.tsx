import { useState, type ComponentType, type ReactNode } from "react";
import { checkout, manageBilling, signOut, useEntitlements, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen } from "./AuthScreen";
import { ErrorNote, Loading } from "./Status";
import { navigate } from "./router";

/** What the pricing blank receives: onChoose starts checkout for the page's plan. */
export interface PricingProps {
  onChoose(): void;
  busy: boolean;
}

export interface AccountPageProps {
  /** The plan id this page sells and reports (a plan of template.json). */
  plan: string;
  /** Heading of the plan section, e.g. "Membership" or "Plan". */
  heading: string;
  /** Badge beside the heading while the user holds the plan, e.g. "Member". */
  subscribedBadge: string;
  /** Badge while they do not, e.g. "Free reader". */
  freeBadge: string;
  /** Shown to a subscriber above "Manage billing". */
  subscribedText: ReactNode;
  /** The template's pricing blank, shown to everyone else. */
  pricing: ComponentType<PricingProps>;
}

/**
 * Account: who you are, your plan, billing. A signed-out visitor gets the sign-in form (back
 * here afterwards). The plan starts when the server has the payment provider's verified webhook
 * (I4), so after checkout this page offers a refresh instead of trusting the return.
 */
export function AccountPage(props: AccountPageProps) {
  const { user, loading } = useUser();
  const ent = useEntitlements();
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/account" />
      </div>
    );

  const run = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e as SandlotError);
    } finally {
      setBusy(false);
    }
  };
  const Pricing = props.pricing;
  const subscribed = ent.has(props.plan);
  return (
    <div className="container narrow stack">
      <h1>Your account</h1>
      <section className="card spread" aria-label="Signed in as">
        <div>
          <div className="muted small">Signed in as</div>
          <strong>{user.email}</strong>
        </div>
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              await signOut();
              navigate("/");
            })
          }
          disabled={busy}
        >
          Sign out
        </button>
      </section>
      <section className="card stack" aria-labelledby="account-plan">
        <div className="spread">
          <h2 id="account-plan">{props.heading}</h2>
          {ent.loading ? null : <span className="badge">{subscribed ? props.subscribedBadge : props.freeBadge}</span>}
        </div>
        <ErrorNote error={error} />
        {ent.loading ? (
          <Loading />
        ) : subscribed ? (
          <>
            <p>{props.subscribedText}</p>
            <button type="button" className="button" onClick={() => void run(manageBilling)} disabled={busy}>
              Manage billing
            </button>
          </>
        ) : (
          <>
            <Pricing onChoose={() => void run(() => checkout(props.plan))} busy={busy} />
            <p className="muted small">
              Just paid? It can take a few seconds to confirm.{" "}
              <button type="button" className="linklike" onClick={() => ent.refresh()}>
                Check again
              </button>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
