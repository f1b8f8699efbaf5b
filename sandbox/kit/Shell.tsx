import type { ReactNode } from "react";
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
  /** The current page. */
  children: ReactNode;
}

/** The page frame: skip link, sticky header with brand and navigation, main, footer. */
export function Shell(props: ShellProps) {
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
      <main id="main" tabIndex={-1}>
        {props.children}
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
