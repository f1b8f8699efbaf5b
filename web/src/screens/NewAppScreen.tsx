import { useId, useState, type FormEvent } from "react";
import { api, ApiError, type StudioTypes } from "../lib/api";
import { invalidate, useStudioQuery } from "../lib/queries";
import { navigate } from "../lib/router";
import { slugFromName, slugHint } from "../lib/slug";
import { ErrorBanner, Link, Spinner } from "../components/ui";
import { AppAllowanceNote, useAppUsage } from "../components/PlanLimits";

function addressPreview(slug: string): string {
  const s = slug || "your-app";
  return location.hostname === "localhost" || location.hostname === "127.0.0.1"
    ? `${s}.localhost${location.port ? `:${location.port}` : ""}`
    : `${s}.…`;
}

export function NewAppScreen() {
  const ids = useId();
  const listed = useStudioQuery("templates", "/api/templates");
  const templates = listed.data?.templates ?? (listed.isError ? [] : null);
  const loadError = listed.error;
  const [picked, setTemplate] = useState<string>("");
  // The first template is picked until the creator picks another.
  const template = picked || templates?.[0]?.id || "";
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [slugError, setSlugError] = useState<string | null>(null);

  const usage = useAppUsage();
  const full = usage !== null && usage.used >= usage.allowed;
  const effectiveSlug = slugEdited ? slug : slugFromName(name);
  const hint = slugHint(effectiveSlug);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSlugError(null);
    if (!template) {
      setError(new Error("Pick a template first."));
      return;
    }
    setBusy(true);
    try {
      const r = await api<StudioTypes["app"]>("POST", "/api/apps", {
        slug: effectiveSlug,
        template,
        name: name.trim() || effectiveSlug,
      });
      void invalidate("apps");
      navigate({ name: "app", slug: r.app.slug, tab: "edit" });
    } catch (err) {
      // The server decides about slugs (format, reserved, lookalike, taken): show its words by the field.
      if (err instanceof ApiError && (err.status === 409 || /slug/i.test(err.message) || /slug/i.test(err.code)))
        setSlugError(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack narrow">
      <div>
        <Link to={{ name: "apps" }} className="back-link">
          ← Your apps
        </Link>
        <h1>New app</h1>
        <p className="muted">Choose a starting point. You'll fill in its blanks — everything else is ready.</p>
      </div>
      <ErrorBanner error={loadError} />
      <form onSubmit={submit} className="stack" noValidate>
        <fieldset className="template-picker">
          <legend>Template</legend>
          {templates === null ? (
            <Spinner label="Loading templates" />
          ) : templates.length === 0 ? (
            <p className="muted">No templates are available yet.</p>
          ) : (
            <div className="card-grid" role="radiogroup" aria-label="Template">
              {templates.map((t) => {
                const blanks = t.manifest.blanks.length;
                const plans = t.manifest.plans.length;
                return (
                  <label key={t.id} className={`card template-card${template === t.id ? " is-selected" : ""}`}>
                    <input
                      type="radio"
                      name="template"
                      value={t.id}
                      checked={template === t.id}
                      onChange={() => setTemplate(t.id)}
                      className="visually-hidden"
                    />
                    <span className="template-card-name">{t.name}</span>
                    <span className="template-card-desc">{t.description}</span>
                    <span className="template-card-meta">
                      {blanks} {blanks === 1 ? "blank" : "blanks"}
                      {plans > 0 ? ` · ${plans} paid ${plans === 1 ? "plan" : "plans"}` : ""}
                    </span>
                  </label>
                );
              })}
            </div>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-name`}>App name</label>
          <input
            id={`${ids}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            placeholder="Yoga with Léa"
            autoComplete="off"
          />
        </div>

        <div className="field">
          <label htmlFor={`${ids}-slug`}>Web address</label>
          <div className="input-affix">
            <input
              id={`${ids}-slug`}
              className="mono"
              value={effectiveSlug}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value.trim());
                setSlugError(null);
              }}
              aria-invalid={!hint.ok || slugError ? true : undefined}
              aria-describedby={`${ids}-slug-hint`}
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
            />
          </div>
          <p
            id={`${ids}-slug-hint`}
            className={`hint${slugError || (!hint.ok && effectiveSlug) ? " hint-error" : ""}`}
            aria-live="polite"
          >
            {slugError ??
              (hint.message || (
                <>
                  Your app will live at <span className="mono">{addressPreview(effectiveSlug)}</span>
                </>
              ))}
          </p>
        </div>

        <AppAllowanceNote usage={usage} />
        <ErrorBanner error={error} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || !hint.ok || !template || full}>
            {busy ? "Creating…" : "Create app"}
          </button>
          <Link to={{ name: "apps" }} className="btn btn-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
