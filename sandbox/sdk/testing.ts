/**
 * Test support (not exported from index, never bundled): a scripted Transport that records calls.
 * It stands in at the SDK's transport seam, the same place fetch or the preview bridge plug in.
 */
import type { HttpMethod, Transport, TransportResponse } from "./core";

export interface RecordedCall {
  method: HttpMethod;
  path: string;
  body: unknown;
}

type Route = (call: RecordedCall) => TransportResponse | Promise<TransportResponse> | undefined;

export interface FakeTransport extends Transport {
  calls: RecordedCall[];
  navigated: string[];
  /** Routes are tried newest first; the first that returns a response wins. */
  on(
    method: HttpMethod,
    path: string | RegExp,
    reply: TransportResponse | ((c: RecordedCall) => TransportResponse | Promise<TransportResponse>),
  ): void;
}

export function fakeTransport(): FakeTransport {
  const routes: Route[] = [];
  const t: FakeTransport = {
    calls: [],
    navigated: [],
    on(method, path, reply) {
      routes.unshift((c) => {
        if (c.method !== method) return undefined;
        if (typeof path === "string" ? c.path !== path : !path.test(c.path)) return undefined;
        return typeof reply === "function" ? reply(c) : reply;
      });
    },
    async request(method, path, body) {
      const c = { method, path, body };
      t.calls.push(c);
      for (const r of routes) {
        const res = await r(c);
        if (res) return res;
      }
      return { status: 404, body: { error: { code: "not_found", message: `no fake route for ${method} ${path}` } } };
    },
    navigate(url) {
      t.navigated.push(url);
    },
  };
  return t;
}

/** Let pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}
