import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { grantPlan, makeApp, signUp, type TestUser } from "./helpers/app";

/**
 * T05, T11, T12 as a property: random sequences of app API calls by random actors, each checked
 * against a small reference model of who may see and change what under each rule kind of the
 * fixture template (notes: `owner` with a quota of 5; posts: public reads, `authenticated` creates,
 * `owner` changes; premium: `plan:pro`). Any divergence — a status, a document seen that the model
 * says is hidden, a list missing or adding a row — fails with fast-check's shrunk sequence and seed.
 */

type Actor = "anon" | "alice" | "bob" | "carol";
type Collection = "notes" | "posts" | "premium";
const ACTORS: readonly Actor[] = ["anon", "alice", "bob", "carol"];
const COLLECTIONS: readonly Collection[] = ["notes", "posts", "premium"];
const PRO: ReadonlySet<Actor> = new Set(["carol"]);
const NOTES_QUOTA = 5;

interface Doc {
  collection: Collection;
  owner: Actor;
  title: string;
  live: boolean;
  /** The server's id, once created. */
  id: string;
}

interface Model {
  docs: Doc[];
}

interface World {
  slug: string;
  users: Record<Exclude<Actor, "anon">, TestUser>;
  anon: TestUser["client"];
}

const clientOf = (w: World, actor: Actor): TestUser["client"] => (actor === "anon" ? w.anon : w.users[actor].client);

/** What the rule of `collection` lets `actor` do with `doc` (or, without one, with the collection). */
function expectedStatus(
  op: "read" | "update" | "delete" | "create" | "list",
  actor: Actor,
  collection: Collection,
  doc: Doc | undefined,
  model: Model,
): number {
  const signedIn = actor !== "anon";
  const visible = (d: Doc | undefined): boolean => d !== undefined && d.live;
  switch (collection) {
    case "notes": {
      if (!signedIn) return 401;
      if (op === "list") return 200;
      if (op === "create") {
        const mine = model.docs.filter((d) => d.collection === "notes" && d.owner === actor && d.live).length;
        return mine < (PRO.has(actor) ? 50 : NOTES_QUOTA) ? 201 : 429;
      }
      // Someone else's note answers exactly like a missing one (T11).
      return visible(doc) && doc!.owner === actor ? 200 : 404;
    }
    case "posts": {
      if (op === "list") return 200;
      if (op === "read") return visible(doc) ? 200 : 404;
      if (!signedIn) return 401;
      if (op === "create") return 201;
      if (!visible(doc)) return 404;
      return doc!.owner === actor ? 200 : 403;
    }
    case "premium": {
      if (!signedIn) return 401;
      if (!PRO.has(actor)) return 403;
      if (op === "list") return 200;
      if (op === "create") return 201;
      return visible(doc) && (op === "read" || doc!.owner === actor) ? 200 : 404;
    }
  }
}

class Create implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly actor: Actor,
    readonly collection: Collection,
    readonly title: string,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, w: World): Promise<void> {
    const want = expectedStatus("create", this.actor, this.collection, undefined, model);
    const res = await clientOf(w, this.actor).post(`/_api/collections/${this.collection}`, { title: this.title });
    expect(res.status, `${this} → ${res.status}: ${await res.clone().text()}`).toBe(want);
    if (res.status === 201) {
      const { item } = await json<{ item: { id: string } }>(res);
      model.docs.push({ collection: this.collection, owner: this.actor, title: this.title, live: true, id: item.id });
    }
  }
  toString(): string {
    return `${this.actor} creates ${this.collection} "${this.title}"`;
  }
}

