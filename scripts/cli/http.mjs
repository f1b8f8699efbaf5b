// A small client for the studio API: bearer token, JSON in and out, errors as readable lines.

export class ApiFailure extends Error {
  constructor(status, code, message, problems, blanks) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = problems ?? [];
    /** On 409 `conflict`: the blanks changed on the server since the revision sent. */
    this.blanks = blanks ?? [];
  }
}

/** `file:line message`, the format editors and terminals make clickable. */
export function formatProblem(p) {
  return `${p.file}:${p.line}${p.column ? `:${p.column}` : ""} ${p.message}`;
}

export function createApi({ url, token, fetchImpl = fetch }) {
  async function call(method, path, body, extraHeaders = {}) {
    const headers = { accept: "application/json", ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    // Bytes (an import's zip) go as they are, under the content type the caller sets.
    const raw = body instanceof Uint8Array;
    if (body !== undefined && !raw) headers["content-type"] = "application/json";
    let res;
    try {
      res = await fetchImpl(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiFailure(
        0,
        "unreachable",
        `cannot reach ${url} (${err?.cause?.code ?? err.message}). Is the studio running? Try --url.`,
      );
    }
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const e = data?.error;
      throw new ApiFailure(
        res.status,
        e?.code ?? "http_error",
        e?.message ?? `HTTP ${res.status} from ${path}`,
        e?.problems,
        e?.blanks,
      );
    }
    return { data, res };
  }
  /**
   * POST that answers NDJSON (publish phases): each line to `onLine` as it arrives; resolves with
   * the last `result` body, throws the `error` line as an ApiFailure.
   */
  async function stream(path, onLine) {
    const headers = { accept: "application/x-ndjson" };
    if (token) headers.authorization = `Bearer ${token}`;
    let res;
    try {
      res = await fetchImpl(url + path, { method: "POST", headers });
    } catch (err) {
      throw new ApiFailure(0, "unreachable", `cannot reach ${url} (${err?.cause?.code ?? err.message}).`);
    }
    if (!res.ok || !res.body) {
      const data = await res.json().catch(() => null);
      throw new ApiFailure(
        res.status,
        data?.error?.code ?? "http_error",
        data?.error?.message ?? `HTTP ${res.status}`,
        data?.error?.problems,
      );
    }
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const raw of lines) {
        if (!raw.trim()) continue;
        const line = JSON.parse(raw);
        if (line.type === "result") return line.body;
        if (line.type === "error")
          throw new ApiFailure(
            line.status,
            line.error?.code ?? "http_error",
            line.error?.message ?? "publish failed",
            line.error?.problems,
          );
        onLine(line);
      }
    }
    throw new ApiFailure(
      0,
      "interrupted",
      "the server stopped answering; run `sandlot versions` to see if it went live",
    );
  }

  return {
    token,
    stream,
    get: (path) => call("GET", path).then((r) => r.data),
    post: (path, body, headers) => call("POST", path, body, headers),
    put: (path, body, headers) => call("PUT", path, body, headers).then((r) => r.data),
  };
}
