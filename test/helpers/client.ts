import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env as testEnv, exports } from "cloudflare:workers";
import worker from "../../platform/index";
import type { Env } from "../../platform/env";

/**
 * A tiny browser stand-in for integration tests: one cookie jar per origin, same-origin fetch
 * metadata by default, and JSON helpers. Requests go to the real Worker entry inside workerd.
 * Each client has its own address (CF-Connecting-IP, as Cloudflare's edge sets it), so per-client
 * budgets and rate limits count it like one browser; a test may send its own header instead.
 */
export class Client {
  readonly origin: string;
  readonly ip: string;
  private readonly cookies = new Map<string, string>();
  /** When set, requests reach the Worker's entry with this Env (e.g. vars pointing at a local server). */
  env: Env | undefined;
  /** Called with every response before the test reads it (the canary ledger searches them). */
  private readonly watch: ((res: Response, what: string) => Promise<void>) | undefined;

  constructor(
    origin: string,
    options: { ip?: string; env?: Env; watch?: (res: Response, what: string) => Promise<void> } = {},
  ) {
    this.origin = origin;
    this.env = options.env;
    this.watch = options.watch;
    const [a, b] = crypto.getRandomValues(new Uint8Array(2));
    // 198.18.0.0/15 is reserved for benchmarking: never a real client.
    this.ip = options.ip ?? `198.${18 + (a! & 1)}.${b}.${1 + (a! >> 1)}`;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
    if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", this.ip);
    if (this.cookies.size > 0 && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const request = new Request(new URL(path, this.origin), { ...init, headers, body });
    const res = this.env ? await this.fetchWithEnv(request, this.env) : await exports.default.fetch(request);
    const what = `${request.method} ${request.url}`;
    await assertNoSecretIn(res, { env: this.env ?? (testEnv as Env), what });
    await this.watch?.(res, what);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private async fetchWithEnv(request: Request, env: Env): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await worker.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  get(path: string, init: RequestInit = {}): Promise<Response> {
    return this.fetch(path, { ...init, method: "GET" });
  }

  post(path: string, json?: unknown, init: RequestInit = {}): Promise<Response> {
    return this.fetch(path, { ...init, method: "POST", ...(json === undefined ? {} : { json }) });
  }

  patch(path: string, json?: unknown, init: RequestInit = {}): Promise<Response> {
    return this.fetch(path, { ...init, method: "PATCH", ...(json === undefined ? {} : { json }) });
  }

  put(path: string, json?: unknown, init: RequestInit = {}): Promise<Response> {
    return this.fetch(path, { ...init, method: "PUT", ...(json === undefined ? {} : { json }) });
  }

  delete(path: string, init: RequestInit = {}): Promise<Response> {
    return this.fetch(path, { ...init, method: "DELETE" });
  }
}

/**
 * Every response any test reads is searched for the value of every secret binding the Worker held
 * (I1, T01, T03, T04): a secret that reaches a body or a header fails whichever test provoked it,
 * not only the tests written to look. Streams (the AI turn's event stream) are left to the tests
 * that read them whole, since waiting here for their end would block the reader.
 */
export async function assertNoSecretIn(res: Response, options: { env: Env; what: string }): Promise<void> {
  const secrets = secretValues(options.env);
  if (secrets.length === 0) return;
  const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  const type = res.headers.get("content-type") ?? "";
  const body = res.body && !type.includes("text/event-stream") ? await res.clone().text() : "";
  for (const [name, value] of secrets) {
    if (headers.includes(value) || body.includes(value)) {
      throw new Error(`I1: the response to ${options.what} contains the value of the secret ${name}`);
    }
  }
}

/** Bindings whose names say they are secret, with values long enough to be one. */
function secretValues(env: Env): Array<[string, string]> {
  return Object.entries(env as unknown as Record<string, unknown>).filter(
    (entry): entry is [string, string] =>
      /SECRET|_KEY$|_TOKEN$/.test(entry[0]) && typeof entry[1] === "string" && entry[1].length >= 12,
  );
}

export const STUDIO_ORIGIN = "http://localhost:8787";
export const appOrigin = (slug: string): string => `http://${slug}.localhost:8787`;

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
