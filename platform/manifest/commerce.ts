import type { z } from "zod";
import { z as zod } from "zod";
import { type ParsedRule, parseRule } from "../policy/rules";

/**
 * The manifest's keys for one-time purchases and search (docs/billing.md, docs/templates.md), kept
 * apart from the field and rule parts: `products` (what the app sells once), a collection's
 * `searchable` text fields and its `downloads` (which readers may fetch a document's file).
 */

export const PRODUCT_ID = /^[a-z][a-z0-9_-]{0,31}$/;
export const MAX_PRODUCTS = 50;
export const MAX_SEARCHABLE = 4;

const identifier = zod.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "lowercase identifier (letters, digits, _)");

/**
 * One thing sold once. Without `collection` it is bought once per user (`purchased:ebook`); with
 * it, once per user per document of that collection (`purchased` on that collection's rules), and
 * `sets` names a boolean field the server sets to true on the bought document (a listing's
 * "featured" upgrade) and back to false on a refund.
 */
export const productSchema = zod
  .object({
    name: zod.string().min(1).max(80),
    price: zod
      .object({
        amount: zod.number().int().min(50).max(100_000_000),
        currency: zod.string().regex(/^[a-z]{3}$/),
      })
      .strict(),
    collection: identifier.optional(),
    sets: identifier.optional(),
  })
  .strict();

export const productsSchema = zod
  .record(zod.string().regex(PRODUCT_ID, "product id: lowercase letters, digits, _ and -"), productSchema)
  .default({})
  .refine((p) => Object.keys(p).length <= MAX_PRODUCTS, `at most ${MAX_PRODUCTS} products`);

/** Text fields `?q=` searches (prefix match on every word). */
export const searchableSchema = zod.array(identifier).min(1).max(MAX_SEARCHABLE).optional();

/** `{ file: "purchased | creator" }`: who may download the file a document's file field names. */
export function downloadsSchema<T extends z.ZodType<string>>(rule: T) {
  return zod.record(identifier, rule).optional();
}

export type ProductSpec = z.infer<typeof productSchema>;

interface CommerceShape {
  products: Record<string, ProductSpec>;
  collections: Record<
    string,
    {
      fields: Record<string, { type: string; maxLength?: number | undefined }>;
      rules: Record<string, string | undefined>;
      searchable?: string[] | undefined;
      downloads?: Record<string, string> | undefined;
    }
  >;
}

const parsed = (rule: string | undefined): ParsedRule => {
  const p = rule === undefined ? null : parseRule(rule);
  return p?.ok ? p.rule : [];
};

/** Product ids a rule's `purchased:<id>` alternatives name. */
export function productsNamed(rule: ParsedRule): string[] {
  return rule.flatMap((a) => (a.kind === "purchased" && a.product !== null ? [a.product] : []));
}

const namesDocumentPurchase = (rule: ParsedRule): boolean =>
  rule.some((a) => a.kind === "purchased" && a.product === null);

/** What the commerce and search keys name, checked against the rest of the manifest. */
export function checkCommerce(m: CommerceShape, ctx: z.RefinementCtx<never>): void {
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: "custom", path, message });
  const perDocument = new Set<string>();
  for (const [id, p] of Object.entries(m.products)) {
    if (p.collection === undefined) {
      if (p.sets !== undefined) issue(["products", id, "sets"], "sets needs a collection (the document it changes)");
      continue;
    }
    const target = Object.hasOwn(m.collections, p.collection) ? m.collections[p.collection] : undefined;
    if (!target) {
      issue(["products", id, "collection"], `"${p.collection}" is not a collection`);
      continue;
    }
    perDocument.add(p.collection);
    if (p.sets !== undefined) {
      const f = Object.hasOwn(target.fields, p.sets) ? target.fields[p.sets] : undefined;
      if (f?.type !== "boolean")
        issue(["products", id, "sets"], `sets names "${p.sets}", which is not a boolean field of ${p.collection}`);
    }
  }
  for (const [name, c] of Object.entries(m.collections)) {
    const rules: [(string | number)[], string | undefined][] = [
      ...Object.entries(c.rules).map(([a, r]): [(string | number)[], string | undefined] => [["rules", a], r]),
      ...Object.entries(c.downloads ?? {}).map(([f, r]): [(string | number)[], string] => [["downloads", f], r]),
    ];
    for (const [path, rule] of rules) {
      const p = parsed(rule);
      for (const product of productsNamed(p))
        if (!Object.hasOwn(m.products, product))
          issue(["collections", name, ...path], `rule "${rule}" names product "${product}", which is not in products`);
      if (namesDocumentPurchase(p) && !perDocument.has(name))
        issue(
          ["collections", name, ...path],
          `rule "${rule}" uses purchased, but no product is sold per document of ${name}`,
        );
    }
    (c.searchable ?? []).forEach((field, i) => {
      const f = Object.hasOwn(c.fields, field) ? c.fields[field] : undefined;
      if (f?.type !== "text")
        issue(["collections", name, "searchable", i], `searchable field "${field}" is not a text field of ${name}`);
      if ((c.searchable ?? []).indexOf(field) !== i)
        issue(["collections", name, "searchable", i], `searchable field "${field}" is listed twice`);
    });
    for (const field of Object.keys(c.downloads ?? {})) {
      if (c.fields[field]?.type !== "file")
        issue(["collections", name, "downloads", field], `downloads names "${field}", which is not a file field`);
    }
  }
}
