import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, inject, vi } from "vitest";
import type { Env } from "../../platform/env";
import { htmlFromText } from "../../platform/mail/html";
import { deliverDueMail, RETRY_BACKOFF_MS, SENDING_TIMEOUT_MS } from "../../platform/mail/outbox";
import { cloudflareTransport } from "../../platform/mail/cloudflare";
import { resendTransport } from "../../platform/mail/resend";
import type { MailTransport } from "../../platform/mail/provider";
import { mailRoute } from "../../platform/mail/transport";
import type { AppObject } from "../../platform/object/app-object";
import { sendAppMail } from "../../platform/object/send-mail";
import { appStoreOf, type AppStore } from "../../platform/object/store";
import { appStub } from "../../platform/worker/stubs";

/**
 * Mail that arrives: the outbox state machine inside a real app Durable Object, sending through
 * the Resend provider against test/mail-server (which speaks Resend's HTTP API, idempotency keys
 * included) and through the real `send_email` binding wrangler provides locally.
 */

interface SentMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  idempotencyKey: string | null;
}

const mailApi = (): string => {
  const api = inject("mailApi");
  return `http://${api.host}:${api.port}`;
};
// Assembled from pieces: no key-shaped literal in the repository.
const resendKey = (): string => ["re", "test", "k".repeat(16)].join("_");
const resendEnv = (): Env => ({
  ...(env as unknown as Env),
  MAIL_PROVIDER: "resend",
  RESEND_API_KEY: resendKey(),
  RESEND_API_URL: mailApi(),
  MAIL_FROM_DOMAIN: "mail.example.test",
});

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${mailApi()}/__control/${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
}
async function sentTo(to: string): Promise<SentMail[]> {
  const { emails } = (await (await fetch(`${mailApi()}/__control/emails`)).json()) as { emails: SentMail[] };
  return emails.filter((m) => m.to.includes(to));
}

const message = (to: string) => ({
  to,
  subject: "Confirm your email for shop",
  text: `Open this:\n\nhttp://shop.localhost:8787/#sandlot_verify=${"a".repeat(32)}.${"b".repeat(32)}\n\n<b>not markup</b>`,
  kind: "verify" as const,
});

type Row = Record<string, SqlStorageValue>;
const rows = (store: AppStore): Row[] =>
  store.sql
    .exec(
      "SELECT id, status, attempts, text, html, provider, provider_message_id, last_error, next_attempt_at FROM outbox ORDER BY created_at",
    )
    .toArray();

async function inApp<R>(name: string, fn: (store: AppStore, state: DurableObjectState) => Promise<R>): Promise<R> {
  return runInDurableObject(appStub(env, `mail-test:${name}:${crypto.randomUUID()}`), (_o: AppObject, state) =>
    fn(appStoreOf(state.storage), state),
  );
}

afterEach(() => vi.restoreAllMocks());

