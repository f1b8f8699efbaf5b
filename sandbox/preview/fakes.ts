/** Test support: minimal window/iframe stand-ins for the bridge (no DOM in Node tests). */

export interface Posted {
  message: unknown;
  targetOrigin: string;
}

export interface FakeWindow {
  posted: Posted[];
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
  /** Deliver a message event to this window's listeners. */
  dispatch(event: { source: unknown; origin: string; data: unknown }): void;
  listenerCount(): number;
}

export function fakeWindow(): FakeWindow {
  const listeners = new Map<string, Set<(e: never) => void>>();
  return {
    posted: [],
    postMessage(message, targetOrigin) {
      this.posted.push({ message, targetOrigin });
    },
    addEventListener(type, l) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(l);
    },
    removeEventListener(type, l) {
      listeners.get(type)?.delete(l);
    },
    dispatch(event) {
      for (const l of [...(listeners.get("message") ?? [])]) (l as (e: unknown) => void)(event);
    },
    listenerCount() {
      return listeners.get("message")?.size ?? 0;
    },
  };
}

export interface FakeIframe {
  contentWindow: FakeWindow;
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
  /** Simulate the frame finishing a (re)load or navigation. */
  fireLoad(): void;
}

export function fakeIframe(contentWindow = fakeWindow()): FakeIframe {
  const loads = new Set<(event: never) => void>();
  return {
    contentWindow,
    addEventListener: (type, l) => void (type === "load" && loads.add(l)),
    removeEventListener: (type, l) => void (type === "load" && loads.delete(l)),
    fireLoad: () => {
      for (const l of loads) (l as () => void)();
    },
  };
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}
