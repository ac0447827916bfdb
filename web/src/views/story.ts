// The story page: verdict, explanation, counts, the provenance graph with a side panel showing the
// article behind a node (its evidence sentence highlighted), origins with track records, denials,
// echoes and the timeline.

import { api, type ArticleDoc, type Evidence, type StoryDoc } from "../api";
import { announce, errorBox, extLink, fmtDate, fmtTime, h, link, loading, replace, verdictBadge } from "../dom";
import { renderHighlighted, type Highlight } from "../evidence";
import { mountGraph, normalizeGraph, ROLE_COLOURS, type GraphHandle, type UiEdge, type UiNode } from "../graph";
import { outletHref } from "./outlet";

let current: GraphHandle | null = null;

/** Called by the router before another page renders. */
export function leaveStory(): void {
  current?.destroy();
  current = null;
}

function countsList(s: StoryDoc): HTMLElement {
  const c = s.counts;
  const item = (label: string, v: number, cls = "") =>
    h("div", { class: `count ${cls}` }, h("dt", {}, label), h("dd", {}, v));
  return h("dl", { class: "counts", "aria-label": "Counts" },
    item("Articles", c.articles), item("Outlets", c.outlets), item("Origins", c.origins),
    item("Independent origins", c.independent_origins, "key"), item("In-country origins", c.in_country_origins, "key"),
    item("Denials", c.denials));
}

function roleBadge(role: string): HTMLElement {
  return h("span", { class: `badge role-${role}` }, role);
}

function trackRecordText(t: StoryDoc["origins"][number]["track_record"]): string {
  if (!t) return "no track record yet";
  const est = t.estimate === null || t.estimate === undefined ? "" : `; estimate ${Math.round(t.estimate * 100)}% corroborated`;
  return `originated ${t.originated}: ${t.corroborated} corroborated, ${t.single_source} single-source, ${t.refuted} refuted${est}`;
}

/** Every evidence passage the story names, by article URL. */
function evidenceByUrl(s: StoryDoc, edges: UiEdge[]): Map<string, { ev: Evidence; label: string }[]> {
  const m = new Map<string, { ev: Evidence; label: string }[]>();
  const add = (ev: Evidence | null | undefined, label: string) => {
    if (!ev || !ev.url || ev.end <= ev.start) return;
    const list = m.get(ev.url) ?? [];
    if (!list.some((x) => x.ev.start === ev.start && x.ev.end === ev.end)) list.push({ ev, label });
    m.set(ev.url, list);
  };
  for (const o of s.origins) for (const ev of o.evidence ?? []) add(ev, `origin evidence (${o.outlet})`);
  for (const d of s.denials) add(d.evidence, `denial by ${d.who}`);
  for (const e of edges) add(e.evidence, `${e.kind} (attribution)`);
  return m;
}

export async function renderStory(main: HTMLElement, id: string): Promise<void> {
  replace(main, loading("the story"));
  let s: StoryDoc;
  try {
    s = await api.story(id);
  } catch (e) {
    replace(main, h("h1", {}, "Story not found"), errorBox(e), link("/", "← All stories"));
    return;
  }
  const denialUrls = new Set(s.denials.map((d) => d.url));
  const graphBox = h("div", { id: "graph", class: "graph", role: "img",
    "aria-label": "Provenance graph: each article points to where its content came from. The list of nodes beside it gives the same information." });
  const nodeList = h("ul", { class: "node-list", "aria-label": "Graph nodes" });
  const panel = h("aside", { id: "panel", class: "panel", "aria-labelledby": "panel-h", tabindex: "-1" },
    h("h2", { id: "panel-h" }, "Article"),
    h("p", { class: "hint" }, "Click a node in the graph (or a name in the list) to read the article and see the passage that decides its role."));

  replace(main,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("/", "Stories"), " › ", `Story ${s.id}`),
    h("h1", {}, s.title || `Story ${s.id}`),
    h("p", { class: "meta" }, verdictBadge(s.verdict), ` under policy ${s.policy}`,
      s.country ? ` · primary country ${s.country}` : "", ` · ${s.status}`,
      ` · ${fmtDate(s.first_seen)} to ${fmtDate(s.last_seen)}`),
    h("p", { class: "explanation" }, s.explanation),
    countsList(s),
    h("section", { class: "graph-section", "aria-labelledby": "graph-h" },
      h("h2", { id: "graph-h" }, "Provenance graph"),
      legend(),
      h("div", { class: "graph-layout" }, h("div", { class: "graph-col" }, graphBox, nodeList), panel)),
    originsSection(s),
    denialsSection(s),
    timelineSection(s, (url) => selectByUrl(url)),
    echoesSection(s),
  );
  announce(`Story ${s.title}: ${s.verdict}`);

  let nodes: UiNode[] = [];
  let edges: UiEdge[] = [];
  try {
    const g = await api.graph(id);
    ({ nodes, edges } = normalizeGraph(g, denialUrls));
  } catch (e) {
    if (!s.graph) {
      replace(graphBox, errorBox(e));
      return;
    }
    ({ nodes, edges } = normalizeGraph({ story: s.id, ...s.graph }, denialUrls));
  }
  const evidence = evidenceByUrl(s, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const select = (nodeId: string) => {
    const n = byId.get(nodeId);
    if (!n) return;
    current?.select(nodeId);
    for (const b of nodeList.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.node === nodeId));
    void showNode(panel, n, nodes, edges, evidence);
  };
  function selectByUrl(url: string): void {
    const n = nodes.find((x) => x.url === url);
    if (n) select(n.id);
  }

  const order = (n: UiNode) => (n.role === "origin" ? 0 : n.external ? 2 : 1);
  for (const n of [...nodes].sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label))) {
    nodeList.appendChild(h("li", {},
      h("button", { type: "button", class: "node-button", "data-node": n.id, "aria-pressed": "false",
        onclick: () => select(n.id) },
        h("span", { class: "dot", style: `background:${ROLE_COLOURS[n.role] ?? ROLE_COLOURS.other}`, "aria-hidden": "true" }),
        `${n.label}${n.published ? ` (${fmtDate(n.published)})` : ""}`,
        h("span", { class: "visually-hidden" }, `, ${n.external ? "external source" : n.role}${n.denies ? ", carries a denial" : ""}`))));
  }
  try {
    leaveStory();
    current = await mountGraph(graphBox, nodes, edges, select);
  } catch (e) {
    replace(graphBox, errorBox(e));
  }
}

