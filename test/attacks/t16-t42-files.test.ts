import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

/** Fixture limits: maxFileBytes 2048, 4096 bytes per user, 6144 per app. */

let appA: TestApp;
let appB: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // on app B

const PNG = (size: number): Uint8Array => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};

function form(bytes: Uint8Array, type: string, name = "pic.png"): FormData {
  const f = new FormData();
  f.append("file", new File([bytes], name, { type }));
  return f;
}

const upload = (u: TestUser, bytes: Uint8Array, type = "image/png", name?: string): Promise<Response> =>
  u.client.fetch("/_api/files", { method: "POST", body: form(bytes, type, name) });

beforeAll(async () => {
  appA = await makeApp("files-a");
  appB = await makeApp("files-b");
  [alice, bob, carol] = await Promise.all([
    signUp(appA, "alice@example.com"),
    signUp(appA, "bob@example.com"),
    signUp(appB, "carol@example.com"),
  ]);
});

describe("T42 uploads: type, size, quota", () => {
  let fileId: string;
  it("stores a real PNG under the app's prefix and serves it back to its owner", async () => {
    const res = await upload(alice, PNG(1000), "image/png", "../../etc/passwd.png");
    expect(res.status).toBe(201);
    const { file } = await json<{ file: { id: string; name: string; bytes: number; contentType: string } }>(res);
    expect(file).toMatchObject({ bytes: 1000, contentType: "image/png", name: "passwd.png" });
    fileId = file.id;
    expect(await env.BUCKET.head(`apps/${appA.appId}/files/${fileId}`)).not.toBeNull();
    const get = await alice.client.get(`/_api/files/${fileId}`);
    expect(get.status).toBe(200);
    expect(get.headers.get("x-content-type-options")).toBe("nosniff");
    expect(get.headers.get("content-disposition")).toMatch(/^inline; filename="passwd.png"/);
    expect(new Uint8Array(await get.arrayBuffer()).byteLength).toBe(1000);
  });
  it("a lying declared type is refused", async () => {
    const gif = new TextEncoder().encode("GIF89a....");
    const res = await upload(alice, gif, "image/png");
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("type_mismatch");
  });
  it("HTML dressed as an image is refused", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect((await upload(alice, html, "image/png")).status).toBe(400);
    expect((await upload(alice, html, "text/html")).status).toBe(400);
  });
  it("unrecognised binary is 415", async () => {
    expect((await upload(alice, new Uint8Array([0, 1, 2, 3, 0, 0]), "application/octet-stream")).status).toBe(415);
  });
  it("a file over maxFileBytes is 413", async () => {
    expect((await upload(alice, PNG(3000))).status).toBe(413);
  });
  it("non-multipart bodies are 415 and anonymous uploads 401", async () => {
    expect((await alice.client.post("/_api/files", { file: "x" })).status).toBe(415);
    expect(
      (await appA.client().fetch("/_api/files", { method: "POST", body: form(PNG(100), "image/png") })).status,
    ).toBe(401);
  });
  it("the per-user quota stops at 4096 bytes; deleting frees it", async () => {
    // alice holds 1000 bytes: three more 1000-byte files fit, the next does not.
    for (let i = 0; i < 3; i++) expect((await upload(alice, PNG(1000))).status).toBe(201);
    const over = await upload(alice, PNG(1000));
    expect(over.status).toBe(413);
    expect((await errorOf(over)).code).toBe("quota_exceeded");
    expect((await alice.client.delete(`/_api/files/${fileId}`)).status).toBe(204);
    expect((await alice.client.get(`/_api/files/${fileId}`)).status).toBe(404);
    expect(await env.BUCKET.head(`apps/${appA.appId}/files/${fileId}`)).toBeNull();
    expect((await upload(alice, PNG(1000))).status).toBe(201);
  });
  it("the per-app quota (6144) stops bob although his own quota has room", async () => {
    expect((await upload(bob, PNG(2000))).status).toBe(201);
    const over = await upload(bob, PNG(1000));
    expect(over.status).toBe(413);
    expect((await errorOf(over)).message).toMatch(/app has run out/);
  });
});

describe("T16 fetching someone else's file", () => {
  it("other users, other apps, guessed ids and path tricks are all the same 404", async () => {
    const res = await upload(carol, PNG(500));
    const { file } = await json<{ file: { id: string } }>(res);
    const probes = [
      carol.client.get(`/_api/files/${file.id}`), // owner: control
      alice.client.get(`/_api/files/${file.id}`), // other app, same id
      appB.client().get(`/_api/files/${file.id}`), // anonymous on the right app
      alice.client.get("/_api/files/00000000-0000-4000-8000-000000000000"),
      alice.client.get(`/_api/files/..%2F..%2F${appB.appId}%2Ffiles%2F${file.id}`),
      alice.client.get(`/_api/files/%2e%2e%2f${file.id}`),
      alice.client.get(`/_api/files/${file.id}%00`),
    ];
    const [owner, ...others] = await Promise.all(probes);
    expect(owner!.status).toBe(200);
    for (const r of others) expect(r.status).toBe(404);
    expect((await alice.client.delete(`/_api/files/${file.id}`)).status).toBe(404);
    // Another user of the same app, holding the id (the IDOR that matters): no read, no delete.
    const neighbour = await signUp(appB, "erin@example.com");
    expect((await neighbour.client.get(`/_api/files/${file.id}`)).status).toBe(404);
    expect((await neighbour.client.delete(`/_api/files/${file.id}`)).status).toBe(404);
    expect((await carol.client.get(`/_api/files/${file.id}`)).status).toBe(200);
  });
  it("a document cannot reference a file its writer does not own", async () => {
    const own = await json<{ file: { id: string } }>(await upload(carol, PNG(100)));
    const ok = await carol.client.post("/_api/collections/posts", { title: "with file", attachment: own.file.id });
    expect(ok.status).toBe(201);
    const stranger = await signUp(appB, "dave@example.com");
    const res = await stranger.client.post("/_api/collections/posts", { title: "steal", attachment: own.file.id });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("unknown_file");
  });
});
