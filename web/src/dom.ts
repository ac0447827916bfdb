// Small DOM helpers: elements are built with createElement and text nodes only (never innerHTML
// with data), so text from articles cannot inject markup.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element: attributes (on* keys become listeners; false/null are left out), children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces the children of el. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** An internal link handled by the client-side router. */
export function link(href: string, text: Child | Child[], attrs: Attrs = {}): HTMLAnchorElement {
  return h("a", { href, "data-link": true, ...attrs }, text as Child);
}

/** An outbound link (article URLs): opens in a new tab, no referrer. */
export function extLink(href: string, text: string): HTMLAnchorElement {
  return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
}

/** "2023-04-11T13:00:00Z" → "2023-04-11 13:00 UTC"; "" for null. */
export function fmtTime(t: string | null | undefined): string {
  if (!t) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(t);
  return m ? `${m[1]} ${m[2]} UTC` : t;
}

export function fmtDate(t: string | null | undefined): string {
  if (!t) return "";
  return t.slice(0, 10);
}

/** Announces a message to screen readers through the polite live region. */
export function announce(msg: string): void {
  const s = document.getElementById("status");
  if (s) s.textContent = msg;
}

export function verdictBadge(verdict: string): HTMLSpanElement {
  return h("span", { class: `badge verdict-${verdict}` }, verdict);
}

export function errorBox(err: unknown): HTMLElement {
  const msg = err instanceof Error ? err.message : String(err);
  return h("div", { class: "error", role: "alert" }, msg);
}

export function loading(what: string): HTMLElement {
  return h("p", { class: "loading", "aria-busy": "true" }, `Loading ${what}…`);
}
