import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AccountPage, AuthScreen, Link, Loading, NotFound, Shell, useRoute } from "@sandlot/kit";
import Brand from "./blanks/Brand";
import Landing from "./blanks/Landing";
import Dashboard from "./blanks/Dashboard";
import Footer from "./blanks/Footer";
import Pricing from "./blanks/Pricing";
import "./styles/saas.css";

/** Locked shell: signed-out visitors get the landing page, signed-in users their workspace. */
export function App() {
  const path = useRoute();
  const { user, loading } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);

  let page: ReactNode;
  if (path === "/signin") page = <AuthScreen mode="signin" next="/app" />;
  else if (path === "/signup")
    page = (
      <AuthScreen mode="signup" next="/app" intro="Free forever for small workspaces. Upgrade when you need more." />
    );
  else if (path === "/account")
    page = (
      <AccountPage
        plan="pro"
        heading="Plan"
        subscribedBadge="Pro"
        freeBadge="Free"
        subscribedText="You are on Pro: 500 notes and 1,000 tasks."
        pricing={Pricing}
      />
    );
  else if (path === "/app")
    page = loading ? (
      <div className="container">
        <Loading />
      </div>
    ) : user ? (
      <div className="container">
        <Dashboard />
      </div>
    ) : (
      <div className="container">
        <AuthScreen mode="signin" next="/app" />
      </div>
    );
  else if (path === "/") page = <Landing />;
  else page = <NotFound homeLabel="Home" />;

  const nav = user ? (
    <>
      <Link to="/app" aria-current={cur("/app")}>
        Workspace
      </Link>
      <Link to="/account" aria-current={cur("/account")}>
        Account & billing
      </Link>
    </>
  ) : (
    <>
      <Link to="/signin">Sign in</Link>
      <Link to="/signup" className="button primary small">
        Start free
      </Link>
    </>
  );
  return (
    <Shell brand={<Brand />} brandTo={user ? "/app" : "/"} nav={nav} footer={<Footer />}>
      {page}
    </Shell>
  );
}
