import { useCallback, useEffect, useState } from "react";
import { purchases, useEntitlements, useUser } from "@sandlot/sdk";
import { PLAN } from "./shop";

/**
 * What this visitor may download, for showing the right button. It mirrors the server's
 * `downloads` rule (`purchased | plan:all-access | creator`) for comfort only: the file itself is
 * served or refused by the server whatever this says.
 */
export interface Access {
  loading: boolean;
  /** Ids of products this user bought and was not refunded. */
  bought: ReadonlySet<string>;
  allAccess: boolean;
  isCreator: boolean;
  canDownload(productId: string): boolean;
  refresh(): Promise<void>;
}

const NONE: ReadonlySet<string> = new Set();

export function useAccess(): Access {
  const { user, isCreator, loading: userLoading } = useUser();
  const ent = useEntitlements();
  const [bought, setBought] = useState<ReadonlySet<string> | null>(null);
  const refresh = useCallback(async (): Promise<void> => {
    if (!user) {
      setBought(NONE);
      return;
    }
    try {
      setBought(new Set((await purchases()).documents));
    } catch {
      setBought(NONE);
    }
  }, [user]);
  useEffect(() => {
    if (!userLoading) void refresh();
  }, [userLoading, refresh]);
  const allAccess = ent.has(PLAN);
  const owned = bought ?? NONE;
  return {
    loading: userLoading || ent.loading || bought === null,
    bought: owned,
    allAccess,
    isCreator,
    canDownload: (id) => isCreator || allAccess || owned.has(id),
    refresh,
  };
}
