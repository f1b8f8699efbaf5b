/** The signed-in creator, shared by every screen. */
import { createContext, useContext } from "react";
import type { Creator } from "./lib/api";

export interface Session {
  creator: Creator;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in screen");
  return s;
}
