import { drizzle, type DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";

/**
 * What code inside an app's Durable Object may touch: its own storage, nothing else. Handlers and
 * billing logic receive this, never the object itself, so the object's public methods stay the
 * RPC surface for the Worker and the webhook path.
 */
export interface AppStore {
  /** Drizzle over the object's SQLite. */
  db: DrizzleSqliteDODatabase;
  /** Raw SQL, for the few statements that must be one atomic upsert (counters, throttles). */
  sql: SqlStorage;
  /** Small keyed records (the dev provider's checkout sessions). */
  kv: SyncKvStorage;
  /** One synchronous transaction across sql and kv: what makes "apply exactly once" atomic (I5). */
  transactionSync<T>(fn: () => T): T;
  /** Wakes the object at `at` (epoch ms): the mail outbox's sends and retries (mail/outbox.ts). */
  setAlarm(at: number): void;
}

export function appStoreOf(storage: DurableObjectStorage): AppStore {
  return {
    db: drizzle(storage, { logger: false }),
    sql: storage.sql,
    kv: storage.kv,
    transactionSync: (fn) => storage.transactionSync(fn),
    setAlarm: (at) => void storage.setAlarm(at),
  };
}
