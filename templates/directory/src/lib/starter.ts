import type { Listing } from "./listings";

/**
 * Sample listings the home page shows until the creator approves a real one, so a new app (and
 * its preview) looks like a directory from the first minute. They live only in the page: nothing
 * here is stored, and they disappear as soon as the server lists one approved listing.
 */
export const STARTER_LISTINGS: readonly Listing[] = [
  {
    id: "sample-1",
    title: "Corner Bakery",
    category: "food-drink",
    description: "Sourdough from 7am, cinnamon buns on Saturdays.",
    area: "Market Street",
    status: "approved",
    featured: true,
    createdAt: 0,
  },
  {
    id: "sample-2",
    title: "Fix-It Bikes",
    category: "services",
    description: "Same-day repairs and second-hand bikes.",
    area: "Station Road",
    status: "approved",
    createdAt: 0,
  },
  {
    id: "sample-3",
    title: "Riverside Pottery Studio",
    category: "arts",
    description: "Evening wheel classes for beginners.",
    area: "Canal Wharf",
    status: "approved",
    createdAt: 0,
  },
];
