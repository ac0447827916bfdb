// A tiny stand-in for `headwater serve` for UI development (HW_WEB_MOCK=1 in the browser test):
// answers the contract's read endpoints from data/*.json (see make-mock.mjs), keeps watches in
// memory (POST needs the token "mock-token"), and serves the built UI with the index.html fallback.
//   node web/tests/mock/server.mjs [--port N] [--web-root build/share/web]
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const port = Number(arg("--port", "8081"));
const root = path.resolve(arg("--web-root", path.join(here, "../../../build/share/web")));
const data = (name) => { const p = path.join(here, "data", name); return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : null; };
const watches = [];
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png" };

function send(res, status, obj) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(obj));
}
const notFound = (res, what) => send(res, 404, { error: { code: "not_found", message: `no ${what}` } });

createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const p = url.pathname;
  const q = url.searchParams;
  let m;
  if (p === "/api/stories") {
    let s = data("stories.json").stories;
    for (const k of ["verdict", "country", "status"]) if (q.get(k)) s = s.filter((x) => x[k] === q.get(k));
    if (q.get("q")) s = s.filter((x) => x.title.toLowerCase().includes(q.get("q").toLowerCase()));
    const limit = Number(q.get("limit") ?? 50), offset = Number(q.get("offset") ?? 0);
    return send(res, 200, { schema: 1, total: s.length, limit, offset, stories: s.slice(offset, offset + limit) });
  }
  if ((m = /^\/api\/stories\/(\w+)\/graph$/.exec(p))) return data(`graph-${m[1]}.json`) ? send(res, 200, data(`graph-${m[1]}.json`)) : notFound(res, "story");
  if ((m = /^\/api\/stories\/(\w+)$/.exec(p))) return data(`story-${m[1]}.json`) ? send(res, 200, data(`story-${m[1]}.json`)) : notFound(res, "story");
  if ((m = /^\/api\/articles\/(\d+)$/.exec(p))) return data(`article-${m[1]}.json`) ? send(res, 200, data(`article-${m[1]}.json`)) : notFound(res, "article");
  if (p === "/api/outlets") {
    const o = data("outlets.json").outlets.filter((x) => !q.get("q") || x.name.toLowerCase().includes(q.get("q").toLowerCase()));
    return send(res, 200, { schema: 1, total: o.length, outlets: o });
  }
  if ((m = /^\/api\/outlets\/(\d+)$/.exec(p))) return data(`outlet-${m[1]}.json`) ? send(res, 200, data(`outlet-${m[1]}.json`)) : notFound(res, "outlet");
  if (p === "/api/search") return send(res, 200, { ...data("search.json"), query: q.get("q") });
  if (p === "/api/alerts") return send(res, 200, { schema: 1, ...data("alerts.json") });
  if (p === "/api/watches" && req.method === "GET") return send(res, 200, { schema: 1, watches });
  if (p === "/api/watches" && req.method === "POST") {
    if (req.headers.authorization !== "Bearer mock-token") return send(res, 401, { error: { code: "unauthorized", message: "a valid bearer token is needed" } });
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const { kind, target } = JSON.parse(body);
      const w = { id: String(watches.length + 1), kind, target, created: new Date().toISOString().slice(0, 19) + "Z" };
      watches.push(w);
      send(res, 201, w);
    });
    return;
  }
  if (p.startsWith("/api/")) return notFound(res, "endpoint");
  let file = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ""));
  if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, "index.html");
  res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
}).listen(port, "127.0.0.1", function () {
  console.log(`Serving http://127.0.0.1:${this.address().port}/`);
});