describe("the HTML part", () => {
  it("escapes the text, keeps paragraphs and links the links", () => {
    const html = htmlFromText(
      'Hi <script>alert(1)</script>\n\nhttp://x.localhost/?a=1&b=2#sandlot_reset=abc "quoted"',
      { title: "T <1>" },
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="http://x.localhost/?a=1&amp;b=2#sandlot_reset=abc" ');
    expect(html).toContain("&quot;quoted&quot;");
    expect(html).toContain("<title>T &lt;1&gt;</title>");
    expect(html.match(/<p /g)).toHaveLength(2);
  });
});

describe("choosing a provider (MAIL_PROVIDER)", () => {
  const base = env as unknown as Env;
  it.each([
    [{ ENVIRONMENT: "test" }, "outbox"],
    [{ ENVIRONMENT: "development", MAIL_PROVIDER: "outbox" }, "outbox"],
    [{ ENVIRONMENT: "production" }, "unconfigured"],
    [{ ENVIRONMENT: "production", MAIL_PROVIDER: "outbox", MAIL_FROM_DOMAIN: "m.example.com" }, "unconfigured"],
    [{ ENVIRONMENT: "staging", MAIL_PROVIDER: "outbox" }, "unconfigured"],
    [{ ENVIRONMENT: "production", MAIL_PROVIDER: "resend", MAIL_FROM_DOMAIN: "m.example.com" }, "unconfigured"],
    [
      { ENVIRONMENT: "production", MAIL_PROVIDER: "resend", RESEND_API_KEY: "k", MAIL_FROM_DOMAIN: "m.example.com" },
      "transport",
    ],
    [{ ENVIRONMENT: "production", MAIL_PROVIDER: "resend", RESEND_API_KEY: "k" }, "unconfigured"],
    [{ ENVIRONMENT: "production", MAIL_PROVIDER: "cloudflare", MAIL_FROM_DOMAIN: "m.example.com" }, "transport"],
    [{ ENVIRONMENT: "production", MAIL_PROVIDER: "smtp", MAIL_FROM_DOMAIN: "m.example.com" }, "unconfigured"],
  ] as Array<[Partial<Env>, string]>)("%j → %s", (over, kind) => {
    expect(mailRoute({ ...base, MAIL_PROVIDER: undefined, ...over }).kind).toBe(kind);
  });

  it("production without a provider: the mail is not kept (its link is a credential), the reason is logged once", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await inApp("unconfigured", async (store) => {
      const prod = {
        ...(env as unknown as Env),
        ENVIRONMENT: "production",
        MAIL_PROVIDER: "nope-" + crypto.randomUUID(),
      };
      expect(sendAppMail(store, prod, { slug: "shop" }, message("a@example.com"), Date.now())).toBe("failed");
      sendAppMail(store, prod, { slug: "shop" }, message("b@example.com"), Date.now());
      expect(rows(store).map((r) => [r.status, r.text, r.html])).toEqual([
        ["failed", "", null],
        ["failed", "", null],
      ]);
    });
    expect(error.mock.calls.filter((c) => String(c[0]).includes("mail: not sent"))).toHaveLength(1);
  });
});

