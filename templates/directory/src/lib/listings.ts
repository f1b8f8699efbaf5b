/** The shape of a listing (template.json `listings`) and the words the pages use for its values. */

export type Category = "food-drink" | "shops" | "services" | "health" | "arts" | "other";
export type Status = "pending" | "approved" | "rejected";

export interface Listing {
  id: string;
  title: string;
  category: Category;
  description?: string;
  area?: string;
  website?: string;
  status: Status;
  featured?: boolean;
  /** Present only for the listing's owner and the creator (visibility in template.json). */
  ownerId?: string;
  createdAt: number;
}

/** The category options, in template.json's order, with the label people read. */
export const CATEGORIES: ReadonlyArray<{ value: Category; label: string }> = [
  { value: "food-drink", label: "Food & drink" },
  { value: "shops", label: "Shops" },
  { value: "services", label: "Services" },
  { value: "health", label: "Health & wellbeing" },
  { value: "arts", label: "Arts & culture" },
  { value: "other", label: "Other" },
];

export function categoryLabel(value: string): string {
  return CATEGORIES.find((c) => c.value === value)?.label ?? value;
}

const STATUS_TEXT: Record<Status, string> = {
  pending: "Waiting for approval",
  approved: "Approved — public",
  rejected: "Not approved",
};

export function statusText(status: Status): string {
  return STATUS_TEXT[status] ?? status;
}
