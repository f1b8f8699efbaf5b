// The questions `sandlot template new` asks on a terminal (flags answer them non-interactively).
import { createInterface } from "node:readline/promises";
import { parseCollectionSpec } from "./scaffold.mjs";

/** @returns {Promise<{ collections: Array<{name: string, fields: Array<{name: string, type: string}>}>, plan: { id: string, name: string, amount: number } | null }>} */
export async function askTemplateSpec(out) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (q, fallback) => (await rl.question(`${q} [${fallback}] `)).trim() || fallback;
  try {
    out("Each collection is a private list per user (owner-scoped rules, a per-user cap lifted by the plan).");
    const names = (await ask("Collections (comma-separated names, or none):", "items"))
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n && n !== "none");
    const collections = [];
    for (const name of names) {
      for (;;) {
        const fields = await ask(
          `Fields of ${name} (name[:text|number|boolean|datetime|select(a|b)], comma-separated; first is required):`,
          "title,notes",
        );
        const parsed = parseCollectionSpec(`${name}=${fields}`);
        if (parsed.ok) {
          collections.push(parsed.collection);
          break;
        }
        out(parsed.error);
      }
    }
    const planId = await ask("Plan id to sell (or none):", "pro");
    if (planId === "none") return { collections, plan: null };
    const amount = Number(await ask(`Monthly price of ${planId} in cents:`, "500"));
    return {
      collections,
      plan: {
        id: planId,
        name: planId[0].toUpperCase() + planId.slice(1),
        amount: Number.isInteger(amount) && amount >= 50 ? amount : 500,
      },
    };
  } finally {
    rl.close();
  }
}
