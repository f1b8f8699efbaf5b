import { z } from "zod";
import { rulePatternForEditors } from "../policy/rules";
import { manifestSchema, ruleSchema } from "./schema";

/**
 * The manifest schema as JSON Schema (draft 2020-12), for editors: template.json files say
 * `"$schema": "../template.schema.json"`. Written by scripts/gen-manifest-schema.mjs; a Node test
 * checks the committed file is current. Cross-reference checks (a rule naming an undeclared plan,
 * a unique field that does not exist…) are not expressible here; `manifestSchema` and
 * `sandlot template check` still run them.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, {
    io: "input",
    unrepresentable: "any",
    // The server checks rules with the parser; editors get the same grammar as a pattern.
    override: (ctx) => {
      if (ctx.zodSchema === ruleSchema) ctx.jsonSchema.pattern = rulePatternForEditors();
    },
  }) as Record<string, unknown>;
  return {
    ...schema,
    title: "Sandlot template manifest (template.json)",
    description:
      "The reviewed backend contract of a Sandlot template: blanks, collections with access rules, plans, " +
      "imports and limits. See docs/templates.md.",
  };
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