/** An operation on the n-th document ever created (deleted ones included: they must stay gone). */
class OnDoc implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly op: "read" | "update" | "delete",
    readonly actor: Actor,
    readonly pick: number,
  ) {}
  check(model: Readonly<Model>): boolean {
    return model.docs.length > 0;
  }
  async run(model: Model, w: World): Promise<void> {
    const doc = model.docs[this.pick % model.docs.length]!;
    const want = expectedStatus(this.op, this.actor, doc.collection, doc, model);
    const client = clientOf(w, this.actor);
    const path = `/_api/collections/${doc.collection}/${doc.id}`;
    const newTitle = `${doc.title}+`;
    const res =
      this.op === "read"
        ? await client.get(path)
        : this.op === "update"
          ? await client.patch(path, { title: newTitle })
          : await client.delete(path);
    const text = await res.text();
    expect(res.status, `${this} (${doc.collection} of ${doc.owner}) → ${res.status}: ${text}`).toBe(
      want === 200 && this.op === "delete" ? res.status : want,
    );
    if (want !== 200) {
      // A refusal carries no trace of the document (T11).
      expect(text).not.toContain(doc.title);
      return;
    }
    if (this.op === "read") expect((JSON.parse(text) as { item: { title: string } }).item.title).toBe(doc.title);
    if (this.op === "update") doc.title = newTitle;
    if (this.op === "delete") {
      expect([200, 204]).toContain(res.status);
      doc.live = false;
    }
  }
  toString(): string {
    return `${this.actor} ${this.op}s doc #${this.pick}`;
  }
}

class List implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly actor: Actor,
    readonly collection: Collection,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, w: World): Promise<void> {
    const want = expectedStatus("list", this.actor, this.collection, undefined, model);
    const res = await clientOf(w, this.actor).get(`/_api/collections/${this.collection}?limit=100`);
    const text = await res.text();
    expect(res.status, `${this} → ${res.status}: ${text}`).toBe(want);
    const hidden = model.docs.filter(
      (d) => d.collection === this.collection && !(d.live && (d.collection !== "notes" || d.owner === this.actor)),
    );
    // Nothing the model hides appears anywhere in the body, whatever the status (T12).
    for (const d of hidden) expect(text, `${this} shows ${d.collection} of ${d.owner}`).not.toContain(d.id);
    if (want !== 200) return;
    const seen = (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((i) => i.id).sort();
    const expected = model.docs
      .filter((d) => d.collection === this.collection && d.live && (d.collection !== "notes" || d.owner === this.actor))
      .map((d) => d.id)
      .sort();
    expect(seen, String(this)).toEqual(expected);
  }
  toString(): string {
    return `${this.actor} lists ${this.collection}`;
  }
}

const actor = fc.constantFrom(...ACTORS);
const collection = fc.constantFrom(...COLLECTIONS);
const commands = fc.commands(
  [
    fc.tuple(actor, collection, fc.stringMatching(/^[a-z]{1,8}$/)).map(([a, c, t]) => new Create(a, c, `${c}-${t}`)),
    fc
      .tuple(fc.constantFrom("read", "update", "delete" as const), actor, fc.nat(40))
      .map(([op, a, n]) => new OnDoc(op as "read" | "update" | "delete", a, n)),
    fc.tuple(actor, collection).map(([a, c]) => new List(a, c)),
  ],
  { maxCommands: 40, size: "+1" },
);

let runs = 0;
async function freshWorld(): Promise<World> {
  runs += 1;
  const app = await makeApp(`model-${runs}-${crypto.randomUUID().slice(0, 6)}`);
  const [alice, bob, carol] = await Promise.all(
    ["alice", "bob", "carol"].map((name) => signUp(app, `${name}-${runs}@example.com`)),
  );
  await grantPlan(app, carol!.id, "pro");
  return { slug: app.slug, users: { alice: alice!, bob: bob!, carol: carol! }, anon: app.client() };
}

describe("T05, T11, T12: random call sequences by random actors agree with the reference model", () => {
  it("owner, public, authenticated and plan rules, quotas, deletes and lists", async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const world = await freshWorld();
        requests += [...cmds].length;
        await fc.asyncModelRun(() => ({ model: { docs: [] }, real: world }), cmds);
      }),
      { numRuns: 25, endOnFailure: false },
    );
    console.log(`[T05 T11 T12] model-based: ${runs} worlds, ~${requests} calls, every answer as the model says`);
  });
});
