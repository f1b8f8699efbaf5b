import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apps, creators } from "../db/d1-schema";
import type { Env } from "../env";

export interface AppRecord {
  id: string;
  slug: string;
  name: string;
  templateId: string;
  creatorId: string;
  currentVersion: number | null;
  /** Lets the creator use `creator` rules in their own app, once they verify this address there. */
  creatorEmail: string;
}

export async function findAppBySlug(env: Env, slug: string): Promise<AppRecord | null> {
  const row = await drizzle(env.DB)
    .select({
      id: apps.id,
      slug: apps.slug,
      name: apps.name,
      templateId: apps.templateId,
      creatorId: apps.creatorId,
      currentVersion: apps.currentVersion,
      creatorEmail: creators.email,
    })
    .from(apps)
    .innerJoin(creators, eq(creators.id, apps.creatorId))
    .where(eq(apps.slug, slug))
    .get();
  return row ?? null;
}