function legend(): HTMLElement {
  const item = (cls: string, text: string, style = "") =>
    h("li", {}, h("span", { class: `swatch ${cls}`, style, "aria-hidden": "true" }), text);
  return h("ul", { class: "legend", "aria-label": "Legend" },
    item("", "origin", `background:${ROLE_COLOURS.origin}`),
    item("", "echo", `background:${ROLE_COLOURS.echo}`),
    item("", "other", `background:${ROLE_COLOURS.other}`),
    item("external", "external source (no article here)"),
    item("denial", "carries an official denial"),
    item("edge-copies", "copies"), item("edge-cites", "cites"), item("edge-links", "links"));
}

async function showNode(panel: HTMLElement, n: UiNode, nodes: UiNode[], edges: UiEdge[],
  evidence: Map<string, { ev: Evidence; label: string }[]>): Promise<void> {
  const byId = new Map(nodes.map((x) => [x.id, x]));
  const out = edges.filter((e) => e.source === n.id && !e.self).map((e) => byId.get(e.target)).filter(Boolean) as UiNode[];
  const into = edges.filter((e) => e.target === n.id && !e.self);
  const head = [
    h("h2", { id: "panel-h" }, n.label),
    h("p", { class: "meta" }, n.external ? h("span", { class: "badge role-external" }, "external source") : roleBadge(n.role),
      n.denies ? h("span", { class: "badge role-denial" }, "denial") : null,
      n.country ? ` ${n.country}` : "", n.published ? ` · ${fmtTime(n.published)}` : ""),
    h("p", {}, "Outlet: ", outletLink(n.outlet, n.outletId)),
    out.length ? h("p", {}, "Content from: ", out.map((t) => t.label).join(", ")) : null,
  ];
  if (n.external || n.article === null) {
    const cites = into.filter((e) => e.evidence);
    replace(panel, ...head,
      h("p", {}, `Cited by ${into.length} article${into.length === 1 ? "" : "s"} in this story; it has no article in the store.`),
      cites.length ? h("ul", { class: "evidence-list" }, cites.map((e) =>
        h("li", {}, h("q", {}, e.evidence!.text), " — ", byId.get(e.source)?.label ?? e.source))) : null);
    panel.focus({ preventScroll: true });
    return;
  }
  replace(panel, ...head, loading("the article"));
  let a: ArticleDoc;
  try {
    a = await api.article(n.article);
  } catch (e) {
    replace(panel, ...head, errorBox(e));
    return;
  }
  const urls = new Set([a.url, a.canonical_url, n.url].filter(Boolean) as string[]);
  const evs = [...urls].flatMap((u) => evidence.get(u) ?? []);
  const highlights: Highlight[] = evs.map((x) => ({ start: x.ev.start, end: x.ev.end, kind: "evidence", label: x.label }));
  for (const at of a.attributions ?? []) {
    for (const [s, e] of at.source?.spans ?? []) highlights.push({ start: s, end: e, kind: "source", label: `source (${at.source_kind})` });
    for (const [s, e] of at.cue?.spans ?? []) highlights.push({ start: s, end: e, kind: "cue", label: "attribution cue" });
  }
  const body = renderHighlighted(a.text ?? "", highlights);
  replace(panel, ...head,
    h("h3", { class: "article-title" }, a.title || "(no title)"),
    h("p", { class: "meta" }, a.byline ? `${a.byline} · ` : "", fmtTime(a.published), ` · ${a.lang} · `, extLink(a.url, "original")),
    evs.length
      ? h("div", { class: "evidence-summary" }, h("h3", {}, "Evidence"),
          h("ul", { class: "evidence-list" }, evs.map((x) => h("li", {}, h("q", {}, x.ev.text), ` — ${x.label}`))))
      : h("p", { class: "hint" }, "No evidence passage is recorded for this article; attribution cues and sources are marked."),
    h("h3", {}, "Text"),
    body);
  panel.focus({ preventScroll: true });
  panel.scrollTop = 0;
  // Scroll the text box (not the page) to the first evidence passage.
  const mark = body.querySelector<HTMLElement>("mark.hl-evidence");
  if (mark) body.scrollTop = Math.max(0, mark.offsetTop - 24);
  announce(`${n.label}: ${evs.length} evidence passage${evs.length === 1 ? "" : "s"}`);
}