describe("Resend over its HTTP API (test/mail-server)", () => {
  it("queues, sets the alarm, sends once with text and HTML from the app's own address, then erases the body", async () => {
    const to = `first-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await inApp("resend-ok", async (store, state) => {
      const e = resendEnv();
      const now = Date.now();
      expect(sendAppMail(store, e, { slug: "shop" }, message(to), now)).toBe("queued");
      const alarm = await state.storage.getAlarm();
      expect(alarm).toBeGreaterThanOrEqual(now);
      expect(alarm).toBeLessThan(now + 5000);
      const route = mailRoute(e);
      if (route.kind !== "transport") throw new Error("expected a transport");
      const report = await deliverDueMail(store, route.transport, now);
      expect(report).toEqual({ sent: 1, retrying: 0, failed: 0, nextRunAt: null });
      const [row] = rows(store);
      const [sent] = await sentTo(to);
      expect(row).toMatchObject({
        status: "sent",
        attempts: 1,
        text: "",
        html: null,
        provider: "resend",
        provider_message_id: sent!.id,
      });
      expect(sent).toMatchObject({
        from: "shop <shop@mail.example.test>",
        subject: "Confirm your email for shop",
        idempotencyKey: `sandlot-mail/${row!.id as string}`,
      });
      expect(sent!.text).toContain("#sandlot_verify=");
      expect(sent!.html).toContain('<a href="http://shop.localhost:8787/#sandlot_verify=');
      expect(sent!.html).toContain("&lt;b&gt;not markup&lt;/b&gt;");
      // A second run finds nothing due and sends nothing.
      expect(await deliverDueMail(store, route.transport, now + 1)).toMatchObject({ sent: 0 });
      expect(await sentTo(to)).toHaveLength(1);
    });
  });

  it("a lost answer: retried with the same idempotency key, Resend sends it once", async () => {
    const to = `lost-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await inApp("resend-lost", async (store) => {
      const e = resendEnv();
      const transport = resendTransport({ apiKey: e.RESEND_API_KEY!, baseUrl: e.RESEND_API_URL });
      const now = Date.now();
      sendAppMail(store, e, { slug: "shop" }, message(to), now);
      await control("drop", { count: 1 });
      const first = await deliverDueMail(store, transport, now);
      expect(first).toMatchObject({ sent: 0, retrying: 1, nextRunAt: now + RETRY_BACKOFF_MS[0] });
      expect(rows(store)[0]).toMatchObject({ status: "retry", attempts: 1 });
      expect(await sentTo(to)).toHaveLength(1);
      // Not due yet: nothing happens.
      expect(await deliverDueMail(store, transport, now + 1000)).toMatchObject({ sent: 0, retrying: 0 });
      const second = await deliverDueMail(store, transport, now + RETRY_BACKOFF_MS[0]);
      expect(second).toMatchObject({ sent: 1 });
      const sent = await sentTo(to);
      expect(sent).toHaveLength(1);
      expect(rows(store)[0]).toMatchObject({ status: "sent", attempts: 2, provider_message_id: sent[0]!.id });
    });
  });

  it("429 and 5xx are retried with backoff; a 422 is final; the body is erased when it gives up", async () => {
    const e = resendEnv();
    const transport = resendTransport({ apiKey: e.RESEND_API_KEY!, baseUrl: e.RESEND_API_URL });
    await inApp("resend-errors", async (store) => {
      const to = `errors-${crypto.randomUUID().slice(0, 8)}@example.com`;
      let now = Date.now();
      sendAppMail(store, e, { slug: "shop" }, message(to), now);
      await control("fail", { status: 429, name: "rate_limit_exceeded" });
      await control("fail", { status: 500, name: "internal_server_error" });
      expect(await deliverDueMail(store, transport, now)).toMatchObject({ retrying: 1 });
      now += RETRY_BACKOFF_MS[0];
      expect(await deliverDueMail(store, transport, now)).toMatchObject({ retrying: 1 });
      expect(rows(store)[0]).toMatchObject({
        status: "retry",
        attempts: 2,
        last_error: expect.stringContaining("500 internal_server_error"),
      });
      now += RETRY_BACKOFF_MS[1];
      expect(await deliverDueMail(store, transport, now)).toMatchObject({ sent: 1 });
      expect(await sentTo(to)).toHaveLength(1);
    });
    await inApp("resend-final", async (store) => {
      const to = `final-${crypto.randomUUID().slice(0, 8)}@example.com`;
      vi.spyOn(console, "error").mockImplementation(() => {});
      sendAppMail(store, e, { slug: "shop" }, message(to), Date.now());
      await control("fail", { status: 422, name: "validation_error" });
      expect(await deliverDueMail(store, transport, Date.now())).toMatchObject({ failed: 1, nextRunAt: null });
      expect(rows(store)[0]).toMatchObject({ status: "failed", text: "", html: null });
      expect(await sentTo(to)).toHaveLength(0);
    });
  });

  it("gives up after the last backoff", async () => {
    const e = resendEnv();
    const transport = resendTransport({ apiKey: e.RESEND_API_KEY!, baseUrl: e.RESEND_API_URL });
    vi.spyOn(console, "error").mockImplementation(() => {});
    await inApp("resend-exhausted", async (store) => {
      let now = Date.now();
      sendAppMail(store, e, { slug: "shop" }, message(`tired-${crypto.randomUUID().slice(0, 8)}@example.com`), now);
      await control("fail", { status: 503, name: "application_error", count: RETRY_BACKOFF_MS.length + 1 });
      for (const wait of RETRY_BACKOFF_MS) {
        expect(await deliverDueMail(store, transport, now)).toMatchObject({ retrying: 1 });
        now += wait;
      }
      expect(await deliverDueMail(store, transport, now)).toMatchObject({ failed: 1 });
      expect(rows(store)[0]).toMatchObject({ status: "failed", attempts: RETRY_BACKOFF_MS.length + 1 });
    });
  });

  it("a send cut off mid-flight (the object restarted) is retried with its key and delivered once", async () => {
    const e = resendEnv();
    const transport = resendTransport({ apiKey: e.RESEND_API_KEY!, baseUrl: e.RESEND_API_URL });
    const to = `cut-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await inApp("resend-stuck", async (store) => {
      const now = Date.now();
      sendAppMail(store, e, { slug: "shop" }, message(to), now);
      const id = rows(store)[0]!.id as string;
      // The first attempt reached Resend, then the object went away before recording the answer.
      store.sql.exec("UPDATE outbox SET status = 'sending', attempts = 1, claimed_at = ? WHERE id = ?", now, id);
      const row = store.sql.exec("SELECT text, html, subject FROM outbox WHERE id = ?", id).one() as {
        text: string;
        html: string;
        subject: string;
      };
      await transport.send(
        {
          from: { name: "shop", email: "shop@mail.example.test" },
          to,
          subject: row.subject,
          text: row.text,
          html: row.html,
        },
        { idempotencyKey: `sandlot-mail/${id}` },
      );
      expect(await deliverDueMail(store, transport, now + 1000)).toMatchObject({
        sent: 0,
        nextRunAt: now + SENDING_TIMEOUT_MS,
      });
      expect(await deliverDueMail(store, transport, now + SENDING_TIMEOUT_MS)).toMatchObject({ sent: 1 });
      expect(await sentTo(to)).toHaveLength(1);
      expect(rows(store)[0]).toMatchObject({ status: "sent", attempts: 2 });
    });
  });
});

describe("Cloudflare Email Service (the send_email binding)", () => {
  /** The real binding, with a count of calls around it. */
  function counted(): { transport: MailTransport; calls: () => number } {
    let n = 0;
    const real = cloudflareTransport(env.EMAIL!);
    const send: MailTransport["send"] = (m, o) => {
      n += 1;
      return real.send(m, o);
    };
    return { transport: { ...real, send }, calls: () => n };
  }

  it("sends through the binding with text and HTML and records its message id", async () => {
    const { transport, calls } = counted();
    await inApp("cf-ok", async (store) => {
      const e = { ...(env as unknown as Env), MAIL_PROVIDER: "cloudflare", MAIL_FROM_DOMAIN: "mail.example.test" };
      expect(sendAppMail(store, e, { slug: "shop" }, message("cf@example.com"), Date.now())).toBe("queued");
      expect(await deliverDueMail(store, transport, Date.now())).toMatchObject({ sent: 1 });
      expect(calls()).toBe(1);
      expect(rows(store)[0]).toMatchObject({
        status: "sent",
        provider: "cloudflare",
        provider_message_id: expect.stringMatching(/.+/),
      });
    });
  });

  it("a send cut off mid-flight is never repeated: the binding cannot de-duplicate, so it is marked unknown", async () => {
    const { transport, calls } = counted();
    await inApp("cf-stuck", async (store) => {
      const e = { ...(env as unknown as Env), MAIL_PROVIDER: "cloudflare", MAIL_FROM_DOMAIN: "mail.example.test" };
      const now = Date.now();
      sendAppMail(store, e, { slug: "shop" }, message("cf-cut@example.com"), now);
      store.sql.exec("UPDATE outbox SET status = 'sending', attempts = 1, claimed_at = ?", now);
      expect(await deliverDueMail(store, transport, now + SENDING_TIMEOUT_MS)).toMatchObject({
        sent: 0,
        nextRunAt: null,
      });
      expect(calls()).toBe(0);
      expect(rows(store)[0]).toMatchObject({ status: "unknown", text: "", html: null });
    });
  });
});
