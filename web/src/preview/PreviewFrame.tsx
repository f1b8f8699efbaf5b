/**
 * The live preview: one sandboxed iframe per successful build.
 *
 * - `sandbox="allow-scripts allow-forms"` only: the frame's origin is opaque ("null"), so the app's
 *   code cannot read the studio's cookies, storage or DOM, navigate the top window or open popups
 *   (T28). allow-forms only lets submit events fire (sign-in forms work); the shell's CSP
 *   `form-action 'none'` keeps any form from actually submitting anywhere.
 * - The frame loads the static shell (/preview, same URL every time) with a fresh nonce in the
 *   hash. The shell says hello; we answer that hello — only from this iframe's window, origin
 *   "null", this nonce, once — with the built JS/CSS/HTML (shell-protocol.ts).
 * - The app's SDK calls arrive over the bridge (sandbox/preview/host.ts checks source, origin,
 *   nonce and the app-plane allow-list, T31) and are forwarded to the app's preview data
 *   (forward.ts). Replies go only to this iframe's window (T32).
 * - If the frame loads a second document (the app navigated its frame), we stop answering it at
 *   all and offer a restart.
 */
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { createNonce, createPreviewHost, type IframeLike } from "../../../sandbox/preview/host";
import { createForwarder } from "./forward";
import { createNavigationGate } from "./navigation-gate";
import { createShellGate, shellUrl, type RunMessage } from "./shell-protocol";
import type { BuiltApp } from "./worker-protocol";

export interface AppError {
  message: string;
  stack?: string;
}

interface Props {
  slug: string;
  app: BuiltApp;
  /** Changes whenever a new build should start a fresh frame. */
  buildSeq: number;
  onAppError(error: AppError | null): void;
  /** The app's script loaded and ran without throwing at once. */
  onRan?(): void;
}

type FrameStatus = "loading" | "running" | "navigated";

export function PreviewFrame({ slug, app, buildSeq, onAppError, onRan }: Props) {
  const [restart, setRestart] = useState(0);
  // A fresh nonce (and so a fresh iframe element, via key) for every build and every restart.
  // biome-ignore lint/correctness/useExhaustiveDependencies: buildSeq and restart are the triggers, not inputs
  const nonce = useMemo(() => createNonce(), [buildSeq, restart]);
  const [status, setStatus] = useState<FrameStatus>("loading");
  const frame = useRef<HTMLIFrameElement>(null);
  const appRef = useRef(app);
  appRef.current = app;
  const errorRef = useRef(onAppError);
  errorRef.current = onAppError;
  const ranRef = useRef(onRan);
  ranRef.current = onRan;

  useLayoutEffect(() => {
    const iframe = frame.current;
    if (!iframe) return;
    setStatus("loading");
    errorRef.current(null);
    const built = appRef.current;
    const gate = createShellGate(nonce, () => iframe.contentWindow);
    const forward = createForwarder(slug);
    const navigation = createNavigationGate();
    const host = createPreviewHost({
      // IframeLike's listener type is (event: never) => void, which a DOM element can't satisfy
      // structurally under strict function types; the runtime shape is exactly what it needs.
      iframe: iframe as unknown as IframeLike,
      nonce,
      handle: async (request) => {
        const reply = await forward(request);
        navigation.record(request.path, reply);
        return reply;
      },
      onNavigate(url) {
        // Checkout and billing portal links the server returned: a new tab, with no way back to the studio.
        if (navigation.take(url)) window.open(url, "_blank", "noopener,noreferrer");
      },
      onAppError(e) {
        errorRef.current(e.stack ? { message: e.message, stack: e.stack } : { message: e.message });
      },
    });
    const sendRunIfReady = () => {
      const target = iframe.contentWindow;
      if (!target || !gate.takeRun()) return;
      const run: RunMessage = { type: "sandlot-shell:run", nonce, js: built.js, css: built.css, html: built.html };
      // An opaque origin cannot be named as a target origin; the target is this iframe's own
      // window, after its hello was verified (source, origin "null", nonce) and before any reload.
      target.postMessage(run, "*");
    };
    const onMessage = (event: MessageEvent) => {
      const msg = gate.onMessage({ source: event.source, origin: event.origin, data: event.data });
      if (!msg) return;
      if (msg.type === "sandlot-shell:hello") {
        sendRunIfReady();
      } else if (msg.type === "sandlot-shell:ran") {
        setStatus("running");
        ranRef.current?.();
      } else if (msg.type === "sandlot-shell:error") {
        errorRef.current(msg.stack ? { message: msg.message, stack: msg.stack } : { message: msg.message });
      }
    };
    const onLoad = () => {
      if (gate.onLoad() === "navigated") {
        host.dispose();
        setStatus("navigated");
        return;
      }
      sendRunIfReady();
    };
    window.addEventListener("message", onMessage);
    iframe.addEventListener("load", onLoad);
    return () => {
      window.removeEventListener("message", onMessage);
      iframe.removeEventListener("load", onLoad);
      host.dispose();
    };
  }, [nonce, slug]);

  return (
    <div className="preview-frame-wrap" data-status={status}>
      <iframe
        key={nonce}
        ref={frame}
        className="preview-frame"
        title="Live preview of your app"
        src={shellUrl(nonce)}
        sandbox="allow-scripts allow-forms"
        referrerPolicy="no-referrer"
        data-testid="preview-frame"
      />
      {status === "navigated" && (
        <div className="preview-overlay" role="status">
          <p>The app left the preview page (it followed a link or reloaded).</p>
          <button type="button" className="btn" onClick={() => setRestart((n) => n + 1)}>
            Restart preview
          </button>
        </div>
      )}
    </div>
  );
}
