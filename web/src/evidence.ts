// Renders an article's text with passages highlighted. Offsets are Unicode code points into the
// text exactly as stored (CLI.md), half-open [start, end): the text is split with Array.from, never
// indexed as UTF-16.

import { h } from "./dom";

export interface Highlight {
  start: number;
  end: number;
  /** CSS class of the <mark>: "evidence" (the attribution/evidence sentence), "cue", "source". */
  kind: string;
  /** Accessible description, e.g. "evidence: cites Frontier Vigil". */
  label?: string;
}

/** Slices by code points: codePointSlice("añb😀c", 3, 4) === "😀". */
export function codePointSlice(text: string | string[], start: number, end: number): string {
  const cps = Array.isArray(text) ? text : Array.from(text);
  return cps.slice(start, end).join("");
}

/**
 * Builds a <div class="article-text"> holding text with the highlights as <mark> elements.
 * Overlapping highlights are flattened: each code point takes the first (highest-priority)
 * highlight that covers it, in the order given. Out-of-range offsets are clamped.
 */
export function renderHighlighted(text: string, highlights: Highlight[]): HTMLElement {
  const cps = Array.from(text);
  const n = cps.length;
  const owner = new Int32Array(n).fill(-1);
  highlights.forEach((hl, i) => {
    const s = Math.max(0, Math.min(n, hl.start));
    const e = Math.max(s, Math.min(n, hl.end));
    for (let k = s; k < e; k++) if (owner[k] === -1) owner[k] = i;
  });
  const root = h("div", { class: "article-text" });
  let k = 0;
  while (k < n) {
    const o = owner[k];
    let e = k + 1;
    while (e < n && owner[e] === o) e++;
    const piece = cps.slice(k, e).join("");
    if (o === -1) {
      root.appendChild(document.createTextNode(piece));
    } else {
      const hl = highlights[o];
      root.appendChild(
        h("mark", { class: `hl-${hl.kind}`, title: hl.label ?? hl.kind, "data-start": k, "data-end": e }, piece),
      );
    }
    k = e;
  }
  return root;
}
