import type { ReactElement } from "react";
import { signOut, useUser } from "@sandlot/sdk";
import { AuthScreen, Link, Loading } from "@sandlot/kit";

/** Account (locked): who is signed in, and sign out. This template sells nothing, so there is no plan to show. */
export function AccountBox(): ReactElement {
  const { user, loading } = useUser();
  if (loading)
    return (
      <div className="container">
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
      <p className="card">
        Signed in as <strong>{user.email}</strong>
      </p>
      <div className="row">
        <Link to="/ask" className="button primary">
          Ask a question
        </Link>
        <button type="button" className="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </div>
  );
}
