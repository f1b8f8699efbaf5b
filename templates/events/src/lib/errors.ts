import type { SandlotError } from "@sandlot/sdk";

/** Server refusals of a ticket request, in words for the visitor; anything else as the server said it. */
export function ticketError(err: SandlotError): SandlotError {
  const { code } = err;
  if (err.status === 409 && code === "capacity_reached")
    return Object.assign(err, { message: "Sold out: every place for this event is taken." });
  if (err.status === 409 && code === "unique_violation")
    return Object.assign(err, { message: "You already have a ticket for this event. See My tickets." });
  if (err.status === 409 && code === "already_purchased")
    return Object.assign(err, { message: "This ticket is already paid. Refresh to see it." });
  if (err.status === 401) return Object.assign(err, { message: "Please sign in again to get a ticket." });
  return err;
}
