import { useUser } from "@sandlot/sdk";
import { AuthScreen } from "./components/AuthScreen";
import { Loading } from "./components/Status";
import { Link, useRoute } from "./lib/router";
import { AccountPage } from "./pages/AccountPage";
import Brand from "./blanks/Brand";
import Landing from "./blanks/Landing";
import Dashboard from "./blanks/Dashboard";
import Footer from "./blanks/Footer";
import "./styles/saas.css";

/** Locked shell: signed-out visitors get the landing page, signed-in users their workspace. */
export function App() {
  const path = useRoute();
  const { user, loading } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);

  let page;
  if (path === "/signin") page = <AuthScreen mode="signin" next="/app" />;
  else if (path === "/signup") page = <AuthScreen mode="signup" next="/app" intro="Free forever for small workspaces. Upgrade when you need more." />;
  else if (path === "/account") page = <AccountPage />;
  else if (path === "/app") page = loading ? <div className="container"><Loading /></div> : user ? <div className="container"><Dashboard /></div> : <div className="container"><AuthScreen mode="signin" next="/app" /></div>;
  else if (path === "/") page = <Landing />;
  else page = <section className="container narrow"><h1>Page not found</h1><p><Link to="/">Home</Link></p></section>;

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="container">
          <a className="brand" href={user ? "#/app" : "#/"}><Brand /></a>
          <nav className="nav" aria-label="Main">
            {user ? (
              <>
                <Link to="/app" aria-current={cur("/app")}>Workspace</Link>
                <Link to="/account" aria-current={cur("/account")}>Account & billing</Link>
              </>
            ) : (
              <>
                <Link to="/signin">Sign in</Link>
                <Link to="/signup" className="button primary small">Start free</Link>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{page}</main>
      <footer className="site-footer"><div className="container"><Footer /></div></footer>
    </>
  );
}
