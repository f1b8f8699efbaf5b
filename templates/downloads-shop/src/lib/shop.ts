/**
 * The shop's shared shapes and constants (locked). Prices here are for display: the server charges
 * what template.json says (`products.download` $12 once, plan `all-access` $29 a month), so keep
 * them in step with it.
 */
export interface Product {
  id: string;
  title: string;
  summary?: string;
  description?: string;
  format?: "pdf" | "image" | "text";
  file?: string;
  createdAt: number;
}

/** The one-time product every download is sold through (template.json `products`). */
export const PRODUCT = "download";
/** The subscription that unlocks every file while it is live. */
export const PLAN = "all-access";
export const PRICE_LABEL = "$12";
export const PLAN_PRICE_LABEL = "$29 a month";

export const FORMAT_LABELS: Record<NonNullable<Product["format"]>, string> = {
  pdf: "PDF",
  image: "Image",
  text: "Text file",
};

/** Where the server serves a product's file to the readers its `downloads` rule allows. */
export function downloadUrl(productId: string): string {
  return `/_api/collections/products/${encodeURIComponent(productId)}/files/file`;
}

/** Remembers which product a checkout was for, so the return page can say which one arrived. */
const BUYING_KEY = "downloads-shop:buying";

export function rememberBuying(productId: string): void {
  try {
    window.sessionStorage.setItem(BUYING_KEY, productId);
  } catch {
    // Storage may be off (private mode); the return notice then speaks of "your purchase".
  }
}

export function takeBuying(): string | null {
  try {
    const id = window.sessionStorage.getItem(BUYING_KEY);
    window.sessionStorage.removeItem(BUYING_KEY);
    return id;
  } catch {
    return null;
  }
}
