/** Shapes of the two collections (see template.json). */
export interface Preview {
  id: string;
  title: string;
  excerpt: string;
  postId: string;
  publishedAt?: string;
  createdAt: number;
}

export interface Post {
  id: string;
  title: string;
  body: string;
}

export function formatDate(preview: { publishedAt?: string; createdAt: number }): string {
  const d = preview.publishedAt ? new Date(preview.publishedAt) : new Date(preview.createdAt);
  return d.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}

/** Plain text to blocks: blank lines split paragraphs; "## " starts a heading; "> " a quote. */
export function blocksOf(text: string): Array<{ kind: "p" | "h" | "q"; text: string }> {
  return text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) =>
      b.startsWith("## ")
        ? { kind: "h" as const, text: b.slice(3) }
        : b.startsWith("> ")
          ? { kind: "q" as const, text: b.replace(/^> ?/gm, "") }
          : { kind: "p" as const, text: b },
    );
}
