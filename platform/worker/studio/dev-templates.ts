import { Hono } from "hono";
import { checkFiles } from "../../../sandbox/build/index";
import { devFeaturesEnabled } from "../../environment";
import { ApiError, conflict, notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import { manifestSchema } from "../../manifest/schema";
import { findPushedTemplate, savePushedTemplate } from "../../templates/pushed";
import { getTemplate, listTemplates } from "../../templates/registry";
import { requireCreator, type StudioEnv } from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";

/**
 * `POST /api/dev/templates {manifest, files}`: `sandlot template push` installs a template into a
 * running development platform, so its author can create an app from it at once. Development and
 * test only (T51, T58): in production it does not exist (404) and templates are part of the
 * deploy, reviewed code. A signed-in creator only; a deployed template's id, or one another
 * creator pushed, cannot be taken over (409). The manifest and files pass the same schema and
 * file checks as a deployed template's and an app's.
 */
export const devTemplateRoutes = new Hono<StudioEnv>();

/** What a template holds that the platform serves or builds: index.html and src/**. */
const isTemplateFile = (path: string): boolean => path === "index.html" || path.startsWith("src/");

devTemplateRoutes.post("/templates", async (c) => {
  if (!devFeaturesEnabled(c.env)) throw notFound("No such endpoint.");
  const creator = requireCreator(c);
  const body = await jsonBody(c.req.raw, studioBodies.templatePush);
  const parsed = manifestSchema.safeParse(body.manifest);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      file: "template.json",
      message: `${i.path.join(".") || "(root)"}: ${i.message}`,
    }));
    throw new ApiError(400, "invalid_manifest", `template.json: ${problems[0]!.message}`, { extra: { problems } });
  }
  const manifest = parsed.data;
  if (getTemplate(c.env, manifest.id)) {
    const what = listTemplates().some((t) => t.id === manifest.id)
      ? "a deployed template"
      : "one of the platform's test templates (test/fixtures/templates)";
    throw conflict(`"${manifest.id}" is ${what}; give yours another id (and rename its folder).`, "template_exists");
  }
  const earlier = await findPushedTemplate(c.env, manifest.id);
  if (earlier && earlier.creatorId !== creator.id)
    throw conflict(`Another creator pushed a template "${manifest.id}"; give yours another id.`, "template_exists");

  const files = Object.fromEntries(Object.entries(body.files).filter(([path]) => isTemplateFile(path)));
  const problems = checkFiles({ template: { manifest, files }, files });
  for (const required of ["index.html", "src/main.tsx"])
    if (!(required in files))
      problems.push({ file: required, line: 1, column: 1, code: "missing_file", message: "missing" });
  for (const blank of manifest.blanks)
    if (!(blank.path in files))
      problems.push({
        file: blank.path,
        line: 1,
        column: 1,
        code: "missing_file",
        message: "blank declared but missing",
      });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ApiError(400, "invalid_files", `${first.file}:${first.line} ${first.message}`, {
      extra: { problems: problems.map((p) => ({ file: p.file, line: p.line, message: p.message })) },
    });
  }
  await savePushedTemplate(c.env, { manifest, files, creatorId: creator.id, now: Date.now() });
  const template = { id: manifest.id, name: manifest.name, description: manifest.description, manifest };
  return c.json(shape("templatePushed", { template, replaced: earlier !== null }), 201);
});
