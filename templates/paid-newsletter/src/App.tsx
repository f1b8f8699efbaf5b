import type { ReactNode } from "react";
import { useCollection, useUser } from "@sandlot/sdk";
import { AccountPage, AuthScreen, Link, NotFound, Shell, match, useRoute } from "@sandlot/kit";
import { HomePage } from "./pages/HomePage";
import { PostPage } from "./pages/PostPage";
import { WritePage } from "./pages/WritePage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import Pricing from "./blanks/Pricing";
import "./styles/newsletter.css";

/** The writer's link shows only when the server lets this user list full posts (the creator). */
function WriteLink(props: { active: boolean }) {
  const { error, loading } = useCollection("posts", { limit: 1 });
  if (loading || error) return null;
  return (
    <Link to="/write" aria-current={props.active ? "page" : undefined}>
      Write
    </Link>
  );
}

/** Locked shell: header, routes, footer. Pages and blanks render inside. */
export function App() {
  const path = useRoute();
  const { user } = useUser();
  const post = match("/p/:id", path);

  let page: ReactNode;
  if (path === "/") page = <HomePage />;
  else if (post) page = <PostPage previewId={post.id!} />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="/account" />;
  else if (path === "/join")
    page = (
      <AuthScreen
        mode="signup"
        next="/account"
        intro="Create a free account, then become a member to read every post in full."
      />
    );
  else if (path === "/account")
    page = (
      <AccountPage
        plan="member"
        heading="Membership"
        subscribedBadge="Member"
        freeBadge="Free reader"
        subscribedText="Thank you for supporting this newsletter. Every post is yours to read in full."
        pricing={Pricing}
      />
    );
  else if (path === "/write") page = <WritePage />;
  else page = <NotFound homeLabel="Back to the latest posts" />;

  const nav = (
    <>
      <Link to="/" aria-current={path === "/" ? "page" : undefined}>
        Posts
      </Link>
      {user && <WriteLink active={path === "/write"} />}
      {user ? (
        <Link to="/account" aria-current={path === "/account" ? "page" : undefined}>
          Account
        </Link>
      ) : (
        <>
          <Link to="/signin">Sign in</Link>
          <Link to="/join" className="button primary small">
            Subscribe
          </Link>
        </>
      )}
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/write", label: "Write a post" }}>
      {page}
    </Shell>
  );
}
