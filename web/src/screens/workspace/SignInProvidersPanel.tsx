import { useId, useState, type FormEvent } from "react";
import { api, type AppSummary, type StudioTypes } from "../../lib/api";
import { invalidate, useStudioQuery } from "../../lib/queries";
import { Badge, CopyButton, ErrorBanner, Notice, Spinner } from "../../components/ui";

type Provider = StudioTypes["oauthProviders"]["providers"][number];

/**
 * "Sign in with Google/GitHub" for the app's users (docs/oauth.md): the creator pastes the client
 * id and secret from the provider's console and registers the redirect URI shown here. The
 * secret is write-only: the server stores it sealed and only ever says whether one is set.
 */
export function SignInProvidersPanel({ app }: { app: AppSummary }) {
  const ids = useId();
  const path = `/api/apps/${encodeURIComponent(app.slug)}/oauth`;
  const query = useStudioQuery("oauthProviders", path);
  return (
    <section className="card panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Sign in with Google and GitHub</h2>
      <p className="muted">
        Let your users sign in with the account they already have. Create an OAuth client with the provider, register
        the redirect URI below exactly as shown, then paste its client id and secret here. Accounts are matched by email
        address only when the provider has verified it.
      </p>
      <ErrorBanner error={query.error} />
      {query.data && !query.data.available && (
        <Notice tone="warn">
          This server has no key to store sign-in secrets (OAUTH_SECRETS_KEY), so providers cannot be turned on.
        </Notice>
      )}
      {!query.data && !query.error && <Spinner label="Loading sign-in providers" />}
      {query.data?.providers.map((p) => (
        <ProviderForm key={p.provider} provider={p} path={path} disabled={!query.data?.available} />
      ))}
    </section>
  );
}

function ProviderForm({ provider, path, disabled }: { provider: Provider; path: string; disabled: boolean }) {
  const ids = useId();
  const [enabled, setEnabled] = useState(provider.enabled);
  const [clientId, setClientId] = useState(provider.clientId);
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api<StudioTypes["oauthProviders"]>("PUT", `${path}/${provider.provider}`, {
        enabled,
        clientId: clientId.trim(),
        ...(secret.trim() ? { clientSecret: secret.trim() } : {}),
      });
      setSecret("");
      setSaved(true);
      await invalidate("oauthProviders");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack provider-form" onSubmit={submit} aria-label={`${provider.name} sign-in`}>
      <h3>
        {provider.name} {provider.enabled ? <Badge tone="good">On</Badge> : <Badge tone="neutral">Off</Badge>}
      </h3>
      <div className="field">
        <span className="label">Redirect URI to register with {provider.name}</span>
        <div className="row">
          <code className="mono" data-testid={`redirect-uri-${provider.provider}`}>
            {provider.redirectUri}
          </code>
          <CopyButton text={provider.redirectUri} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-id`}>Client id</label>
        <input
          id={`${ids}-id`}
          name={`${provider.provider}-client-id`}
          value={clientId}
          maxLength={256}
          autoComplete="off"
          onChange={(e) => setClientId(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-secret`}>Client secret</label>
        <input
          id={`${ids}-secret`}
          name={`${provider.provider}-client-secret`}
          type="password"
          value={secret}
          maxLength={512}
          autoComplete="off"
          placeholder={provider.secretSet ? "Saved — paste a new one to replace it" : "Paste the client secret"}
          aria-describedby={`${ids}-secret-hint`}
          onChange={(e) => setSecret(e.target.value)}
        />
        <small className="muted" id={`${ids}-secret-hint`}>
          Stored encrypted and never shown again, not even to you.
        </small>
      </div>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Show “Continue with{" "}
        {provider.name}” on the sign-in page
      </label>
      <div className="row">
        <button type="submit" className="btn" disabled={busy || disabled}>
          {busy ? "Saving…" : `Save ${provider.name}`}
        </button>
      </div>
      {saved && <Notice tone="success">Saved. Your app's sign-in page shows the change on its next load.</Notice>}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
    </form>
  );
}
