import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AccountPage, AuthScreen, Link, NotFound, Shell, useRoute } from "@sandlot/kit";
import { BookPage } from "./pages/BookPage";
import { MyBookingsPage } from "./pages/MyBookingsPage";
import { ManageSlotsPage } from "./pages/ManageSlotsPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import Pricing from "./blanks/Pricing";
import "./styles/booking.css";

/** Locked shell: header, routes, footer. */
export function App() {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);

  let page: ReactNode;
  if (path === "/") page = <BookPage />;
  else if (path === "/bookings") page = <MyBookingsPage />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="/" />;
  else if (path === "/signup")
    page = <AuthScreen mode="signup" next="/" intro="An account lets you book and manage your sessions." />;
  else if (path === "/account")
    page = (
      <AccountPage
        plan="pro"
        heading="Plan"
        subscribedBadge="Pro"
        freeBadge="Free"
        subscribedText="You are on Pro: book many more sessions at once."
        pricing={Pricing}
      />
    );
  else if (path === "/manage") page = <ManageSlotsPage />;
  else page = <NotFound homeLabel="See available times" />;

  const nav = (
    <>
      <Link to="/" aria-current={cur("/")}>
        Book
      </Link>
      {user ? (
        <>
          <Link to="/bookings" aria-current={cur("/bookings")}>
            My bookings
          </Link>
          <Link to="/account" aria-current={cur("/account")}>
            Account
          </Link>
        </>
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
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/manage", label: "Manage times" }}>
      {page}
    </Shell>
  );
}
