import { type FormEvent, type ReactNode, useState } from "react";
import { type SandlotError, useCollection, useUser } from "@sandlot/sdk";
import { AuthScreen, ErrorNote, Link, Loading } from "@sandlot/kit";
import { CATEGORIES, type Category } from "../lib/listings";
import SubmitGuidelines from "../blanks/SubmitGuidelines";

function explain(err: SandlotError): SandlotError {
  if (err.code === "quota_exceeded")
    return Object.assign(err, {
      message: "You already have 5 listings, the most one person can hold. Remove one under My listings first.",
    });
  return err;
}

/**
 * Add a listing (locked). The server stores every new listing as `pending` (the author cannot
 * name `status`) and shows it to nobody but its author and the creator until the creator
 * approves it; each person holds at most 5 listings (429 beyond).
 */
export function SubmitPage(): ReactNode {
  const { user, loading } = useUser();
  const mine = useCollection("listings", { where: { ownerId: "@me" }, limit: 1 });
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<Category>("food-drink");
  const [area, setArea] = useState("");
  const [website, setWebsite] = useState("");
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signup" next="/submit" intro="Create a free account to add your listing." />
      </div>
    );

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        title: title.trim(),
        category,
        ...(area.trim() ? { area: area.trim() } : {}),
        ...(website.trim() ? { website: website.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      };
      // No `status`: the server sets its default, `pending`, and refuses it from anyone but the
      // creator. The SDK's manifest types still count a required field with a default as required.
      await mine.create(body as unknown as Parameters<typeof mine.create>[0]);
      setSent(title.trim());
      setTitle("");
      setArea("");
      setWebsite("");
      setDescription("");
    } catch (err) {
      setError(explain(err as SandlotError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container narrow stack">
      <h1>Add a listing</h1>
      <SubmitGuidelines />
      {sent && (
        <p className="notice" role="status">
          Thanks! “{sent}” is waiting for approval. You can follow it under <Link to="/account">My listings</Link>.
        </p>
      )}
      <form className="card stack" onSubmit={(e) => void submit(e)} aria-label="Add a listing">
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            required
            minLength={2}
            maxLength={120}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Category</span>
          <select value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORIES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            Area or address <small className="muted">(optional)</small>
          </span>
          <input type="text" maxLength={80} value={area} onChange={(e) => setArea(e.target.value)} />
        </label>
        <label className="field">
          <span>
            Website <small className="muted">(optional, starting with https://)</small>
          </span>
          <input
            type="url"
            maxLength={2000}
            placeholder="https://"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </label>
        <label className="field">
          <span>
            Description <small className="muted">(optional)</small>
          </span>
          <textarea rows={4} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Sending…" : "Send for approval"}
        </button>
      </form>
    </div>
  );
}
