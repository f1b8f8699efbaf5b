import { eq } from "drizzle-orm";
import { files } from "../db/do-schema";
import { addToCounter, counterKeys, type Db } from "./counters";

/**
 * Forgets an upload's record and gives its bytes back to the owner's and the app's allowance; the
 * caller deletes the R2 object. Shared by the app's own delete and the studio's user delete.
 */
export function forgetFile(db: Db, row: { id: string; ownerId: string; bytes: number }): void {
  db.delete(files).where(eq(files.id, row.id)).run();
  addToCounter(db, counterKeys.userBytes(row.ownerId), -row.bytes);
  addToCounter(db, counterKeys.appBytes, -row.bytes);
}
