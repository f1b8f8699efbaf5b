import { useSession } from "../session";
import { Link } from "./ui";
import { useRoute } from "../lib/router";

export function Logo() {
  return (
    <span className="logo">
      <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="var(--brand)" />
        <path d="M7 22c4-7 14-7 18 0" stroke="var(--sand)" strokeWidth="3" fill="none" strokeLinecap="round" />
        <circle cx="16" cy="12" r="3" fill="var(--sand)" />
      </svg>
      <span className="logo-text">Sandlot</span>
    </span>
  );
}

export function TopNav() {
  const { creator, signOut } = useSession();
  const route = useRoute();
  return (
    <header className="topnav">
      <Link to={{ name: "apps" }} className="topnav-brand">
        <Logo />
      </Link>
      <nav aria-label="Main" className="topnav-links">
        <Link to={{ name: "apps" }} aria-current={route.name === "apps" ? "page" : undefined}>
          Apps
        </Link>
        <Link to={{ name: "settings" }} aria-current={route.name === "settings" ? "page" : undefined}>
          Account
        </Link>
      </nav>
      <div className="topnav-user">
        <span className="topnav-email" title={creator.email}>
          {creator.email}
        </span>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
