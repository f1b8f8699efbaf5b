import { useEffect, useState, type ComponentType, type ReactNode } from "react";
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
  const returned = useCheckoutReturn(props.plan, ent.has(props.plan), ent.refresh);
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
      <CheckoutNotice state={returned} planName={props.subscribedBadge} subscribed={subscribed} />
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

type CheckoutReturn = "none" | "success" | "cancel";

/** How checkout sent the person back here (`/?checkout=success&plan=…#/account`), read once. */
function readCheckoutReturn(plan: string): CheckoutReturn {
  if (typeof window === "undefined") return "none";
  const q = new URLSearchParams(window.location.search);
  const checkout = q.get("checkout");
  if (checkout === "cancel") return "cancel";
  if (checkout === "success" && (q.get("plan") ?? plan) === plan) return "success";
  return "none";
}

/**
 * After a successful checkout the plan starts only when the provider's signed webhook has arrived
 * (I4), which may be a moment after the browser returns: re-read the entitlements a few times
 * until the plan shows, then drop the query so a reload does not say it again.
 */
function useCheckoutReturn(plan: string, subscribed: boolean, refresh: () => Promise<void>): CheckoutReturn {
  const [state] = useState(() => readCheckoutReturn(plan));
  useEffect(() => {
    if (state !== "success" || subscribed) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > 10) clearInterval(timer);
      else void refresh();
    }, 1500);
    return () => clearInterval(timer);
  }, [state, subscribed, refresh]);
  useEffect(() => {
    if (state === "none" || (state === "success" && !subscribed)) return;
    try {
      window.history.replaceState(null, "", `${window.location.pathname}${window.location.hash}`);
    } catch {
      // Not worth failing the page over; the note only repeats on reload.
    }
  }, [state, subscribed]);
  return state;
}

function CheckoutNotice(props: { state: CheckoutReturn; planName: string; subscribed: boolean }) {
  if (props.state === "none") return null;
  if (props.state === "cancel")
    return (
      <p className="notice" role="status" data-kit="checkout-notice">
        Checkout was cancelled. Nothing was charged.
      </p>
    );
  return (
    <p className="notice" role="status" data-kit="checkout-notice">
      {props.subscribed
        ? `Payment received. Your ${props.planName} plan is active — thank you!`
        : "Payment received. Confirming your plan… this takes a few seconds."}
    </p>
  );
}
