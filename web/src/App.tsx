import { useCallback, useEffect, useMemo, useState } from "react";
import { api, setUnauthorizedHandler, type Creator, type StudioTypes } from "./lib/api";
import { queryClient } from "./lib/queries";
import { navigate, useRoute } from "./lib/router";
import { SessionContext, type Session } from "./session";
import { AuthScreen } from "./screens/AuthScreen";
import { AppsScreen } from "./screens/AppsScreen";
import { NewAppScreen } from "./screens/NewAppScreen";
import { WorkspaceScreen } from "./screens/WorkspaceScreen";
import { AccountScreen } from "./screens/AccountScreen";
import { ForgotPasswordScreen, ResetPasswordScreen } from "./screens/PasswordResetScreen";
import { TopNav } from "./components/TopNav";
import { Spinner } from "./components/ui";

/** Pages a signed-out person may open; nobody is sent away from them. */
const isSignedOutPage = (name: string): boolean => name === "forgot" || name === "reset";

type Auth = { state: "loading" } | { state: "out" } | { state: "in"; creator: Creator };

export function App() {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>({ state: "loading" });

  useEffect(() => {
    let live = true;
    api<StudioTypes["creator"]>("GET", "/api/auth/me", undefined, { quiet401: true })
      .then((r) => live && setAuth({ state: "in", creator: r.creator }))
      .catch(() => live && setAuth({ state: "out" }));
    setUnauthorizedHandler(() => setAuth({ state: "out" }));
    return () => {
      live = false;
      setUnauthorizedHandler(undefined);
    };
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api("POST", "/api/auth/logout");
    } catch {
      /* signed out locally anyway */
    }
    setAuth({ state: "out" });
    navigate({ name: "signin" });
  }, []);

  // Cached answers belong to the creator who was signed in: none survive into the next session.
  useEffect(() => {
    if (auth.state === "out") queryClient.clear();
  }, [auth.state]);

  const session = useMemo<Session | null>(
    () => (auth.state === "in" ? { creator: auth.creator, signOut } : null),
    [auth, signOut],
  );

  useEffect(() => {
    if (isSignedOutPage(route.name)) return;
    if (auth.state === "out" && route.name !== "signin" && route.name !== "signup")
      navigate({ name: "signin" }, { replace: true });
    if (auth.state === "in" && (route.name === "signin" || route.name === "signup"))
      navigate({ name: "apps" }, { replace: true });
  }, [auth.state, route.name]);

  useEffect(() => {
    const titles: Record<string, string> = {
      signin: "Sign in",
      signup: "Create your account",
      forgot: "Reset your password",
      reset: "Choose a new password",
      apps: "Your apps",
      new: "New app",
      settings: "Account",
    };
    document.title = route.name === "app" ? `${route.slug} · Sandlot` : `${titles[route.name] ?? "Sandlot"} · Sandlot`;
  }, [route]);

  if (auth.state === "loading") {
    return (
      <div className="center-screen">
        <Spinner label="Loading Sandlot" />
      </div>
    );
  }
  // A reset link works whoever is signed in on this browser: the link is the credential.
  if (route.name === "forgot") return <ForgotPasswordScreen />;
  if (route.name === "reset") return <ResetPasswordScreen />;
  if (auth.state === "out" || !session) {
    return (
      <AuthScreen
        mode={route.name === "signup" ? "signup" : "signin"}
        onSignedIn={(creator) => setAuth({ state: "in", creator })}
      />
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {route.name === "app" ? (
        <WorkspaceScreen key={route.slug} slug={route.slug} tab={route.tab} />
      ) : (
        <div className="page">
          <TopNav />
          <main id="main" className="page-main" tabIndex={-1}>
            {route.name === "apps" && <AppsScreen />}
            {route.name === "new" && <NewAppScreen />}
            {route.name === "settings" && <AccountScreen />}
            {route.name === "notfound" && (
              <div className="empty">
                <h1>Nothing here</h1>
                <p>This page does not exist.</p>
                <a
                  className="btn"
                  href="/apps"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate({ name: "apps" });
                  }}
                >
                  Back to your apps
                </a>
              </div>
            )}
            {(route.name === "signin" || route.name === "signup") && (
              <div className="center-screen">
                <Spinner label="Opening your apps" />
              </div>
            )}
          </main>
        </div>
      )}
    </SessionContext.Provider>
  );
}
