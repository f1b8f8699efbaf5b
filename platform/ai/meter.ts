import type { Env } from "../env";
import { creatorAllowance } from "../billing/creator-plans";

/**
 * AI metering that cannot be overspent (I7, T39). Before each model call its worst case
 * (estimated input + maxOutputTokens) is reserved by ONE conditional UPDATE — D1 runs each
 * statement atomically, so of 20 parallel calls only those that fit get a reservation. After the
 * call the reservation is settled to the provider's reported usage (or the estimate when none is
 * reported), or released on abort and error. A reservation whose Worker died is released when
 * it expires. Per-minute turn limits (T40) are a second conditional upsert.
 */

export interface Usage {
  usedTokens: number;
  /** Tokens held by model calls in flight. */
  reservedTokens: number;
  limitTokens: number;
  /** Start of next calendar month, UTC, epoch ms. */
  resetsAt: number;
}

export interface Reservation {
  id: string;
  creatorId: string;
  month: string;
  tokens: number;
}

export type ReserveOutcome = { ok: true; reservation: Reservation } | { ok: false; usage: Usage };

/** A call not settled within this long is treated as dead and its reservation released. */
export const RESERVATION_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_TURNS_PER_MINUTE = 10;

/** `YYYY-MM` of `now`, UTC. */
export function monthOf(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

export function nextMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function positiveInt(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The creator's monthly allowance: AI_TOKENS_FREE / AI_TOKENS_PRO when set, else the plan's. */
export function allowanceFor(env: Env, plan: string): number {
  const override = plan === "pro" ? positiveInt(env.AI_TOKENS_PRO) : positiveInt(env.AI_TOKENS_FREE);
  return override ?? creatorAllowance(plan).aiTokensPerMonth;
}

const encoder = new TextEncoder();

/**
 * Deliberately pessimistic input estimate: UTF-8 bytes / 2. Tokenizers of every model family
 * we target produce fewer tokens than that for code and prose (≈ 3–4 bytes a token), so a
 * reservation covers the real input; the settle step then counts what the provider reports.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(encoder.encode(text).length / 2) + 16;
}

export async function readUsage(env: Env, creatorId: string, plan: string, now: number): Promise<Usage> {
  const month = monthOf(now);
  const row = await env.DB.prepare(
    "SELECT used_tokens AS used, reserved_tokens AS reserved FROM ai_usage WHERE creator_id = ? AND month = ?",
  )
    .bind(creatorId, month)
    .first<{ used: number; reserved: number }>();
  return {
    usedTokens: row?.used ?? 0,
    reservedTokens: row?.reserved ?? 0,
    limitTokens: allowanceFor(env, plan),
    resetsAt: nextMonthStart(now),
  };
}

/** Releases this creator's reservations that outlived RESERVATION_TTL_MS (one transaction). */
function releaseExpired(db: D1Database, creatorId: string, month: string, now: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE ai_usage SET reserved_tokens = MAX(0, reserved_tokens - (
           SELECT COALESCE(SUM(tokens), 0) FROM ai_reservations
           WHERE creator_id = ?1 AND month = ?2 AND expires_at < ?3))
         WHERE creator_id = ?1 AND month = ?2`,
      )
      .bind(creatorId, month, now),
    db
      .prepare("DELETE FROM ai_reservations WHERE creator_id = ? AND month = ? AND expires_at < ?")
      .bind(creatorId, month, now),
  ];
}

/**
 * Reserves `tokens` for one model call, or answers the usage that refused it. The check and the
 * add are the same UPDATE; the reservation row is written in the same batch only if it matched.
 */
export async function reserveTokens(
  env: Env,
  input: { creatorId: string; plan: string; tokens: number; now: number },
): Promise<ReserveOutcome> {
  const { creatorId, tokens, now } = input;
  const month = monthOf(now);
  const limit = allowanceFor(env, input.plan);
  const id = crypto.randomUUID();
  const db = env.DB;
  const results = await db.batch([
    db
      .prepare("INSERT OR IGNORE INTO ai_usage (creator_id, month, used_tokens, reserved_tokens) VALUES (?, ?, 0, 0)")
      .bind(creatorId, month),
    ...releaseExpired(db, creatorId, month, now),
    db
      .prepare(
        `UPDATE ai_usage SET reserved_tokens = reserved_tokens + ?1
         WHERE creator_id = ?2 AND month = ?3 AND used_tokens + reserved_tokens + ?1 <= ?4`,
      )
      .bind(tokens, creatorId, month, limit),
    // changes() is the UPDATE's: the row exists only for a reservation that was granted.
    db
      .prepare(
        "INSERT INTO ai_reservations (id, creator_id, month, tokens, " +
          "expires_at) SELECT ?, ?, ?, ?, ? WHERE changes() = 1",
      )
      .bind(id, creatorId, month, tokens, now + RESERVATION_TTL_MS),
  ]);
  const granted = (results[4]?.meta.changes ?? 0) === 1;
  if (granted) return { ok: true, reservation: { id, creatorId, month, tokens } };
  return { ok: false, usage: await readUsage(env, creatorId, input.plan, now) };
}

/**
 * Ends a reservation: `usedTokens` is what the call cost (0 when released unused). A reservation
 * already expired and swept is not subtracted twice: the UPDATE runs only if this call deleted its row.
 */
export async function settleReservation(env: Env, reservation: Reservation, usedTokens: number): Promise<void> {
  const db = env.DB;
  const used = Math.max(0, Math.ceil(usedTokens));
  await db.batch([
    db.prepare("DELETE FROM ai_reservations WHERE id = ?").bind(reservation.id),
    db
      .prepare(
        `UPDATE ai_usage SET reserved_tokens = MAX(0, reserved_tokens - ?1)
         WHERE creator_id = ?2 AND month = ?3 AND changes() = 1`,
      )
      .bind(reservation.tokens, reservation.creatorId, reservation.month),
    // A swept reservation still cost what the provider billed.
    db
      .prepare("UPDATE ai_usage SET used_tokens = used_tokens + ? WHERE creator_id = ? AND month = ?")
      .bind(used, reservation.creatorId, reservation.month),
  ]);
}

/**
 * Counts one turn against the creator's per-minute limit (T40). Answers the seconds to wait when
 * the limit is reached, or null when the turn may start.
 */
export async function takeTurnSlot(env: Env, creatorId: string, now: number): Promise<number | null> {
  const limit = positiveInt(env.AI_TURNS_PER_MINUTE) ?? DEFAULT_TURNS_PER_MINUTE;
  const windowStart = now - (now % 60_000);
  const row = await env.DB.prepare(
    `INSERT INTO ai_rate (creator_id, window_start, turns) VALUES (?1, ?2, 1)
     ON CONFLICT (creator_id) DO UPDATE SET
       turns = CASE WHEN ai_rate.window_start = ?2 THEN ai_rate.turns + 1 ELSE 1 END,
       window_start = ?2
     WHERE ai_rate.window_start != ?2 OR ai_rate.turns < ?3
     RETURNING turns`,
  )
    .bind(creatorId, windowStart, limit)
    .first<{ turns: number }>();
  return row ? null : Math.ceil((windowStart + 60_000 - now) / 1000);
}
