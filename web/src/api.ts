// Typed client of the Headwater HTTP API (/api/…, the contract of issue 9; shapes of CLI.md).
// Every call returns the parsed JSON or throws an ApiError carrying the server's error object.

export interface Counts {
  articles: number;
  outlets: number;
  origins: number;
  independent_origins: number;
  in_country_origins: number;
  denials: number;
}

export interface StoryArticle {
  id?: string | number;
  url: string;
  outlet: string;
  published: string | null;
  lang: string;
}

export interface StorySummary {
  id: string;
  title: string;
  verdict: string;
  policy: string;
  country: string | null;
  status: string;
  first_seen: string | null;
  last_seen: string | null;
  counts: Counts;
  articles?: StoryArticle[];
}

export interface Evidence {
  url: string;
  start: number;
  end: number;
  text: string;
}

export interface TrackRecordCounts {
  originated: number;
  corroborated: number;
  single_source: number;
  refuted: number;
  estimate?: number | null;
}

export interface Origin {
  outlet: string;
  country: string | null;
  kind: string;
  external: boolean;
  independent_group: string;
  in_country: boolean;
  anonymous_only: boolean;
  articles: string[];
  evidence: Evidence[];
  track_record: TrackRecordCounts | null;
}

export interface Echo {
  url: string;
  outlet: string;
  echoes: string[];
  via: string[];
}

export interface Denial {
  who: string;
  url: string;
  published: string | null;
  evidence: Evidence | null;
}

export interface TimelineEntry {
  published: string | null;
  url: string;
  outlet: string;
  role: string;
}

export interface StoryDoc extends StorySummary {
  explanation: string;
  origins: Origin[];
  echoes: Echo[];
  denials: Denial[];
  places: { name: string; country: string; mentions: number }[];
  timeline: TimelineEntry[];
  /** The CLI's story JSON carries its graph too (edges with from/to). */
  graph?: { nodes: GraphNode[]; edges: GraphEdge[] };
}

export interface GraphNode {
  id: string;
  label?: string;
  kind?: string; // "article" | "external"
  role: string; // "origin" | "echo" | "denial" | "other" (CLI also says "unsourced")
  url?: string | null;
  outlet?: string;
  outlet_id?: string | number | null;
  article?: string | number | null;
  country?: string | null;
  published?: string | null;
  external?: boolean;
}

export interface GraphEdge {
  source?: string;
  target?: string;
  from?: string;
  to?: string;
  kind: string; // "copies" | "cites" | "links"
  class?: string | null;
  self?: boolean;
  evidence?: Evidence | null;
}

export interface Graph {
  story: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Span {
  spans: [number, number][];
  text: string;
}

export interface AttributionObj {
  cue: Span | null;
  source: Span | null;
  content: Span | null;
  source_kind: string;
  stance: string;
  resolved?: { outlet: string | null } | null;
}

export interface ArticleDoc {
  id: string | number;
  url: string;
  canonical_url?: string;
  outlet: string;
  outlet_id?: string | number | null;
  published: string | null;
  lang: string;
  title: string;
  byline?: string | null;
  text: string;
  story: string | number | null;
  attributions: AttributionObj[];
}

export interface OutletSummary {
  id: string | number;
  name: string;
  domain: string | null;
  country: string | null;
  kind: string | null;
  group: string | null;
}

export interface OutletDoc extends OutletSummary {
  track_record: TrackRecordCounts & { by_year: (TrackRecordCounts & { year: number })[] };
  stories: StorySummary[];
}

export interface SearchHit {
  id: string | number;
  url: string;
  title: string;
  outlet: string;
  published: string | null;
  snippet: string;
  story: string | number | null;
}

export interface Watch {
  id: string | number;
  kind: string;
  target: string;
  created: string;
}

export interface Alert {
  watch: string;
  story: string;
  what: string;
  from: string;
  to: string;
  at: string;
  evidence: Evidence[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers["Authorization"] = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "network", `The server did not answer (${String(e)})`);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? "http", `${res.status}: ${err?.message ?? (res.statusText || "request failed")}`);
  }
  return data as T;
}

function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

export type StoryFilters = {
  verdict?: string;
  country?: string;
  outlet?: string;
  lang?: string;
  since?: string;
  until?: string;
  q?: string;
  status?: string;
  limit?: number;
  offset?: number;
};

export const api = {
  stories: (f: StoryFilters) =>
    request<{ total: number; limit: number; offset: number; stories: StorySummary[] }>("GET", `/api/stories${qs(f)}`),
  story: (id: string) => request<StoryDoc>("GET", `/api/stories/${encodeURIComponent(id)}`),
  graph: (id: string) => request<Graph>("GET", `/api/stories/${encodeURIComponent(id)}/graph`),
  article: (id: string) => request<ArticleDoc>("GET", `/api/articles/${encodeURIComponent(id)}`),
  outlets: (f: { q?: string; country?: string; limit?: number; offset?: number }) =>
    request<{ total: number; outlets: OutletSummary[] }>("GET", `/api/outlets${qs(f)}`),
  outlet: (id: string) => request<OutletDoc>("GET", `/api/outlets/${encodeURIComponent(id)}`),
  search: (q: string, limit = 50) =>
    request<{ query: string; articles: SearchHit[] }>("GET", `/api/search${qs({ q, limit })}`),
  watches: () => request<{ watches: Watch[] }>("GET", "/api/watches"),
  addWatch: (kind: string, target: string, token: string) =>
    request<Watch>("POST", "/api/watches", { kind, target }, token),
  deleteWatch: (id: string, token: string) =>
    request<unknown>("DELETE", `/api/watches/${encodeURIComponent(id)}`, undefined, token),
  alerts: (limit = 50) => request<{ alerts: Alert[] }>("GET", `/api/alerts${qs({ limit })}`),
};

/** Finds an outlet's id from its name (exact, case-insensitive match among /api/outlets?q=). */
export async function outletIdByName(name: string): Promise<string | null> {
  const r = await api.outlets({ q: name, limit: 50 });
  const want = name.toLowerCase();
  const hit = r.outlets.find((o) => o.name.toLowerCase() === want);
  return hit ? String(hit.id) : null;
}
