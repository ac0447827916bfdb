// The story list: verdict badges, filters (verdict, country, language, date range, text, status)
// kept in the URL query so a filtered page can be bookmarked, and pagination.

import { api, type StoryFilters, type StorySummary } from "../api";
import { announce, errorBox, fmtDate, h, link, loading, replace, verdictBadge } from "../dom";
import { navigate } from "../router";

export const VERDICTS = ["corroborated", "disputed", "partly-corroborated", "single-source", "unsourced"];
const PAGE = 20; // stories a page; ?limit=N (1..200) in the URL changes it

function filtersFromQuery(q: URLSearchParams): StoryFilters {
  const f: StoryFilters = {};
  for (const k of ["verdict", "country", "lang", "since", "until", "q", "status", "outlet"] as const) {
    const v = q.get(k);
    if (v) f[k] = v;
  }
  const off = Number(q.get("offset") ?? "0");
  f.offset = Number.isFinite(off) && off > 0 ? Math.floor(off) : 0;
  const lim = Number(q.get("limit") ?? PAGE);
  f.limit = Number.isFinite(lim) && lim >= 1 ? Math.min(200, Math.floor(lim)) : PAGE;
  return f;
}

function field(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

function filterForm(f: StoryFilters): HTMLFormElement {
  const verdict = h("select", { name: "verdict" }, h("option", { value: "" }, "any verdict"),
    VERDICTS.map((v) => h("option", { value: v, selected: f.verdict === v }, v)));
  const status = h("select", { name: "status" }, h("option", { value: "" }, "any status"),
    ["active", "dormant"].map((v) => h("option", { value: v, selected: f.status === v }, v)));
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter stories" },
    field("Verdict", verdict, "f-verdict"),
    field("Country", h("input", { name: "country", value: f.country ?? "", placeholder: "MX", size: 4,
      maxlength: 2, pattern: "[A-Za-z]{2}", title: "two-letter country code (ISO 3166-1)" }), "f-country"),
    field("Language", h("input", { name: "lang", value: f.lang ?? "", placeholder: "es", size: 4,
      maxlength: 3, pattern: "[A-Za-z]{2,3}", title: "language code (ISO 639-1)" }), "f-lang"),
    field("Outlet", h("input", { name: "outlet", value: f.outlet ?? "", placeholder: "name or domain", size: 14 }), "f-outlet"),
    field("Since", h("input", { name: "since", type: "date", value: f.since ?? "" }), "f-since"),
    field("Until", h("input", { name: "until", type: "date", value: f.until ?? "" }), "f-until"),
    field("Status", status, "f-status"),
    field("Text", h("input", { name: "q", type: "search", value: f.q ?? "", placeholder: "words in the title" }), "f-q"),
    h("div", { class: "field buttons" },
      h("button", { type: "submit" }, "Apply filters"),
      h("button", { type: "button", class: "secondary", onclick: () => navigate("/") }, "Clear")),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const q = new URLSearchParams();
    for (const [k, v] of data.entries()) {
      const s = String(v).trim();
      if (s) q.set(k, k === "country" ? s.toUpperCase() : k === "lang" ? s.toLowerCase() : s);
    }
    const s = q.toString();
    navigate(s ? `/?${s}` : "/");
  });
  // A verdict or status choice applies at once (keyboard users still have the button).
  verdict.addEventListener("change", () => form.requestSubmit());
  status.addEventListener("change", () => form.requestSubmit());
  return form;
}

function storyRow(s: StorySummary): HTMLTableRowElement {
  const c = s.counts;
  return h("tr", { "data-story": s.id },
    h("td", {}, link(`/stories/${encodeURIComponent(s.id)}`, s.title || `Story ${s.id}`)),
    h("td", {}, verdictBadge(s.verdict)),
    h("td", {}, s.country ?? "—"),
    h("td", { class: "num" }, c.articles),
    h("td", { class: "num" }, c.outlets),
    h("td", { class: "num" }, c.independent_origins),
    h("td", { class: "num" }, c.in_country_origins),
    h("td", { class: "num" }, c.denials),
    h("td", {}, fmtDate(s.first_seen)),
    h("td", {}, fmtDate(s.last_seen)),
    h("td", {}, s.status),
  );
}

export async function renderStories(main: HTMLElement): Promise<void> {
  const query = new URLSearchParams(location.search);
  const f = filtersFromQuery(query);
  const results = h("section", { "aria-labelledby": "results-h" }, loading("stories"));
  replace(main, h("h1", {}, "Stories"),
    h("p", { class: "lede" }, "Every story traced to its original sources, with the verdict on corroboration."),
    filterForm(f), results);
  try {
    const r = await api.stories(f);
    const from = r.total === 0 ? 0 : r.offset + 1;
    const to = r.offset + r.stories.length;
    const pageLink = (offset: number, text: string, rel: string) => {
      const q = new URLSearchParams(query);
      if (offset > 0) q.set("offset", String(offset));
      else q.delete("offset");
      const s = q.toString();
      return link(s ? `/?${s}` : "/", text, { rel, class: "button" });
    };
    replace(results,
      h("h2", { id: "results-h" }, r.total === 1 ? "1 story" : `${r.total} stories`),
      r.stories.length === 0
        ? h("p", {}, "No story matches these filters.")
        : h("table", { class: "stories" },
            h("caption", { class: "visually-hidden" }, "Stories with their verdicts and counts"),
            h("thead", {}, h("tr", {},
              ["Story", "Verdict", "Country", "Articles", "Outlets", "Independent origins", "In-country origins",
                "Denials", "First seen", "Last seen", "Status"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, r.stories.map(storyRow))),
      h("nav", { class: "pager", "aria-label": "Pages" },
        h("span", {}, `Showing ${from}–${to} of ${r.total}`),
        r.offset > 0 ? pageLink(Math.max(0, r.offset - r.limit), "← Previous", "prev") : null,
        to < r.total ? pageLink(r.offset + r.limit, "Next →", "next") : null),
    );
    announce(`${r.total} stories`);
  } catch (e) {
    replace(results, errorBox(e));
  }
}
