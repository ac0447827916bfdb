// The search page: full-text search over article titles and texts (FTS5 on the server).

import { api } from "../api";
import { announce, errorBox, extLink, fmtDate, h, link, loading, replace } from "../dom";
import { navigate } from "../router";

/** The server's snippet marks matched terms as [term]: shown as <mark>. */
export function snippetNodes(snippet: string): (Node | string)[] {
  return snippet.split(/(\[[^\[\]]+\])/).filter(Boolean).map((part) =>
    /^\[[^\[\]]+\]$/.test(part) ? h("mark", { class: "hl-hit" }, part.slice(1, -1)) : part);
}

export async function renderSearch(main: HTMLElement): Promise<void> {
  const q = new URLSearchParams(location.search).get("q") ?? "";
  const input = h("input", { id: "search-q", name: "q", type: "search", value: q, required: true,
    placeholder: "e.g. Juárez camp" });
  const form = h("form", { class: "search-form", role: "search" },
    h("label", { for: "search-q" }, "Search articles"), input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = input.value.trim();
    if (v) navigate(`/search?q=${encodeURIComponent(v)}`);
  });
  const results = h("section", { "aria-labelledby": "hits-h" });
  replace(main, h("h1", {}, "Search"), form, results);
  if (!q) {
    input.focus();
    return;
  }
  replace(results, loading("results"));
  try {
    const r = await api.search(q);
    replace(results,
      h("h2", { id: "hits-h" }, `${r.articles.length} article${r.articles.length === 1 ? "" : "s"} for “${q}”`),
      h("ol", { class: "hits" }, r.articles.map((a) => h("li", {},
        h("div", {}, h("strong", {}, a.title || a.url)),
        h("div", { class: "small" }, `${a.outlet} · ${fmtDate(a.published)} · `, extLink(a.url, "original"),
          a.story !== null && a.story !== undefined ? [" · ", link(`/stories/${encodeURIComponent(String(a.story))}`, "its story")] : null),
        a.snippet ? h("p", { class: "snippet" }, snippetNodes(a.snippet)) : null))));
    announce(`${r.articles.length} results`);
  } catch (e) {
    replace(results, errorBox(e));
  }
}
