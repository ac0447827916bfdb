// Writes the mock API answers (web/tests/mock/data/*.json) in the shapes of the issue 9 contract,
// from a store built with the headwater CLI, for developing the UI without the server:
//   node web/tests/mock/make-mock.mjs build/dev/headwater /tmp/demo.db
// (the store as scripts/demo.sh builds it). The real browser test never uses these files.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const [hw, db] = process.argv.slice(2);
const cli = (...a) => JSON.parse(execFileSync(hw, ["--db", db, ...a, "--json"], { encoding: "utf8" }));
const out = path.join(here, "data");
mkdirSync(out, { recursive: true });
const write = (name, obj) => writeFileSync(path.join(out, name), JSON.stringify(obj, null, 1) + "\n");

const texts = new Map();
for (const f of ["demo/batch1.jsonl", "demo/batch2.jsonl"]) {
  for (const line of readFileSync(path.join(repo, f), "utf8").split("\n")) {
    if (line.trim()) { const a = JSON.parse(line); texts.set(a.url, a); }
  }
}
const outlets = cli("outlets").outlets;
const outletByName = new Map(outlets.map((o) => [o.name, o]));
const stories = cli("stories").stories;
write("stories.json", { schema: 1, total: stories.length, limit: 50, offset: 0, stories });
const urlToId = new Map();
for (const s of stories) {
  const doc = cli("story", s.id);
  const { graph, ...rest } = doc;
  write(`story-${s.id}.json`, rest);
  const denials = new Set(doc.denials.map((d) => d.url));
  write(`graph-${s.id}.json`, {
    schema: 1, story: s.id,
    nodes: graph.nodes.map((n) => ({ id: n.id, label: n.outlet, kind: n.external ? "external" : "article",
      role: n.role === "unsourced" ? "other" : n.role, url: n.url, outlet: n.outlet, country: n.country,
      published: n.published, article: n.external ? null : Number(n.id.slice(1)),
      outlet_id: outletByName.get(n.outlet)?.id ?? null, denies: denials.has(n.url) })),
    edges: graph.edges.map((e) => ({ source: e.from, target: e.to, kind: e.kind, class: e.class, evidence: e.evidence })),
  });
  for (const n of graph.nodes) {
    if (n.external) continue;
    const id = n.id.slice(1);
    urlToId.set(n.url, id);
    const src = texts.get(n.url) ?? {};
    const at = cli("attributions", n.url);
    write(`article-${id}.json`, { schema: 1, id, url: n.url, canonical_url: n.url, outlet: n.outlet,
      outlet_id: outletByName.get(n.outlet)?.id ?? null, published: n.published, lang: at.lang, title: src.title ?? "",
      text: src.text ?? "", story: s.id, attributions: at.attributions });
  }
}
write("outlets.json", { schema: 1, total: outlets.length, outlets: outlets.map((o) => ({ id: o.id, name: o.name,
  domain: o.domains[0] ?? null, country: o.country, kind: o.kind, group: o.owner_group })) });
for (const o of outlets) {
  const mine = stories.filter((s) => s.articles.some((a) => a.outlet === o.name));
  write(`outlet-${o.id}.json`, { schema: 1, id: o.id, name: o.name, domain: o.domains[0] ?? null, country: o.country,
    kind: o.kind, group: o.owner_group,
    track_record: { originated: 1, corroborated: 1, single_source: 0, refuted: 0, estimate: 0.67,
      by_year: [{ year: 2023, originated: 1, corroborated: 1, single_source: 0, refuted: 0, estimate: 0.67 }] },
    stories: mine.map(({ articles, ...s }) => s) });
}
const hits = JSON.parse(execFileSync(hw, ["--db", db, "search", "Juárez camp", "--json"], { encoding: "utf8" })).hits;
write("search.json", { schema: 1, query: "Juárez camp", articles: hits.map((h) => ({ id: urlToId.get(h.url) ?? null, ...h,
  published: texts.get(h.url)?.published ?? null })) });
write("alerts.json", JSON.parse(execFileSync(hw, ["--db", db, "watch", "alerts", "--json"], { encoding: "utf8" })));
