import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { Hono } from "hono";
import { aiConfig } from "../../ai/config";
import {
  addMessage,
  asHistory,
  decideProposal,
  findProposal,
  listMessages,
  listProposals,
  proposalFiles,
  sha256Hex,
} from "../../ai/conversation";
import { readUsage, reserveTokens, takeTurnSlot } from "../../ai/meter";
import { instructionsFor, messagesFor } from "../../ai/prompt";
import { languageModel } from "../../ai/provider";
import { redactAll, removeCredentials, stripInvisible } from "../../ai/safety";
import { GENERIC_SUGGESTIONS, SUGGESTIONS } from "../../ai/suggestions";
import { runTurn, worstCaseTokens } from "../../ai/turn";
import { ApiError, conflict, notFound, payloadTooLarge } from "../../errors";
import { jsonBody } from "../../http/body";
import { readDraft, writeDraftAfter } from "../../publish/draft";
import { checkEdits, MAX_SOURCES_BYTES, readSources, sourcesBytes } from "../../publish/sources";
import { listTemplates } from "../../templates/registry";
import { requireCreator, type StudioEnv } from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";
import { requireOwnedApp, requireOwnedAppWithTemplate } from "./owned-app";

/**
 * The AI assistant (docs/ai.md): `GET /api/ai` (aiStatusRoutes) and, per app,
 * `/api/apps/:slug/ai/…` (aiRoutes). Ownership is checked before anything else; the model key is
 * read only by platform/ai/provider.ts and redacted from everything that leaves.
 */
export const aiStatusRoutes = new Hono<StudioEnv>();
export const aiRoutes = new Hono<StudioEnv>();

const notConfigured = (reason: string): ApiError =>
  new ApiError(
    503,
    "ai_not_configured",
    `The AI assistant is not set up on this platform (${reason}). See docs/ai.md.`,
  );

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

aiStatusRoutes.get("/", async (c) => {
  const creator = requireCreator(c);
  const config = aiConfig(c.env);
  const usage = await readUsage(c.env, creator.id, creator.plan, Date.now());
  const suggestions: Record<string, string[]> = {};
  for (const t of listTemplates()) suggestions[t.id] = [...(SUGGESTIONS[t.id] ?? GENERIC_SUGGESTIONS)];
  return c.json(
    shape("aiStatus", {
      configured: config.configured,
      provider: config.configured ? config.provider : null,
      model: config.configured ? config.model : null,
      usage: {
        usedTokens: usage.usedTokens + usage.reservedTokens,
        limitTokens: usage.limitTokens,
        resetsAt: usage.resetsAt,
      },
      suggestions,
    }),
  );
});

aiRoutes.get("/messages", async (c) => {
  const app = await requireOwnedApp(c);
  const [messages, proposals] = await Promise.all([listMessages(c.env, app.id), listProposals(c.env, app.id)]);
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const out = await Promise.all(
    messages.map(async (m) => {
      const p = m.proposalId ? byId.get(m.proposalId) : undefined;
      return {
        id: m.id,
        role: m.role,
        text: m.text,
        error: m.error,
        tokens: m.tokens,
        createdAt: m.createdAt,
        proposal: p
          ? {
              id: p.id,
              status: p.status,
              paths: p.paths,
              rounds: p.rounds,
              files: await proposalFiles(c.env, app.id, p.id),
              createdAt: p.createdAt,
              decidedAt: p.decidedAt,
            }
          : null,
      };
    }),
  );
  return c.json(shape("aiMessages", { messages: out }));
});

