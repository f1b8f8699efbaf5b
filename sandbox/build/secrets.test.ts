import { describe, expect, it } from "vitest";
import { SECRET_PATTERNS, lineOf, lineStarts, scanSecrets } from "./secrets";

// Credential-shaped values are assembled from pieces so the repo never holds a full literal.
const j = (...parts: string[]): string => parts.join("");
const SAMPLES: Record<string, string> = {
  stripe_secret_key: j("sk_", "live_", "A1b2C3d4E5f6G7h8I9j0"),
  stripe_webhook_secret: j("whs", "ec_", "A1b2C3d4E5f6G7h8I9j0"),
  aws_access_key: j("AK", "IA", "ABCDEFGHIJKLMNOP"),
  private_key: j("-----BEGIN ", "RSA PRIVATE", " KEY-----"),
  github_token: j("gh", "p_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"),
  slack_token: j("xo", "xb-", "1234567890-abcdefghij"),
  google_api_key: j("AI", "za", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r"),
  jwt: j(
    "ey",
    "JhbGciOiJIUzI1NiJ9",
    ".",
    "ey",
    "JzdWIiOiIxMjM0NTY3ODkwIn0",
    ".",
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  ),
};

describe("T01 secret patterns", () => {
  for (const p of SECRET_PATTERNS) {
    it(`${p.id} is detected with its 1-based line and column`, () => {
      const sample = SAMPLES[p.id];
      expect(sample, `a sample for ${p.id}`).toBeDefined();
      const text = `const a = 1;\nconst b = 2;\n  const key = "${sample}";\n`;
      const hits = scanSecrets(text);
      expect(hits.map((h) => h.patternId)).toContain(p.id);
      const hit = hits.find((h) => h.patternId === p.id)!;
      expect(hit.line).toBe(3);
      expect(hit.column).toBe(text.split("\n")[2]!.indexOf(sample!.slice(0, 4)) + 1);
    });
  }

  it("every pattern has a sample (adding a pattern means adding a test)", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(SECRET_PATTERNS.map((p) => p.id).sort());
  });

  it("also finds rk_test_ restricted keys", () => {
    expect(scanSecrets(j("rk", "_test_", "0123456789abcdef")).map((h) => h.patternId)).toEqual(["stripe_secret_key"]);
  });

  it("does not flag ordinary code or publishable keys", () => {
    const text = [
      'const pk = "pk_live_0123456789abcdef";', // publishable keys are meant to be public
      'const short = "sk_live_abc";', // too short to be a key
      'const word = "task_live_dashboard";',
      'const el = <div className="skeleton">AKIA</div>;',
      "const jwtLike = 'eyJ.eyJ.x';",
    ].join("\n");
    expect(scanSecrets(text)).toEqual([]);
  });

  it("reports several hits in position order", () => {
    const text = `${SAMPLES.aws_access_key}\n\n${SAMPLES.stripe_secret_key}`;
    expect(scanSecrets(text).map((h) => [h.patternId, h.line])).toEqual([
      ["aws_access_key", 1],
      ["stripe_secret_key", 3],
    ]);
  });

  it("lineOf maps offsets to 1-based line/column", () => {
    const s = lineStarts("ab\ncd\n\nef");
    expect(lineOf(s, 0)).toEqual({ line: 1, column: 1 });
    expect(lineOf(s, 4)).toEqual({ line: 2, column: 2 });
    expect(lineOf(s, 7)).toEqual({ line: 4, column: 1 });
  });
});
