import { eq } from "drizzle-orm";
import { r2Keys } from "../apps/r2-keys";
import {
  billingCustomers,
  documents,
  emailTokens,
  oauthIdentities,
  files,
  pendingSignups,
  purchases,
  sessions,
  subscriptions,
  users,
} from "../db/do-schema";
import type { Manifest } from "../manifest/schema";
import { counterKeys } from "./counters";
import { deleteRecord } from "./data-browser";
import { forgetFile } from "./file-records";
import type { AppStore } from "./store";

/** Subscription states that still bill (or may): a user holding one is not deleted from here. */
const FINAL = new Set(["canceled", "incomplete_expired"]);

export type DeleteUserOutcome =
  | { kind: "deleted"; documents: number; files: number; sessions: number }
  | { kind: "missing" }
  /** Still paying (or about to): deleting them here would leave Stripe charging a person with no account. */
  | { kind: "subscribed"; plans: string[] };

/**
 * The creator deletes one end user of one copy: their documents the way the app's own delete does
 * them (unique values released, quota counters given back), their uploads (records, allowance,
 * R2 objects), then their sessions, tokens and the user row, so their cookie signs nobody in.
 * Documents and files go first: a run cut short leaves the user to delete again, never orphans.
 */
export async function deleteEndUser(
  store: AppStore,
  bucket: R2Bucket,
  target: { appId: string; manifest: Manifest; userId: string },
): Promise<DeleteUserOutcome> {
  const { db } = store;
  const user = db.select({ id: users.id }).from(users).where(eq(users.id, target.userId)).get();
  if (!user) return { kind: "missing" };
  const subs = db.select().from(subscriptions).where(eq(subscriptions.userId, user.id)).all();
  const billing = subs.filter((s) => !FINAL.has(s.status));
  if (billing.length > 0) return { kind: "subscribed", plans: [...new Set(billing.map((s) => s.plan))] };

  const owned = db
    .select({ id: documents.id, collection: documents.collection })
    .from(documents)
    .where(eq(documents.ownerId, user.id))
    .all();
  for (const d of owned) deleteRecord(store, target.manifest, d.collection, d.id);

  const uploads = db
    .select({ id: files.id, ownerId: files.ownerId, bytes: files.bytes })
    .from(files)
    .where(eq(files.ownerId, user.id))
    .all();
  db.transaction((tx) => {
    for (const f of uploads) forgetFile(tx, f);
  });
  if (uploads.length > 0) await bucket.delete(uploads.map((f) => r2Keys.file(target.appId, f.id)));

  const signedIn = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id)).all();
  db.transaction((tx) => {
    tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
    tx.delete(emailTokens).where(eq(emailTokens.userId, user.id)).run();
    tx.delete(oauthIdentities).where(eq(oauthIdentities.userId, user.id)).run();
    tx.delete(pendingSignups).where(eq(pendingSignups.userId, user.id)).run();
    tx.delete(subscriptions).where(eq(subscriptions.userId, user.id)).run();
    tx.delete(billingCustomers).where(eq(billingCustomers.userId, user.id)).run();
    tx.delete(purchases).where(eq(purchases.userId, user.id)).run();
    tx.delete(users).where(eq(users.id, user.id)).run();
  });
  store.sql.exec("DELETE FROM counters WHERE key = ?", counterKeys.userBytes(user.id));
  return { kind: "deleted", documents: owned.length, files: uploads.length, sessions: signedIn.length };
}
