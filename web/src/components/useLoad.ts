import { useEffect, useState } from "react";
import { api } from "../lib/api";

export type Loadable<T> = { state: "loading" } | { state: "error"; error: unknown } | { state: "ok"; data: T };

/** GET `path` (again whenever `path` or `reloadKey` changes); answers that arrive after a newer request are dropped. */
export function useLoad<T>(path: string, reloadKey = 0): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new reloadKey asks for the same path again
  useEffect(() => {
    let live = true;
    setValue({ state: "loading" });
    api<T>("GET", path)
      .then((data) => live && setValue({ state: "ok", data }))
      .catch((error: unknown) => live && setValue({ state: "error", error }));
    return () => {
      live = false;
    };
  }, [path, reloadKey]);
  return value;
}
