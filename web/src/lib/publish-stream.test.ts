import { describe, expect, it } from "vitest";
import { applyPhase, failRunning, initialPhases, parseLine, splitLines } from "./publish-stream";

describe("publish stream", () => {
  it("splits chunks into whole lines, keeping a partial one", () => {
    expect(splitLines('{"a":1}\n{"b":2}\n{"c"')).toEqual({ lines: ['{"a":1}', '{"b":2}'], rest: '{"c"' });
  });

  it("parses phase, result and error lines and drops anything else", () => {
    expect(parseLine('{"type":"phase","phase":"building","state":"start"}')).toEqual({
      type: "phase",
      phase: "building",
      state: "start",
    });
    expect(parseLine('{"type":"phase","phase":"teleporting","state":"start"}')).toBeNull();
    expect(parseLine("not json")).toBeNull();
    expect(parseLine('{"type":"result","status":201,"body":{"version":2}}')?.type).toBe("result");
  });

  it("moves phases from waiting to running to done with their time, and marks a failure", () => {
    let s = initialPhases();
    s = applyPhase(s, { type: "phase", phase: "building", state: "start" });
    expect(s.find((p) => p.phase === "building")?.state).toBe("running");
    s = applyPhase(s, { type: "phase", phase: "building", state: "done", ms: 812 });
    expect(s.find((p) => p.phase === "building")).toEqual({ phase: "building", state: "done", ms: 812 });
    s = applyPhase(s, { type: "phase", phase: "checking", state: "start" });
    s = failRunning(s);
    expect(s.find((p) => p.phase === "checking")?.state).toBe("failed");
    expect(s.find((p) => p.phase === "live")?.state).toBe("waiting");
  });
});
