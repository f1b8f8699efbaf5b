import type { Product } from "./shop";

/**
 * Sample products the shop shows until the creator adds a real one, so a new app (and its
 * preview) looks like a shop from the first minute. They live only in the page: nothing here is
 * stored or sold, and they disappear as soon as the server lists one product.
 */
export const STARTER_PRODUCTS: readonly Product[] = [
  {
    id: "sample-1",
    title: "Weekly meal planner",
    summary: "A printable planner with a shopping list on the back.",
    format: "pdf",
    createdAt: 0,
  },
  {
    id: "sample-2",
    title: "Botanical prints, set of six",
    summary: "High-resolution illustrations, ready to frame.",
    format: "image",
    createdAt: 0,
  },
  {
    id: "sample-3",
    title: "The moving-house checklist",
    summary: "Every task from eight weeks out to the first night in.",
    format: "text",
    createdAt: 0,
  },
];
