import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apps } from "../db/d1-schema";
import type { Env } from "../env";

export interface AppRecord {
  id: string;
  slug: string;
  name: string;
  templateId: string;
  creatorId: string;
  currentVersion: number | null;
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
    })
    .from(apps)
    .where(eq(apps.slug, slug))
    .get();
  return row ?? null;
}
