import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AuthScreen, Link, NotFound, Shell, match, useRoute } from "@sandlot/kit";
import { AccountView } from "./pages/AccountView";
import { DoorPage } from "./pages/DoorPage";
import { EventPage } from "./pages/EventPage";
import { EventsPage } from "./pages/EventsPage";
import { ManagePage } from "./pages/ManagePage";
import { MyTicketsPage } from "./pages/MyTicketsPage";
import { TicketPage } from "./pages/TicketPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import "./styles/events.css";

function pageFor(path: string): ReactNode {
  if (path === "/") return <EventsPage />;
  const event = match("/e/:id", path);
  if (event) return <EventPage id={event.id} />;
  const ticket = match("/t/:id", path);
  if (ticket) return <TicketPage id={ticket.id} />;
  if (path === "/tickets") return <MyTicketsPage />;
  if (path === "/account") return <AccountView />;
  if (path === "/manage") return <ManagePage />;
  const door = match("/manage/:id", path);
  if (door) return <DoorPage eventId={door.id} />;
  if (path === "/signin") return <AuthScreen mode="signin" next="/" />;
  if (path === "/signup")
    return <AuthScreen mode="signup" next="/" intro="An account keeps your tickets and RSVPs in one place." />;
  return <NotFound homeLabel="See upcoming events" />;
}

/** Locked shell: header, routes, footer. */
export function App(): ReactNode {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string): "page" | undefined => (path === p ? "page" : undefined);
  const nav = (
    <>
      <Link to="/" aria-current={cur("/")}>
        Events
      </Link>
      {user ? (
        <>
          <Link to="/tickets" aria-current={cur("/tickets")}>
            My tickets
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
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/manage", label: "Manage events" }}>
      {pageFor(path)}
    </Shell>
  );
}
