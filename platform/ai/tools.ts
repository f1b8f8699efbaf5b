import { tool, type ToolSet } from "ai";
import { z } from "zod";
import { MAX_BLANK_BYTES } from "../publish/sources";
import type { Template } from "../templates/registry";
import { checkBlankPath } from "./blank-path";
import { redactAll, stripInvisible } from "./safety";

/**
 * The only ways the model acts: tools whose results the server decides. `write_blank` changes a
 * blank in THIS TURN'S proposal (never the draft, never a locked file); `read_file` shows a file.
 * A refused call is answered as the tool's result, so the model sees why and can try again.
 */

export interface TurnFiles {
  /** The app's blanks when the turn started (the draft). */
  readonly base: Readonly<Record<string, string>>;
  /** Blanks the model wrote this turn, whole new content per path. */
  readonly written: Record<string, string>;
  /** Refused tool calls, for the record and the tests. */
  readonly refused: Array<{ tool: string; path: string; reason: string }>;
}

const encoder = new TextEncoder();

export function blankTools(template: Template, files: TurnFiles, options: { secrets: readonly string[] }): ToolSet {
  return {
    write_blank: tool({
      description:
        "Replace the WHOLE content of one blank file of this app with new content. Only " +
        "the blanks listed in the instructions can be written; every other path is refused.",
      inputSchema: z.object({
        path: z.string().describe("One of the blank paths, e.g. src/blanks/Home.tsx"),
        content: z.string().describe("The complete new file content"),
      }),
      execute: async ({ path, content }): Promise<string> => {
        const check = checkBlankPath(template, path);
        if (!check.ok) {
          files.refused.push({ tool: "write_blank", path: String(path).slice(0, 200), reason: check.reason });
          return `REFUSED: ${check.reason}. Nothing was written. Write only blank files.`;
        }
        // What the model writes is data: invisible controls out, and never the platform key.
        const clean = stripInvisible(redactAll(content, options.secrets));
        if (encoder.encode(clean.text).length > MAX_BLANK_BYTES)
          return `REFUSED: ${path} would be over ${MAX_BLANK_BYTES / 1024} KiB. Write a shorter file.`;
        files.written[path] = clean.text;
        const note = clean.removed > 0 ? ` (${clean.removed} invisible or bidirectional characters removed)` : "";
        return `OK: ${path} written to the proposal${note}. It is built and checked when you finish.`;
      },
    }),
    read_file: tool({
      description: "Read one file of this app: a blank (as currently proposed) or a locked template file (read-only).",
      inputSchema: z.object({ path: z.string() }),
      execute: async ({ path }): Promise<string> => {
        if (Object.hasOwn(files.written, path)) return files.written[path] ?? "";
        if (Object.hasOwn(files.base, path)) return files.base[path] ?? "";
        if (Object.hasOwn(template.files, path)) return `(locked, read-only)\n${template.files[path]}`;
        return `NOT FOUND: ${String(path).slice(0, 200)} is not a file of this app.`;
      },
    }),
  };
}
