import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AccountPage, AuthScreen, Link, NotFound, Shell, useRoute } from "@sandlot/kit";
import { HistoryPage } from "./pages/HistoryPage";
import { TodayPage } from "./pages/TodayPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import Pricing from "./blanks/Pricing";
import "./styles/habits.css";

/** Locked shell: header, routes, footer. Nothing here is shared between people: every page is one's own. */
export function App() {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);

  let page: ReactNode;
  if (path === "/") page = <TodayPage />;
  else if (path === "/history") page = <HistoryPage />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="/" />;
  else if (path === "/signup")
    page = <AuthScreen mode="signup" next="/" intro="Your habits stay private: only you can see them." />;
  else if (path === "/account")
    page = (
      <AccountPage
        plan="pro"
        heading="Plan"
        subscribedBadge="Pro"
        freeBadge="Free"
        subscribedText="You are on Pro: up to 30 habits and your history as a spreadsheet."
        pricing={Pricing}
      />
    );
  else page = <NotFound homeLabel="Back to today" />;

  const nav = user ? (
    <>
      <Link to="/" aria-current={cur("/")}>
        Today
      </Link>
      <Link to="/history" aria-current={cur("/history")}>
        History
      </Link>
      <Link to="/account" aria-current={cur("/account")}>
        Account
      </Link>
    </>
  ) : (
    <>
      <Link to="/signin">Sign in</Link>
      <Link to="/signup" className="button primary small">
        Start tracking
      </Link>
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<Footer />}>
      {page}
    </Shell>
  );
}
