import { useEffect, useState, type ReactNode } from "react";
import { purchases, signOut, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, ErrorNote, Link, Loading, navigate } from "@sandlot/kit";
import { clearPurchaseReturn, forgetPendingTicket, pendingTicket, purchaseReturn } from "../lib/pay";

type Wait = "none" | "waiting" | "paid" | "slow" | "cancelled";

/**
 * Account (locked), also where Checkout returns. Coming back proves nothing (the ticket is paid
 * when the server has the verified webhook), so this page asks the server for the user's
 * purchases a few times and opens the ticket once it shows as bought.
 */
export function AccountView(): ReactNode {
  const { user, loading } = useUser();
  const wait = usePaymentWait(user !== null);
  const [error, setError] = useState<SandlotError | null>(null);
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
  return (
    <div className="container narrow stack">
      <h1>Your account</h1>
      {wait === "waiting" && <Loading label="Payment received. Confirming your ticket…" />}
      {wait === "slow" && (
        <p className="notice" role="status">
          Payment received. Your ticket shows as paid as soon as the payment is confirmed; see{" "}
          <Link to="/tickets">My tickets</Link>.
        </p>
      )}
      {wait === "cancelled" && <CancelledNote />}
      <section className="card spread" aria-label="Signed in as">
        <div>
          <div className="muted small">Signed in as</div>
          <strong>{user.email}</strong>
        </div>
        <button
          type="button"
          className="button"
          onClick={() =>
            void signOut().then(
              () => navigate("/"),
              (e: SandlotError) => setError(e),
            )
          }
        >
          Sign out
        </button>
      </section>
      <ErrorNote error={error} />
      <p>
        <Link to="/tickets">See my tickets</Link>
      </p>
    </div>
  );
}

function CancelledNote(): ReactNode {
  const ticketId = pendingTicket();
  return (
    <p className="notice" role="status">
      Checkout was cancelled and nothing was charged. Your place is still held:{" "}
      <Link to={ticketId ? `/t/${ticketId}` : "/tickets"}>pay or release it on your ticket</Link>.
    </p>
  );
}

const TRIES = 10;
const EVERY_MS = 1500;

function usePaymentWait(signedIn: boolean): Wait {
  const [wait, setWait] = useState<Wait>(() => {
    const back = purchaseReturn();
    return back === "success" ? "waiting" : back === "cancel" ? "cancelled" : "none";
  });
  useEffect(() => {
    if (wait === "cancelled") clearPurchaseReturn();
    if (wait !== "waiting" || !signedIn) return;
    const ticketId = pendingTicket();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (attempt: number): Promise<void> => {
      const owned = await purchases().catch(() => null);
      if (stopped) return;
      if (ticketId && owned?.documents.includes(ticketId)) {
        forgetPendingTicket();
        clearPurchaseReturn();
        setWait("paid");
        navigate(`/t/${ticketId}`);
        return;
      }
      if (attempt + 1 >= TRIES || !ticketId) {
        clearPurchaseReturn();
        setWait("slow");
        return;
      }
      timer = setTimeout(() => void check(attempt + 1), EVERY_MS);
    };
    void check(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [wait, signedIn]);
  return wait;
}
