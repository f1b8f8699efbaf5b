import { Paywall, useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { historyCsv } from "../lib/csv";
import { longestStreak } from "../lib/streaks";
import { useCheckins, useHabits } from "../lib/useAll";

/**
 * History (locked): each habit's totals, and for Pro the download. The download is a convenience
 * the page offers Pro members: a person can always read their own data (README, "Known limits").
 */
export function HistoryPage() {
  const { user, loading } = useUser();
  if (loading) return <Loading />;
  if (!user)
    return (
      <div className="container narrow">
        <AuthScreen mode="signin" next="/history" />
      </div>
    );
  return <History />;
}

const dayCount = (n: number): string => `${n} ${n === 1 ? "day" : "days"}`;

function History() {
  const habits = useHabits();
  const checkins = useCheckins();
  const ready = !habits.loading && !checkins.loading;

  function download(): void {
    const blob = new Blob([historyCsv(habits.habits, checkins.items)], { type: "text/csv" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "habit-history.csv";
    a.click();
    URL.revokeObjectURL(a.href);
  }

  return (
    <div className="container narrow stack">
      <h1>History</h1>
      <ErrorNote error={habits.error ?? checkins.error} />
      {!ready ? (
        <Loading label="Reading your history…" />
      ) : habits.habits.length === 0 ? (
        <Empty>
          Nothing tracked yet. <Link to="/">Add a habit</Link>.
        </Empty>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Habit</th>
              <th scope="col">Days done</th>
              <th scope="col">Longest streak</th>
            </tr>
          </thead>
          <tbody>
            {habits.habits.map((h) => {
              const days = checkins.items.filter((c) => c.habitId === h.id).map((c) => c.day);
              return (
                <tr key={h.id}>
                  <td>{h.name}</td>
                  <td>{days.length}</td>
                  <td>{dayCount(longestStreak(days))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title">Download your history</h2>
        <Paywall
          plan="pro"
          loading={<Loading />}
          fallback={
            <div className="stack">
              <p>A spreadsheet of every day you ticked, for each habit, comes with Pro.</p>
              <p>
                <Link to="/account" className="button primary small">
                  See Pro
                </Link>
              </p>
            </div>
          }
        >
          <p>Every check-in as a CSV file that opens in any spreadsheet.</p>
          <button type="button" className="button primary" onClick={download} disabled={!ready}>
            Download CSV
          </button>
        </Paywall>
      </section>
    </div>
  );
}
