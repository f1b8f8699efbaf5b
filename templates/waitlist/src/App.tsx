import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AuthScreen, Link, match, NotFound, Shell, useRoute } from "@sandlot/kit";
import { JoinPage } from "./pages/JoinPage";
import { ManagePage } from "./pages/ManagePage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import "./styles/waitlist.css";

const SIGNUP_INTRO = "Your email and a password. We send a link to confirm the address: that keeps your place.";

/** Locked shell: routes (a referral link is `#/r/<entry id>`), header, footer. */
export function App() {
  const path = useRoute();
  const { user } = useUser();
  const invited = match("/r/:ref", path) ?? match("/signup/:ref", path) ?? match("/signin/:ref", path);
  const referrer = invited?.ref ?? null;
  const back = referrer ? `/r/${referrer}` : "/";

  let page: ReactNode;
  if (path === "/" || match("/r/:ref", path)) page = <JoinPage referrer={referrer} />;
  else if (path === "/signup" || match("/signup/:ref", path))
    page = <AuthScreen mode="signup" next={back} intro={SIGNUP_INTRO} />;
  else if (path === "/signin" || match("/signin/:ref", path)) page = <AuthScreen mode="signin" next={back} />;
  else if (path === "/manage") page = <ManagePage />;
  else page = <NotFound homeLabel="Back to the launch page" />;

  const nav = user ? (
    <Link to="/" aria-current={path === "/" ? "page" : undefined}>
      My place
    </Link>
  ) : (
    <>
      <Link to="/signin">Sign in</Link>
      <Link to="/signup" className="button primary small">
        Join
      </Link>
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/manage", label: "See the list" }}>
      {page}
    </Shell>
  );
}
