import { describe, expect, it } from "vitest";
import { manifestSchema } from "./schema";

/** The cross-checks of products, searchable and downloads (commerce.ts). */

const base = {
  id: "shop",
  name: "Shop",
  blanks: [{ path: "src/blanks/Home.tsx", title: "Home", purpose: "The first screen." }],
};

function problems(extra: Record<string, unknown>): string[] {
  const parsed = manifestSchema.safeParse({ ...base, ...extra });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const items = {
  fields: {
    title: { type: "text", maxLength: 200 },
    count: { type: "number" },
    file: { type: "file" },
    featured: { type: "boolean" },
  },
  rules: { list: "public", read: "public" },
};

describe("products, searchable and downloads in the manifest", () => {
  it("accepts products per user, per document and an upgrade, with the rules that name them", () => {
    expect(
      problems({
        products: {
          ebook: { name: "Ebook", price: { amount: 900, currency: "usd" } },
          item: { name: "Item", price: { amount: 300, currency: "usd" }, collection: "items" },
          boost: { name: "Boost", price: { amount: 500, currency: "eur" }, collection: "items", sets: "featured" },
        },
        collections: {
          items: { ...items, downloads: { file: "purchased | creator" }, searchable: ["title"] },
          extras: { fields: {}, rules: { list: "purchased:ebook", read: "purchased:ebook | creator" } },
        },
      }),
    ).toEqual([]);
  });

  it("names every reference that does not hold", () => {
    const found = problems({
      products: {
        lost: { name: "Lost", price: { amount: 900, currency: "usd" }, collection: "nowhere" },
        loose: { name: "Loose", price: { amount: 900, currency: "usd" }, sets: "featured" },
        bad: { name: "Bad", price: { amount: 900, currency: "usd" }, collection: "items", sets: "count" },
        cheap: { name: "Cheap", price: { amount: 10, currency: "usd" } },
      },
      collections: {
        items: {
          ...items,
          rules: { list: "purchased:missing", read: "public" },
          downloads: { title: "purchased" },
          searchable: ["count", "title", "title", "ghost"],
        },
        other: { fields: {}, rules: { read: "purchased" } },
      },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'products.lost.collection: "nowhere" is not a collection',
        "products.loose.sets: sets needs a collection (the document it changes)",
        'products.bad.sets: sets names "count", which is not a boolean field of items',
        expect.stringMatching(/^products\.cheap\.price\.amount: /),
        'collections.items.rules.list: rule "purchased:missing" names product "missing", which is not in products',
        'collections.items.downloads.title: downloads names "title", which is not a file field',
        'collections.items.searchable.0: searchable field "count" is not a text field of items',
        'collections.items.searchable.2: searchable field "title" is listed twice',
        'collections.items.searchable.3: searchable field "ghost" is not a text field of items',
        'collections.other.rules.read: rule "purchased" uses purchased, but no product is sold per document of other',
      ]),
    );
  });
});
