import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const STUDIO = "http://localhost:8787";

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(url, init));
}

describe("dispatch by host", () => {
  it("serves the studio", async () => {
    const res = await call(`${STUDIO}/`);
    expect(res.status).toBe(200);
  });
  it("answers an unknown host with a JSON 404 (T47)", async () => {
    const res = await call("http://evil.example/", { headers: { "X-Forwarded-Host": "localhost:8787" } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("not_found");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});
