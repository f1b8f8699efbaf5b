import { useCollection, useUser } from "@sandlot/sdk";
import { AuthScreen } from "./components/AuthScreen";
import { Link, match, useRoute } from "./lib/router";
import { HomePage } from "./pages/HomePage";
import { PostPage } from "./pages/PostPage";
import { AccountPage } from "./pages/AccountPage";
import { WritePage } from "./pages/WritePage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import "./styles/newsletter.css";

/** The writer's link shows only when the server lets this user list full posts (the creator). */
function WriteLink(props: { active: boolean }) {
  const { error, loading } = useCollection("posts", { limit: 1 });
  if (loading || error) return null;
  return <Link to="/write" aria-current={props.active ? "page" : undefined}>Write</Link>;
}

/** Locked shell: header, routes, footer. Pages and blanks render inside. */
export function App() {
  const path = useRoute();
  const { user } = useUser();
  const post = match("/p/:id", path);

  let page;
  if (path === "/") page = <HomePage />;
  else if (post) page = <PostPage previewId={post.id!} />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="/account" />;
  else if (path === "/join") page = <AuthScreen mode="signup" next="/account" intro="Create a free account, then become a member to read every post in full." />;
  else if (path === "/account") page = <AccountPage />;
  else if (path === "/write") page = <WritePage />;
  else page = <section className="narrow container"><h1>Page not found</h1><p><Link to="/">Back to the latest posts</Link></p></section>;

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="container">
          <a className="brand" href="#/"><Brand /></a>
          <nav className="nav" aria-label="Main">
            <Link to="/" aria-current={path === "/" ? "page" : undefined}>Posts</Link>
            {user && <WriteLink active={path === "/write"} />}
            {user ? (
              <Link to="/account" aria-current={path === "/account" ? "page" : undefined}>Account</Link>
            ) : (
              <>
                <Link to="/signin">Sign in</Link>
                <Link to="/join" className="button primary small">Subscribe</Link>
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
