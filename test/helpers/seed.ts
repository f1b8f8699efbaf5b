import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { apps, creators } from "../../platform/db/d1-schema";

/**
 * Inserts a creator and an app straight into D1, for tests of the app plane that do not go
 * through the studio API. The app plane only ever sees what the Worker resolves from the Host.
 */
export async function seedApp(options: {
  slug: string;
  templateId: string;
  creatorEmail?: string;
}): Promise<{ appId: string; creatorId: string }> {
  const orm = drizzle(env.DB);
  const creatorId = crypto.randomUUID();
  const now = Date.now();
  await orm.insert(creators).values({
    id: creatorId,
    email: options.creatorEmail ?? `${options.slug}-owner-${creatorId.slice(0, 8)}@example.com`,
    passwordHash:
      "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    plan: "free",
    createdAt: now,
  });
  const appId = crypto.randomUUID();
  await orm.insert(apps).values({
    id: appId,
    slug: options.slug,
    name: options.slug,
    templateId: options.templateId,
    creatorId,
    currentVersion: null,
    createdAt: now,
    updatedAt: now,
  });
  return { appId, creatorId };
}
