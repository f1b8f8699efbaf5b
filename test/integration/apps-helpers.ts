import { expect } from "vitest";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";

/** Shared steps for the apps/publish tests: a signed-in creator and an app of the publish fixture. */

export const FIXTURE = "sandlot-publish";
export const HOME = "src/blanks/Home.tsx";
export const THEME = "src/blanks/theme.css";

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    problems?: Array<{ file: string; line: number; message: string; code?: string }>;
  };
}

let counter = 0;

export async function signedInCreator(label = "creator"): Promise<Client> {
  const c = new Client(STUDIO_ORIGIN);
  counter += 1;
  const email = `${label}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await c.post("/api/auth/signup", { email, password: "correct horse battery staple" });
  expect(res.status).toBe(201);
  return c;
}

export async function createApp(
  c: Client,
  slug: string,
  template = FIXTURE,
): Promise<{ id: string; slug: string; url: string }> {
  const res = await c.post("/api/apps", { slug, template, name: `App ${slug}` });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ app: { id: string; slug: string; url: string } }>(res)).app;
}

export async function putFiles(c: Client, slug: string, files: Record<string, string>): Promise<Response> {
  return c.put(`/api/apps/${slug}/files`, { files });
}

export async function publish(c: Client, slug: string): Promise<Response> {
  return c.post(`/api/apps/${slug}/publish`);
}

export const homeSaying = (text: string): string => `export default function Home() {\n  return <h1>${text}</h1>;\n}\n`;
