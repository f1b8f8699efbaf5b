import { describe, expect, it } from "vitest";
import { eventOf, splitEvents } from "./stream";

describe("the UI message stream reader", () => {
  it("splits events and keeps an incomplete one for the next read", () => {
    const { payloads, rest } = splitEvents(
      'data: {"type":"start"}\n\ndata: {"type":"text-delta","id":"1","delta":"Hi"}\n\ndata: {"ty',
    );
    expect(payloads).toEqual(['{"type":"start"}', '{"type":"text-delta","id":"1","delta":"Hi"}']);
    expect(rest).toBe('data: {"ty');
  });

  it("reads the chunks the studio shows and ignores the rest", () => {
    expect(eventOf({ type: "text-delta", id: "a", delta: "x" })).toEqual({ type: "text", delta: "x" });
    expect(
      eventOf({ type: "data-repair", data: { round: 1, problems: [{ file: "a", line: 2, message: "m", code: "c" }] } }),
    ).toEqual({ type: "repair", round: 1, problems: [{ file: "a", line: 2, message: "m", code: "c" }] });
    expect(
      eventOf({ type: "data-proposal", data: { proposalId: "p", files: { a: "b" }, rounds: 0, problems: [] } }),
    ).toMatchObject({ type: "proposal", proposal: { proposalId: "p", files: { a: "b" } } });
    expect(eventOf({ type: "error", errorText: "no" })).toEqual({ type: "error", message: "no" });
    expect(eventOf({ type: "text-start", id: "b" })).toEqual({ type: "text-start" });
    expect(eventOf({ type: "start-step" })).toBeNull();
    expect(eventOf({ type: "data-proposal", data: { files: {} } })).toBeNull();
    expect(eventOf("nonsense")).toBeNull();
  });
});
