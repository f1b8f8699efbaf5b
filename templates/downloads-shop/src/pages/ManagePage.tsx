import { useState, type FormEvent } from "react";
import { uploadFile, useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { FORMAT_LABELS, type Product } from "../lib/shop";

type Format = NonNullable<Product["format"]>;
const FORMATS = Object.keys(FORMAT_LABELS) as Format[];

/**
 * The creator's page (locked): add products with their file, remove them. Only the app's creator
 * may write products (rule `creator`); the server answers anyone else 403, shown here.
 */
export function ManagePage() {
  const { user, isCreator, loading } = useUser();
  const products = useCollection("products", { limit: 100, sort: "-createdAt" });
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [description, setDescription] = useState("");
  const [format, setFormat] = useState<Format>("pdf");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<SandlotError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/manage" intro="Sign in with your creator account to manage products." />
      </div>
    );
  if (!isCreator)
    return (
      <div className="container narrow stack">
        <h1>Managing products is for the shop's creator</h1>
        <p className="muted">
          If this is your shop, sign in with the email of your Sandlot account and confirm it from the mail we sent.
        </p>
        <Link to="/">Back to the shop</Link>
      </div>
    );

  async function add(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const uploaded = file ? await uploadFile(file) : null;
      await products.create({
        title: title.trim(),
        format,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(uploaded ? { file: uploaded.id } : {}),
      });
      setDone(`“${title.trim()}” is in the shop.`);
      setTitle("");
      setSummary("");
      setDescription("");
      setFile(null);
      form.reset();
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }

  const items = products.items as unknown as Product[];
  return (
    <div className="container narrow stack">
      <h1>Manage products</h1>
      <p className="muted">
        Everyone can see a product's page. Only buyers, All-access subscribers and you can download its file.
      </p>
      <form className="card stack" onSubmit={(e) => void add(e)} aria-label="Add a product">
        <label className="field">
          <span>Title</span>
          <input type="text" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>
            One-line summary <small className="muted">(optional)</small>
          </span>
          <input type="text" maxLength={200} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <label className="field">
          <span>
            Description <small className="muted">(optional)</small>
          </span>
          <textarea rows={4} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="field">
          <span>Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>File (PDF, PNG, JPEG, WebP or plain text, up to 25 MB)</span>
          <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <ErrorNote error={error} />
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy || title.trim() === "" || !file}>
          {busy ? "Uploading…" : "Add product"}
        </button>
      </form>
      <ErrorNote error={products.error} />
      {products.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No products yet. Add your first above.</Empty>
      ) : (
        <ul className="purchase-list" aria-label="Your products">
          {items.map((p) => (
            <li key={p.id} className="card spread">
              <div>
                <Link to={`/p/${p.id}`}>
                  <strong>{p.title}</strong>
                </Link>
                <div className="muted small">{p.file ? FORMAT_LABELS[p.format ?? "pdf"] : "No file"}</div>
              </div>
              <button
                type="button"
                className="button danger small"
                onClick={() => {
                  if (window.confirm(`Remove “${p.title}” from the shop?`))
                    void products.remove(p.id).catch((e: SandlotError) => setError(e));
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
