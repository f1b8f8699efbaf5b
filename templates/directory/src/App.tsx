import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AuthScreen, Link, match, NotFound, Shell, useRoute } from "@sandlot/kit";
import { HomePage } from "./pages/HomePage";
import { ListingPage } from "./pages/ListingPage";
import { SubmitPage } from "./pages/SubmitPage";
import { MyListingsPage } from "./pages/MyListingsPage";
import { ReviewPage } from "./pages/ReviewPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import "./styles/directory.css";

function pageFor(path: string): ReactNode {
  if (path === "/") return <HomePage />;
  const listing = match("/l/:id", path);
  if (listing) return <ListingPage id={listing.id} />;
  if (path === "/submit") return <SubmitPage />;
  // Payments for the featured upgrade come back to #/account (the platform's return route).
  if (path === "/account") return <MyListingsPage />;
  if (path === "/review") return <ReviewPage />;
  if (path === "/signin") return <AuthScreen mode="signin" next="/" />;
  if (path === "/signup")
    return <AuthScreen mode="signup" next="/submit" intro="An account lets you add your own listing." />;
  return <NotFound homeLabel="Back to the directory" />;
}

/** Locked shell: header, routes, footer. */
export function App(): ReactNode {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);
  const nav = (
    <>
      <Link to="/" aria-current={cur("/")}>
        Browse
      </Link>
      <Link to="/submit" aria-current={cur("/submit")}>
        Add a listing
      </Link>
      {user ? (
        <Link to="/account" aria-current={cur("/account")}>
          My listings
        </Link>
      ) : (
        <>
          <Link to="/signin">Sign in</Link>
          <Link to="/signup" className="button primary small">
            Sign up
          </Link>
        </>
      )}
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/review", label: "Review listings" }}>
      {pageFor(path)}
    </Shell>
  );
}
