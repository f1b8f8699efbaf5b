import { useEffect, type ReactNode } from "react";
import { useApp } from "@sandlot/sdk";
import { CreatorNotice, InboxNotice, LinkNotice, ResetPasswordForm, useEmailLink } from "./Notices";
import { Link } from "./router";

export interface ShellProps {
  /** The brand blank, inside the header's home link. */
  brand: ReactNode;
  /** Route the brand links to. Default "/". */
  brandTo?: string;
  /** The header's links (Link elements). */
  nav: ReactNode;
  /** The footer blank. */
  footer: ReactNode;
  /** The creator-only page, offered to the app's creator once signed in (e.g. "/manage"). */
  creatorPage?: { to: string; label: string };
  /** The current page. */
  children: ReactNode;
}

/**
 * The page frame: skip link, sticky header with brand and navigation, the account notices (mail
 * links, unconfirmed address, the creator's entry), main, footer. The browser tab shows the app's
 * own name, as the creator set it in the studio.
 */
export function Shell(props: ShellProps) {
  const app = useApp();
  const [link, setLink] = useEmailLink();
  useEffect(() => {
    if (app.name) document.title = app.name;
  }, [app.name]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container">
          <a className="brand" href={`#${props.brandTo ?? "/"}`}>
            {props.brand}
          </a>
          <nav className="nav" aria-label="Main">
            {props.nav}
          </nav>
        </div>
      </header>
      <div className="container kit-notices">
        <LinkNotice state={link} onDismiss={() => setLink({ kind: "none" })} />
        <InboxNotice />
        <CreatorNotice page={props.creatorPage} />
      </div>
      <main id="main" tabIndex={-1}>
        {link.kind === "reset" ? (
          <ResetPasswordForm token={link.token} onDone={() => setLink({ kind: "reset-done" })} />
        ) : (
          props.children
        )}
      </main>
      <footer className="site-footer">
        <div className="container">{props.footer}</div>
      </footer>
    </>
  );
}

/** The page for a route nobody handles, with a link home. */
export function NotFound(props: { homeLabel: string }) {
  return (
    <section className="container narrow">
      <h1>Page not found</h1>
      <p>
        <Link to="/">{props.homeLabel}</Link>
      </p>
    </section>
  );
}
