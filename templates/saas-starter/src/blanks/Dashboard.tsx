import { useUser } from "@sandlot/sdk";
import { NotesPanel } from "../components/NotesPanel";
import { TasksPanel } from "../components/TasksPanel";

/**
 * Dashboard (blank): the signed-in workspace. Arrange the locked NotesPanel and TasksPanel, add
 * a greeting or tips. The panels talk to the server; data rules and limits are enforced there.
 */
export default function Dashboard() {
  const { user } = useUser();
  const hour = new Date().getHours();
  const greeting = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
  return (
    <div className="stack">
      <header>
        <h1>
          {greeting}
          {user ? `, ${user.email.split("@")[0]}` : ""}
        </h1>
        <p className="muted">Here's your workspace.</p>
      </header>
      <div className="workspace">
        <NotesPanel />
        <TasksPanel />
      </div>
    </div>
  );
}
