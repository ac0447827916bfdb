// The interactive provenance graph (Cytoscape.js, loaded only on story pages). Nodes are the
// story's articles and external cited outlets, coloured by role; edges point from an article to
// where its content came from (copies, cites, links). Clicking or tapping a node calls onSelect.

import type { Core, ElementDefinition, StylesheetJson } from "cytoscape";
import type { Graph, GraphEdge, GraphNode } from "./api";

/** A graph node with what the UI needs, whatever the server's spelling. */
export interface UiNode {
  id: string;
  label: string;
  role: string; // origin | echo | denial | other
  external: boolean;
  denies: boolean; // the article carries a first-hand denial
  article: string | null; // numeric store id of the article, null for external nodes
  outlet: string;
  outletId: string | null;
  url: string | null;
  country: string | null;
  published: string | null;
}

export interface UiEdge {
  source: string;
  target: string;
  kind: string;
  cls: string | null;
  self: boolean;
  evidence: GraphEdge["evidence"];
}

/** Normalizes nodes: role "unsourced" → "other"; the article id from `article` or an "a<id>" node id. */
export function normalizeGraph(g: Graph, denialUrls: Set<string>): { nodes: UiNode[]; edges: UiEdge[] } {
  const nodes = g.nodes.map((n: GraphNode): UiNode => {
    const external = n.kind === "external" || n.external === true;
    let article: string | null = n.article === undefined || n.article === null ? null : String(n.article);
    if (!external && article === null) {
      const m = /^a?(\d+)$/.exec(n.id);
      if (m) article = m[1];
    }
    const role = n.role === "origin" || n.role === "echo" || n.role === "denial" ? n.role : "other";
    const url = n.url ?? null;
    return {
      id: n.id,
      label: n.label || n.outlet || n.id,
      role,
      external,
      denies: n.role === "denial" || (url !== null && denialUrls.has(url)),
      article: external ? null : article,
      outlet: n.outlet ?? n.label ?? "",
      outletId: n.outlet_id === undefined || n.outlet_id === null ? null : String(n.outlet_id),
      url,
      country: n.country ?? null,
      published: n.published ?? null,
    };
  });
  const edges = g.edges.map((e): UiEdge => ({
    source: String(e.source ?? e.from),
    target: String(e.target ?? e.to),
    kind: e.kind,
    cls: e.class ?? null,
    self: e.self === true,
    evidence: e.evidence ?? null,
  }));
  return { nodes, edges };
}

export const ROLE_COLOURS: Record<string, string> = {
  origin: "#1a7f37",
  echo: "#9a6700",
  denial: "#cf222e",
  other: "#6e7781",
};

const STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      label: "data(label)",
      "font-size": 10,
      "text-wrap": "wrap",
      "text-max-width": "90px",
      "text-valign": "bottom",
      "text-margin-y": 4,
      color: "#1f2328",
      width: 26,
      height: 26,
      "border-width": 2,
      "border-color": "#ffffff",
    },
  },
  { selector: "node[?external]", style: { shape: "diamond", "border-style": "dashed", "border-color": "#57606a" } },
  { selector: "node[?denies]", style: { "border-color": ROLE_COLOURS.denial, "border-width": 4 } },
  { selector: "node[role = 'origin']", style: { width: 36, height: 36, "font-weight": "bold" } },
  { selector: "node:selected", style: { "overlay-color": "#0969da", "overlay-opacity": 0.25, "overlay-padding": 6 } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "line-color": "#8c959f",
      "target-arrow-color": "#8c959f",
      "target-arrow-shape": "triangle",
      "curve-style": "bezier",
      "arrow-scale": 0.9,
    },
  },
  { selector: "edge[kind = 'copies']", style: { width: 3.5, "line-color": "#8250df", "target-arrow-color": "#8250df" } },
  { selector: "edge[kind = 'links']", style: { "line-style": "dashed" } },
  { selector: "edge[?self]", style: { "line-style": "dotted", opacity: 0.6 } },
];

export interface GraphHandle {
  cy: Core;
  select(id: string): void;
  destroy(): void;
}

export async function mountGraph(
  container: HTMLElement,
  nodes: UiNode[],
  edges: UiEdge[],
  onSelect: (id: string) => void,
): Promise<GraphHandle> {
  const { default: cytoscape } = await import("cytoscape");
  const ids = new Set(nodes.map((n) => n.id));
  const elements: ElementDefinition[] = [
    ...nodes.map((n) => ({
      group: "nodes" as const,
      data: { id: n.id, label: n.label, role: n.role, external: n.external, denies: n.denies,
        colour: ROLE_COLOURS[n.role] ?? ROLE_COLOURS.other },
    })),
    ...edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({
        group: "edges" as const,
        data: { id: `e${i}`, source: e.source, target: e.target, kind: e.kind, self: e.self },
      })),
  ];
  // Concentric rings: origins in the middle, the articles that depend on them around, external
  // cited outlets outside.
  const ring = (n: UiNode) => (n.role === "origin" ? 3 : n.external ? 1 : 2);
  const ringOf = new Map(nodes.map((n) => [n.id, ring(n)]));
  const cy = cytoscape({
    container,
    elements,
    style: STYLE,
    layout: {
      name: "concentric",
      concentric: (node) => ringOf.get(node.id()) ?? 1,
      levelWidth: () => 1,
      minNodeSpacing: 28,
      padding: 16,
      animate: false,
    },
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
  });
  // A small graph (one or two nodes) is not blown up to the maximum zoom.
  if (cy.zoom() > 1.5) {
    cy.zoom(1.5);
    cy.center();
  }
  cy.on("tap", "node", (ev) => onSelect(ev.target.id()));
  container.dataset.ready = "true";
  const handle: GraphHandle = {
    cy,
    select(id: string) {
      cy.$(":selected").unselect();
      cy.$id(id).select();
    },
    destroy() {
      cy.destroy();
    },
  };
  // For the browser tests and for debugging: where a node is drawn, in page coordinates.
  (window as unknown as { hwGraphNodeCenter?: (id: string) => { x: number; y: number } | null }).hwGraphNodeCenter =
    (id: string) => {
      const n = cy.$id(id);
      if (n.empty()) return null;
      const p = n.renderedPosition();
      const r = container.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    };
  return handle;
}
