import { useUser } from "@sandlot/sdk";
import { AuthScreen } from "./components/AuthScreen";
import { Link, useRoute } from "./lib/router";
import { BookPage } from "./pages/BookPage";
import { MyBookingsPage } from "./pages/MyBookingsPage";
import { AccountPage } from "./pages/AccountPage";
import { ManageSlotsPage } from "./pages/ManageSlotsPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import "./styles/booking.css";

/** Locked shell: header, routes, footer. */
export function App() {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);

  let page;
  if (path === "/") page = <BookPage />;
  else if (path === "/bookings") page = <MyBookingsPage />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="/" />;
  else if (path === "/signup") page = <AuthScreen mode="signup" next="/" intro="An account lets you book and manage your sessions." />;
  else if (path === "/account") page = <AccountPage />;
  else if (path === "/manage") page = <ManageSlotsPage />;
  else page = <section className="container narrow"><h1>Page not found</h1><p><Link to="/">See available times</Link></p></section>;

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="container">
          <a className="brand" href="#/"><Brand /></a>
          <nav className="nav" aria-label="Main">
            <Link to="/" aria-current={cur("/")}>Book</Link>
            {user ? (
              <>
                <Link to="/bookings" aria-current={cur("/bookings")}>My bookings</Link>
                <Link to="/account" aria-current={cur("/account")}>Account</Link>
              </>
            ) : (
              <>
                <Link to="/signin">Sign in</Link>
                <Link to="/signup" className="button primary small">Sign up</Link>
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
