/**
 * Paying for a product the way an end user does in test mode: start the purchase, open the dev
 * provider's labelled test page, post its form. The page signs a Stripe-shaped event and hands it
 * to the one webhook handler, so the entitlement (and a `sets` flag) comes from the real path.
 */
import { expect } from "vitest";
import { type Client, json } from "../../../test/helpers/client";

export async function buyAndPay(client: Client, product: string, documentId: string): Promise<Response> {
  const start = await client.post("/_api/billing/purchase", { product, documentId });
  expect(start.status).toBe(200);
  const path = new URL((await json<{ url: string }>(start)).url).pathname;
  const page = await (await client.get(path)).text();
  expect(page).toContain("TEST MODE");
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return client.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
    redirect: "manual",
  });
}
