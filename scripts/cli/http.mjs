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
    if (body !== undefined) headers["content-type"] = "application/json";
    let res;
    try {
      res = await fetchImpl(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
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
  return {
    get: (path) => call("GET", path).then((r) => r.data),
    post: (path, body, headers) => call("POST", path, body, headers),
    put: (path, body, headers) => call("PUT", path, body, headers).then((r) => r.data),
  };
}
