/**
 * The app's data, for its creator: a collection's records as a table (read-only, with delete),
 * end users, subscribers and billing events, for the live app or the preview copy. Data fetching
 * through TanStack Query (lib/queries.ts); a delete invalidates the records it changed.
 */
import { useMutation } from "@tanstack/react-query";
import { type JSX, useId, useState } from "react";
import { ConfirmDialog } from "../../components/Dialog";
import { TabList, tabPanel } from "../../components/Tabs";
import { ErrorBanner, Spinner } from "../../components/ui";
import { api, type StudioTypes } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { invalidate, useStudioQuery } from "../../lib/queries";

type Copy = "live" | "preview";
type View = { kind: "collection"; name: string } | { kind: "users" } | { kind: "subscribers" } | { kind: "events" };

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.length > 120 ? `${value.slice(0, 117)}…` : value;
  return JSON.stringify(value).slice(0, 120);
}

function Records({ slug, copy, name }: { slug: string; copy: Copy; name: string }): JSX.Element {
  const [before, setBefore] = useState<string[]>([]);
  const cursor = before.at(-1);
  const path = `/api/apps/${encodeURIComponent(slug)}/data/collections/${encodeURIComponent(name)}?copy=${copy}&limit=25${cursor ? `&before=${encodeURIComponent(cursor)}` : ""}`;
  const q = useStudioQuery("dataRecords", path);
  const [confirming, setConfirming] = useState<string | null>(null);
  const del = useMutation({
    mutationFn: (id: string) =>
      api(
        "DELETE",
        `/api/apps/${encodeURIComponent(slug)}/data/collections/${encodeURIComponent(name)}/${encodeURIComponent(id)}?copy=${copy}`,
      ),
    onSuccess: () => {
      setConfirming(null);
      return invalidate("dataRecords");
    },
  });
  if (q.isPending) return <Spinner label={`Loading ${name}`} />;
  if (q.isError) return <ErrorBanner error={q.error} />;
  const records = q.data.records;
  if (records.length === 0 && before.length === 0) {
    return (
      <div className="empty empty-small" data-testid="data-empty">
        <p>
          No {name} yet in the {copy === "live" ? "live app" : "preview"}. They appear here as soon as someone uses the{" "}
          {copy === "live" ? "published app" : "preview"}:{" "}
          {copy === "live"
            ? "open your live app (publish it first if you have not)"
            : "try it in the Edit tab's preview"}
          .
        </p>
      </div>
    );
  }
  const fields = [...new Set(records.flatMap((r) => Object.keys(r.data)))].slice(0, 8);
  return (
    <>
      {confirming && (
        <ConfirmDialog
          title="Delete this record?"
          confirmLabel="Delete record"
          busyLabel="Deleting…"
          busy={del.isPending}
          error={<ErrorBanner error={del.error} />}
          onConfirm={() => del.mutate(confirming)}
          onClose={() => setConfirming(null)}
          testId="delete-record-dialog"
        >
          <p>
            It is removed from {name} in the {copy === "live" ? "live app" : "preview"}. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      <div className="table-wrap">
        <table className="data-table" data-testid="data-records">
          <caption className="visually-hidden">
            {name} ({copy})
          </caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Owner</th>
              {fields.map((f) => (
                <th scope="col" key={f}>
                  {f}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{r.ownerEmail ?? "—"}</td>
                {fields.map((f) => (
                  <td key={f}>{cell(r.data[f])}</td>
                ))}
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => {
                      del.reset();
                      setConfirming(r.id);
                    }}
                  >
                    Delete<span className="visually-hidden"> record {r.id}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          disabled={before.length === 0}
          onClick={() => setBefore((b) => b.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!q.data.next}
          onClick={() => q.data.next && setBefore((b) => [...b, q.data.next as string])}
        >
          Older
        </button>
      </div>
    </>
  );
}

type EndUser = StudioTypes["dataUsers"]["users"][number];

function Users({ slug, copy }: { slug: string; copy: Copy }): JSX.Element {
  const q = useStudioQuery("dataUsers", `/api/apps/${encodeURIComponent(slug)}/data/users?copy=${copy}&limit=100`);
  const [confirming, setConfirming] = useState<EndUser | null>(null);
  const del = useMutation({
    mutationFn: (id: string) =>
      api("DELETE", `/api/apps/${encodeURIComponent(slug)}/data/users/${encodeURIComponent(id)}?copy=${copy}`),
    onSuccess: () => {
      setConfirming(null);
      // Their records went with them.
      return Promise.all([invalidate("dataUsers"), invalidate("dataRecords")]);
    },
  });
  if (q.isPending) return <Spinner label="Loading end users" />;
  if (q.isError) return <ErrorBanner error={q.error} />;
  if (q.data.users.length === 0)
    return (
      <div className="empty empty-small" data-testid="users-empty">
        <p>Nobody has signed up to the {copy === "live" ? "live app" : "preview"} yet.</p>
      </div>
    );
  const where = copy === "live" ? "the live app" : "the preview";
  return (
    <>
      <div className="table-wrap">
        <table className="data-table" data-testid="data-users">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Verified</th>
              <th scope="col">Signed up</th>
              <th scope="col">Plan</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {q.data.users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.verified ? "Yes" : "Not yet"}</td>
                <td>{formatDateTime(u.createdAt)}</td>
                <td>{u.plans.join(", ") || "Free"}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => {
                      del.reset();
                      setConfirming(u);
                    }}
                  >
                    Delete<span className="visually-hidden"> {u.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Delete this person?"
          confirmLabel="Delete them"
          busyLabel="Deleting…"
          busy={del.isPending}
          error={<ErrorBanner error={del.error} />}
          onConfirm={() => del.mutate(confirming.id)}
          onClose={() => setConfirming(null)}
          testId="delete-user-dialog"
        >
          <p>
            <strong>{confirming.email}</strong> will be signed out of {where} and deleted, with everything they created
            and uploaded there. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Subscribers({ slug }: { slug: string }): JSX.Element {
  const q = useStudioQuery("subscribers", `/api/apps/${encodeURIComponent(slug)}/billing/subscribers`);
  if (q.isPending) return <Spinner label="Loading subscribers" />;
  if (q.isError) return <ErrorBanner error={q.error} />;
  if (q.data.subscribers.length === 0)
    return (
      <div className="empty empty-small">
        <p>No subscribers yet. They appear when someone pays for a plan.</p>
      </div>
    );
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col">Paid until</th>
          </tr>
        </thead>
        <tbody>
          {q.data.subscribers.map((s: StudioTypes["subscribers"]["subscribers"][number]) => (
            <tr key={`${s.userId}-${s.plan}`}>
              <td>{s.email}</td>
              <td>{s.plan}</td>
              <td>{s.status}</td>
              <td>{formatDateTime(s.currentPeriodEnd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Events({ slug }: { slug: string }): JSX.Element {
  const q = useStudioQuery("billingEvents", `/api/apps/${encodeURIComponent(slug)}/billing/events`);
  if (q.isPending) return <Spinner label="Loading billing events" />;
  if (q.isError) return <ErrorBanner error={q.error} />;
  if (q.data.events.length === 0)
    return (
      <div className="empty empty-small">
        <p>No billing events yet. Payments and cancellations show up here.</p>
      </div>
    );
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Type</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {q.data.events.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.receivedAt)}</td>
              <td className="mono">{e.type}</td>
              <td>
                {e.status}
                {e.reason ? ` (${e.reason})` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DataTab({ slug }: { slug: string }): JSX.Element {
  const ids = useId().replace(/:/g, "");
  const [copy, setCopy] = useState<Copy>("live");
  const collections = useStudioQuery("dataCollections", `/api/apps/${encodeURIComponent(slug)}/data/collections`);
  const [view, setView] = useState<View | null>(null);
  const names = collections.data?.collections ?? [];
  const shown: View | null = view ?? (names[0] ? { kind: "collection", name: names[0] } : { kind: "users" });
  const key = (v: View): string => (v.kind === "collection" ? `c:${v.name}` : v.kind);
  const choices: Array<{ view: View; label: string }> = [
    ...names.map((n) => ({ view: { kind: "collection", name: n } as View, label: n })),
    { view: { kind: "users" }, label: "End users" },
    { view: { kind: "subscribers" }, label: "Subscribers" },
    { view: { kind: "events" }, label: "Billing events" },
  ];
  return (
    <div className="page-main data-tab">
      <div className="spread">
        <h1>Data</h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">Which copy</legend>
          {(["live", "preview"] as Copy[]).map((c) => (
            <label key={c} className={`segmented-item${copy === c ? " is-on" : ""}`}>
              <input type="radio" name="copy" value={c} checked={copy === c} onChange={() => setCopy(c)} />
              {c === "live" ? "Live app" : "Preview"}
            </label>
          ))}
        </fieldset>
      </div>
      {collections.isError && <ErrorBanner error={collections.error} />}
      <TabList
        idBase={ids}
        label="What to show"
        className="data-views"
        tabClassName="btn btn-small btn-ghost"
        tabs={choices.map((c) => ({ id: key(c.view), label: c.label }))}
        selected={key(shown)}
        onSelect={(id) => {
          const next = choices.find((c) => key(c.view) === id);
          if (next) setView(next.view);
        }}
        withPanels
      />
      <div {...tabPanel(ids, key(shown))} className="data-panel">
        {shown.kind === "collection" && (
          <Records key={`${copy}:${shown.name}`} slug={slug} copy={copy} name={shown.name} />
        )}
        {shown.kind === "users" && <Users slug={slug} copy={copy} />}
        {shown.kind === "subscribers" && <Subscribers slug={slug} />}
        {shown.kind === "events" && <Events slug={slug} />}
      </div>
    </div>
  );
}