function outletLink(name: string, id: string | null): HTMLElement {
  return link(outletHref(name, id), name);
}

function originsSection(s: StoryDoc): HTMLElement {
  return h("section", { "aria-labelledby": "origins-h" },
    h("h2", { id: "origins-h" }, `Origins (${s.origins.length})`),
    s.origins.length === 0 ? h("p", {}, "Nothing in this story traces back to an original source.") :
      h("ul", { class: "origins" }, s.origins.map((o) => h("li", {},
        h("strong", {}, outletLink(o.outlet, null)),
        ` — ${o.kind}${o.country ? `, ${o.country}` : ""}${o.in_country ? ", in-country" : ""}${o.external ? ", external" : ""}${o.anonymous_only ? ", anonymous sources only" : ""}`,
        h("br"), h("span", { class: "small" }, `Independence group: ${o.independent_group}. Track record: ${trackRecordText(o.track_record)}.`),
        o.evidence?.length ? h("ul", { class: "evidence-list" }, o.evidence.map((e) => h("li", {}, h("q", {}, e.text)))) : null))));
}

function denialsSection(s: StoryDoc): HTMLElement {
  return h("section", { "aria-labelledby": "denials-h" },
    h("h2", { id: "denials-h" }, `Denials (${s.denials.length})`),
    s.denials.length === 0 ? h("p", {}, "No denial recorded.") :
      h("ul", { class: "denials" }, s.denials.map((d) => h("li", {},
        h("strong", {}, d.who), ` — ${fmtDate(d.published)}, in `, extLink(d.url, d.url),
        d.evidence ? h("div", {}, h("q", {}, d.evidence.text)) : null))));
}

function echoesSection(s: StoryDoc): HTMLElement {
  return h("section", { "aria-labelledby": "echoes-h" },
    h("details", {},
      h("summary", {}, h("h2", { id: "echoes-h", class: "inline" }, `Echoes (${s.echoes.length})`)),
      h("ul", {}, s.echoes.map((e) => h("li", {}, h("strong", {}, e.outlet), ` echoes ${e.echoes.join(", ")} via ${e.via.join(", ")} — `,
        extLink(e.url, e.url))))));
}

function timelineSection(s: StoryDoc, onPick: (url: string) => void): HTMLElement {
  const items = [...s.timeline].sort((a, b) => (a.published ?? "").localeCompare(b.published ?? ""));
  const times = items.map((t) => (t.published ? Date.parse(t.published) : NaN)).filter((x) => !Number.isNaN(x));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const strip = h("div", { class: "timeline-strip", "aria-hidden": "true" });
  if (times.length) {
    for (const t of items) {
      if (!t.published) continue;
      const x = t1 > t0 ? ((Date.parse(t.published) - t0) / (t1 - t0)) * 100 : 50;
      strip.appendChild(h("span", { class: `tick role-${t.role}`, style: `left:${x.toFixed(2)}%`, title: `${fmtDate(t.published)} ${t.outlet}` }));
    }
    strip.appendChild(h("span", { class: "axis-label start" }, fmtDate(items[0].published)));
    strip.appendChild(h("span", { class: "axis-label end" }, fmtDate(items[items.length - 1].published)));
  }
  return h("section", { "aria-labelledby": "timeline-h" },
    h("h2", { id: "timeline-h" }, "Timeline"),
    strip,
    h("ol", { class: "timeline" }, items.map((t) => h("li", {},
      h("time", { datetime: t.published ?? "" }, fmtTime(t.published)), " ", roleBadge(t.role), " ",
      h("button", { type: "button", class: "linklike", onclick: () => { onPick(t.url); document.getElementById("panel")?.scrollIntoView({ block: "nearest" }); } }, t.outlet),
        h("span", { class: "visually-hidden" }, " (show in the side panel)")))));
}
