// The outlet page: who it is, its track record (counts, smoothed estimate, by year) and the
// stories it originated or appears in.

import { api, outletIdByName, type OutletDoc, type TrackRecordCounts } from "../api";
import { announce, errorBox, fmtDate, h, link, loading, replace, verdictBadge } from "../dom";

/** The outlet page's path: by id when known, else by name (resolved on the page). */
export function outletHref(name: string, id: string | null): string {
  return `/outlets/${encodeURIComponent(id ?? name)}`;
}

function bar(t: TrackRecordCounts): HTMLElement {
  const total = t.originated || 1;
  const seg = (n: number, cls: string, label: string) =>
    n > 0 ? h("span", { class: `seg ${cls}`, style: `width:${((n / total) * 100).toFixed(1)}%`, title: `${n} ${label}` }) : null;
  const judged = t.corroborated + t.single_source + t.refuted;
  return h("span", { class: "trbar", "aria-hidden": "true" },
    seg(t.corroborated, "corroborated", "corroborated"), seg(t.single_source, "single", "single-source"),
    seg(t.refuted, "refuted", "refuted"), seg(Math.max(0, t.originated - judged), "pending", "not yet judged"));
}

function estimateText(e: number | null | undefined): string {
  return e === null || e === undefined ? "—" : `${Math.round(e * 100)}%`;
}

export async function renderOutlet(main: HTMLElement, idOrName: string): Promise<void> {
  replace(main, loading("the outlet"));
  let id = idOrName;
  let o: OutletDoc;
  try {
    if (!/^\d+$/.test(id)) {
      const found = await outletIdByName(idOrName);
      if (found === null) throw new Error(`No outlet named “${idOrName}” in the store.`);
      id = found;
      history.replaceState(null, "", `/outlets/${id}`);
    }
    o = await api.outlet(id);
  } catch (e) {
    replace(main, h("h1", {}, "Outlet not found"), errorBox(e), link("/", "← All stories"));
    return;
  }
  const t = o.track_record;
  const years = [...(t?.by_year ?? [])].sort((a, b) => a.year - b.year);
  replace(main,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, link("/", "Stories"), " › ", "Outlet"),
    h("h1", {}, o.name),
    h("p", { class: "meta" }, [o.kind, o.country, o.domain, o.group ? `owner group ${o.group}` : null].filter(Boolean).join(" · ")),
    h("section", { "aria-labelledby": "tr-h" },
      h("h2", { id: "tr-h" }, "Track record"),
      t ? [
        h("p", {}, "Of the stories this outlet originated that are old enough to judge: how many were later corroborated by independent origins, how many stayed single-source, how many were refuted. The estimate is a smoothed share corroborated (0–100%, higher is better), shown with its counts."),
        h("dl", { class: "counts" },
          ...([["Originated", t.originated], ["Corroborated", t.corroborated], ["Single-source", t.single_source],
            ["Refuted", t.refuted], ["Estimate", estimateText(t.estimate)]] as [string, string | number][]).map(([k, v]) =>
            h("div", { class: "count" }, h("dt", {}, k), h("dd", {}, v)))),
        years.length ? h("table", { class: "by-year" },
          h("caption", {}, "By year"),
          h("thead", {}, h("tr", {}, ["Year", "Originated", "Corroborated", "Single-source", "Refuted", "Estimate", ""].map((x) =>
            h("th", { scope: "col" }, x)))),
          h("tbody", {}, years.map((y) => h("tr", {}, h("th", { scope: "row" }, y.year), h("td", { class: "num" }, y.originated),
            h("td", { class: "num" }, y.corroborated), h("td", { class: "num" }, y.single_source), h("td", { class: "num" }, y.refuted),
            h("td", { class: "num" }, estimateText(y.estimate)), h("td", {}, bar(y))))))
          : h("p", {}, "No yearly figures yet."),
      ] : h("p", {}, "No track record yet.")),
    h("section", { "aria-labelledby": "os-h" },
      h("h2", { id: "os-h" }, `Stories (${o.stories.length})`),
      o.stories.length === 0 ? h("p", {}, "No story in the store names this outlet.") :
        h("ul", { class: "story-list" }, o.stories.map((s) => h("li", {}, verdictBadge(s.verdict), " ",
          link(`/stories/${encodeURIComponent(s.id)}`, s.title || `Story ${s.id}`),
          h("span", { class: "small" }, ` — ${s.country ?? "?"}, ${fmtDate(s.first_seen)}, ${s.counts.articles} articles`))))),
  );
  announce(`Outlet ${o.name}`);
}
