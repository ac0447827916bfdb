// Client-side routes: /, /stories/ID, /outlets/ID, /search, /watches. Links carrying data-link are
// followed with history.pushState; everything else is a normal link.

export type Route =
  | { name: "stories" }
  | { name: "story"; id: string }
  | { name: "outlet"; id: string }
  | { name: "search" }
  | { name: "watches" }
  | { name: "notfound" };

export function parseRoute(path: string): Route {
  const p = path.replace(/\/+$/, "") || "/";
  if (p === "/" || p === "/stories") return { name: "stories" };
  let m = /^\/stories\/([^/]+)$/.exec(p);
  if (m) return { name: "story", id: decodeURIComponent(m[1]) };
  m = /^\/outlets\/([^/]+)$/.exec(p);
  if (m) return { name: "outlet", id: decodeURIComponent(m[1]) };
  if (p === "/search") return { name: "search" };
  if (p === "/watches" || p === "/alerts") return { name: "watches" };
  return { name: "notfound" };
}

let onChange: () => void = () => {};

export function startRouter(render: () => void): void {
  onChange = render;
  window.addEventListener("popstate", () => onChange());
  document.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.("a[data-link]") as HTMLAnchorElement | null;
    if (!a || a.target) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return;
    ev.preventDefault();
    navigate(url.pathname + url.search);
  });
  onChange();
}

/** Goes to a path (and query); replace=true rewrites the current history entry (filter changes). */
export function navigate(pathAndQuery: string, replace = false): void {
  if (replace) history.replaceState(null, "", pathAndQuery);
  else history.pushState(null, "", pathAndQuery);
  onChange();
}
