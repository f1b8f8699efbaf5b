/** Debounced live builds of the editor's files in the preview Web Worker. */
import { useEffect, useRef, useState } from "react";
import type { BuildProblem } from "../../../sandbox/build/types";
import type { BuildRequest, BuildResponse, BuiltApp, TemplatePayload } from "./worker-protocol";

export type PreviewBuildState =
  | { status: "idle" }
  | { status: "building"; last: BuiltApp | null; seq: number }
  | { status: "ok"; app: BuiltApp; seq: number; ms: number }
  | { status: "failed"; problems: BuildProblem[]; last: BuiltApp | null; seq: number; ms: number }
  | { status: "error"; message: string; last: BuiltApp | null; seq: number };

let sharedWorker: Worker | null = null;
function worker(): Worker {
  sharedWorker ??= new Worker(new URL("./build.worker.ts", import.meta.url), {
    type: "module",
    name: "sandlot-preview-build",
  });
  return sharedWorker;
}

export const BUILD_DEBOUNCE_MS = 450;

export function usePreviewBuild(
  template: TemplatePayload | null,
  files: Record<string, string>,
  rebuildKey = 0,
): PreviewBuildState {
  const [state, setState] = useState<PreviewBuildState>({ status: "idle" });
  const nextId = useRef(0);
  const lastApp = useRef<BuiltApp | null>(null);
  const first = useRef(true);

  useEffect(() => {
    if (!template) return;
    const w = worker();
    const onMessage = (event: MessageEvent<BuildResponse>) => {
      const r = event.data;
      if (!r || r.id !== nextId.current) return; // a newer build is on its way
      if (r.type === "fatal") {
        setState({ status: "error", message: r.message, last: lastApp.current, seq: r.id });
      } else if (r.ok) {
        lastApp.current = r.app;
        setState({ status: "ok", app: r.app, seq: r.id, ms: r.ms });
      } else {
        setState({ status: "failed", problems: r.problems, last: lastApp.current, seq: r.id, ms: r.ms });
      }
    };
    const onError = (e: ErrorEvent) => {
      setState({
        status: "error",
        message: e.message || "The preview builder stopped.",
        last: lastApp.current,
        seq: nextId.current,
      });
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    return () => {
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
  }, [template]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuildKey is the trigger to build again
  useEffect(() => {
    if (!template) return;
    const delay = first.current ? 0 : BUILD_DEBOUNCE_MS;
    first.current = false;
    const timer = setTimeout(() => {
      const id = ++nextId.current;
      setState({ status: "building", last: lastApp.current, seq: id });
      const req: BuildRequest = { type: "build", id, template, files };
      worker().postMessage(req);
    }, delay);
    return () => clearTimeout(timer);
  }, [template, files, rebuildKey]);

  return state;
}
