import { describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { createApp, HOME, homeSaying, publish, putFiles, signedInCreator, type ErrorBody } from "./apps-helpers";

/** T15: another creator's app answers exactly like an app that does not exist, on every route. */
describe("T15 apps belong to their creator", () => {
  it("every /api/apps/:slug route answers 404 for someone else's app, identical to a missing one", async () => {
    const owner = await signedInCreator("owner");
    await createApp(owner, "owned-app");
    await putFiles(owner, "owned-app", { [HOME]: homeSaying("Owner's words") });
    expect((await publish(owner, "owned-app")).status).toBe(201);
    const other = await signedInCreator("intruder");
    const attempts: Array<[string, (slug: string) => Promise<Response>]> = [
      ["GET app", (s) => other.get(`/api/apps/${s}`)],
      ["GET files", (s) => other.get(`/api/apps/${s}/files`)],
      ["PUT files", (s) => putFiles(other, s, { [HOME]: homeSaying("Defaced") })],
      ["publish", (s) => publish(other, s)],
      ["versions", (s) => other.get(`/api/apps/${s}/versions`)],
      ["rollback", (s) => other.post(`/api/apps/${s}/rollback`, { version: 1 })],
      ["preview", (s) => other.get(`/api/apps/${s}/preview/_api/auth/me`)],
    ];
    for (const [name, attempt] of attempts) {
      const theirs = await attempt("owned-app");
      const missing = await attempt("missing-app");
      expect(theirs.status, name).toBe(404);
      expect(missing.status, name).toBe(404);
      const a = await json<ErrorBody>(theirs);
      const b = await json<ErrorBody>(missing);
      expect({ ...a.error, requestId: undefined }, name).toEqual({ ...b.error, requestId: undefined });
    }
    expect((await json<{ apps: unknown[] }>(await other.get("/api/apps"))).apps).toEqual([]);
    const files = await json<{ files: Record<string, string> }>(await owner.get("/api/apps/owned-app/files"));
    expect(files.files[HOME]).toContain("Owner's words");
    expect((await json<{ app: { version: number } }>(await owner.get("/api/apps/owned-app"))).app.version).toBe(1);
  });
});