aiRoutes.post("/chat", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const creator = requireCreator(c);
  const body = await jsonBody(c.req.raw, studioBodies.chat);
  const config = aiConfig(c.env);
  if (!config.configured) throw notConfigured(config.reason);
  const now = Date.now();

  const wait = await takeTurnSlot(c.env, creator.id, now);
  if (wait !== null)
    throw new ApiError(429, "ai_rate_limited", `Too many requests to the assistant; wait ${wait} s.`, {
      headers: { "Retry-After": String(wait) },
    });

  // The creator's words are data: invisible controls out, pasted credentials cut before any model or row sees them.
  const cleaned = stripInvisible(body.message);
  const safe = removeCredentials(cleaned.text);
  const message = safe.text.trim();
  if (message === "") throw new ApiError(400, "bad_request", "The message is empty.");
  const hint = body.blank && template.manifest.blanks.some((b) => b.path === body.blank) ? body.blank : undefined;

  const draft = await readSources(c.env, app.id, template);
  const history = asHistory(await listMessages(c.env, app.id));
  const promptInput = { template, blanks: draft, hint, history, message };
  const instructions = instructionsFor(promptInput);
  const messages = messagesFor(promptInput);

  const first = await reserveTokens(c.env, {
    creatorId: creator.id,
    plan: creator.plan,
    tokens: worstCaseTokens(instructions, messages),
    now,
  });
  if (!first.ok) {
    const { usage } = first;
    throw new ApiError(
      429,
      "ai_quota",
      `This turn could need more AI tokens than are left this month (${usage.usedTokens + usage.reservedTokens} ` +
        `of ${usage.limitTokens} used). The allowance resets on ${day(usage.resetsAt)}.`,
      { extra: { usage: { usedTokens: usage.usedTokens, limitTokens: usage.limitTokens, resetsAt: usage.resetsAt } } },
    );
  }

  await addMessage(c.env, app.id, { role: "user", text: message, proposalId: null, error: null, tokens: 0 });
  const secrets = c.env.AI_API_KEY ? [c.env.AI_API_KEY] : [];
  const model = languageModel(c.env, config);
  const env = c.env;
  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      if (safe.labels.length > 0 || cleaned.removed > 0)
        writer.write({
          type: "data-notice",
          data: {
            message: [
              safe.labels.length > 0
                ? `A ${safe.labels.join(", ")} in your message was removed ` +
                  `before the assistant saw it. Keys never belong in an app.`
                : "",
              cleaned.removed > 0 ? `${cleaned.removed} invisible characters were removed from your message.` : "",
            ]
              .filter(Boolean)
              .join(" "),
          },
        });
      const turn = await runTurn(
        {
          env,
          model,
          template,
          appId: app.id,
          creator: { id: creator.id, plan: creator.plan },
          instructions,
          messages,
          draft,
          firstReservation: first.reservation,
          abortSignal: c.req.raw.signal,
          secrets,
        },
        writer,
      );
      const o = turn.outcome;
      await addMessage(env, app.id, {
        role: "assistant",
        text: redactAll(turn.text, secrets),
        proposalId: o.kind === "proposal" ? o.proposalId : null,
        error: o.kind === "failed" ? redactAll(o.error, secrets) : o.kind === "aborted" ? "Stopped." : null,
        tokens: turn.tokens,
      });
      writer.write({
        type: "data-usage",
        data: { tokens: turn.tokens, modelCalls: turn.modelCalls, rounds: o.rounds },
        transient: true,
      });
    },
    // Anything thrown inside is ours: logged, and the creator gets words, never the error's text.
    onError: (err) => {
      console.error("ai chat: turn failed", err instanceof Error ? err.message : err);
      return "The assistant stopped because of an error on our side. Nothing was changed; try again.";
    },
  });
  return createUIMessageStreamResponse({ stream, headers: { "cache-control": "no-store" } });
});

/**
 * Saves the proposal's blanks into the draft with the checks a creator's own save gets
 * (files.ts PUT). 409 when a proposed blank changed in the draft since the proposal was made:
 * accepting must never overwrite newer work.
 */
aiRoutes.post("/proposals/:id/accept", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const id = c.req.param("id");
  const proposal = await findProposal(c.env, app.id, id);
  if (!proposal) throw notFound("No such proposal.");
  if (proposal.status !== "pending")
    throw conflict(`This proposal was already ${proposal.status}.`, "proposal_decided");
  const files = await proposalFiles(c.env, app.id, id);
  if (!files) throw notFound("No such proposal.");
  const current = await readDraft(c.env, app.id, template);
  const draft = current.files;
  const changed: string[] = [];
  for (const path of proposal.paths)
    if ((await sha256Hex(draft[path] ?? "")) !== proposal.baseHashes[path]) changed.push(path);
  if (changed.length > 0)
    throw conflict(
      `${changed.join(", ")} changed since this proposal was made; accepting would ` +
        `overwrite that. Ask again to get a proposal on top of the new version.`,
    );
  const problems = checkEdits(template, files);
  if (problems.length > 0) {
    const p = problems[0];
    throw new ApiError(400, "invalid_files", p ? `${p.file}:${p.line} ${p.message}` : "invalid files");
  }
  const merged = { ...draft, ...files };
  const bytes = sourcesBytes(merged);
  if (bytes > MAX_SOURCES_BYTES) throw payloadTooLarge(`All blanks together would be ${Math.ceil(bytes / 1024)} KiB.`);
  // The draft first, conditional on what was compared above (files.ts's revisions): a save that
  // lands in between makes this a 409, never an overwrite.
  const written = await writeDraftAfter(c.env, app.id, current, merged);
  if (!written) throw conflict("The draft was saved elsewhere while accepting; try again.");
  if (!(await decideProposal(c.env, app.id, id, "accepted")))
    throw conflict("This proposal was already decided.", "proposal_decided");
  c.header("ETag", `"${written.revision}"`);
  return c.json(shape("aiAccepted", { files: merged, saved: Object.keys(files).sort(), revision: written.revision }));
});

aiRoutes.post("/proposals/:id/reject", async (c) => {
  const app = await requireOwnedApp(c);
  const id = c.req.param("id");
  const proposal = await findProposal(c.env, app.id, id);
  if (!proposal) throw notFound("No such proposal.");
  if (proposal.status === "rejected") return c.body(null, 204);
  if (!(await decideProposal(c.env, app.id, id, "rejected")))
    throw conflict(`This proposal was already ${proposal.status}.`, "proposal_decided");
  return c.body(null, 204);
});
