#!/usr/bin/python3
"""Grows a Headwater store built by the real pipeline into a larger one for load tests of
`headwater serve` (docs/BENCHMARKS.md, "HTTP API"), by replicating its rows.

The pipeline ingests ~150-1,000 articles a second, so a 1,000,000-article store would take
many hours to build through `headwater ingest`. This script instead copies SOURCE to DEST and
then appends COPIES-1 replicas of every article, story, attribution, reuse edge and story event
of SOURCE, each replica under new ids and new URLs, keeping every table consistent:

  - articles: id + r*A (A = largest article id of SOURCE), url and canonical_url get a path
    prefix "/r<r>" after the host (so they stay unique), story_id + r*S, links to articles of
    SOURCE point to the same replica's articles, content_hash is salted with r (a replica is not
    an exact duplicate of its original for ingest's duplicate check); title, text, outlet, dates,
    language, places, signature are the original's. The FTS5 index is filled by the store's own
    insert trigger, as for ingested articles.
  - stories: id + r*S, merged_into likewise; the stored report (the list page's verdict, counts
    and explanation) is the original's with its article node ids ("a<id>"), article URLs and
    story id mapped to the replica's; counts, verdict, title and dates are the original's.
  - attributions (id + r*T, article_id), reuse edges (both ends), story events (id + r*E,
    story_id, URLs and merged story ids in the detail) likewise.
  - outlets, tokens, watches, alerts, feeds and the clusterer's state (blobs) are not copied:
    replicas are more stories of the same outlets. The clusterer's state knows only SOURCE's
    stories, so the grown store is meant for reading (serve, search, reports); a later ingest
    into it works but attaches new articles only to SOURCE's stories.

So DEST has COPIES times SOURCE's articles and stories, each story COPIES times over under
different ids; every read path of the server (list, report recomputed from the articles,
graph, article, outlet track records over all stories, search) works on it as on an ingested
store of that size. It is not new content: texts repeat COPIES times, which FTS5 and SQLite
store as they would distinct texts.

usage: bench/grow_store.py SOURCE.db DEST.db (--copies K | --articles N) [--check]
  --articles N  the smallest number of whole copies with at least N articles
  --check       then run PRAGMA foreign_key_check, integrity_check and the FTS5 integrity-check
Needs only the Python standard library (and libzstd through ctypes for packed values).
"""
import argparse
import ctypes
import ctypes.util
import json
import math
import os
import re
import sqlite3
import sys
import time

PACK_MARKER = b"\0hwz"  # src/store/packed.h


class Zstd:
    """Packed store values (src/store/packed.h): "\\0hwz" + one zstd frame."""

    def __init__(self):
        name = ctypes.util.find_library("zstd")
        self.lib = ctypes.CDLL(name) if name else None
        if self.lib:
            self.lib.ZSTD_getFrameContentSize.restype = ctypes.c_ulonglong
            self.lib.ZSTD_decompress.restype = ctypes.c_size_t
            self.lib.ZSTD_compress.restype = ctypes.c_size_t
            self.lib.ZSTD_compressBound.restype = ctypes.c_size_t
            self.lib.ZSTD_isError.restype = ctypes.c_uint

    def unpack(self, v):
        """(text, was_packed)"""
        if isinstance(v, bytes) and v.startswith(PACK_MARKER):
            if not self.lib:
                sys.exit("grow_store: the store has packed values and libzstd was not found")
            frame = v[4:]
            size = self.lib.ZSTD_getFrameContentSize(frame, len(frame))
            if size >= (1 << 63):
                return v, False  # not a valid frame: kept as is, as the store reads it
            out = ctypes.create_string_buffer(max(1, size))
            n = self.lib.ZSTD_decompress(out, size, frame, len(frame))
            if self.lib.ZSTD_isError(n):
                return v, False
            return out.raw[:n].decode("utf-8"), True
        if isinstance(v, bytes):
            return v.decode("utf-8"), False
        return v, False

    def pack(self, text):
        raw = text.encode("utf-8")
        bound = self.lib.ZSTD_compressBound(len(raw))
        out = ctypes.create_string_buffer(bound)
        n = self.lib.ZSTD_compress(out, bound, raw, len(raw), 1)  # level 1, as PackOptions
        if self.lib.ZSTD_isError(n) or n + 4 >= len(raw):
            return text
        return PACK_MARKER + out.raw[:n]


URL_HEAD = re.compile(r"^(https?://[^/?#]+)(.*)$", re.S)
NODE_ID = re.compile(r"^a(\d+)$")


def replica_url(url, r):
    m = URL_HEAD.match(url)
    if not m:
        return url + "#r%d" % r
    rest = m.group(2)
    return m.group(1) + "/r%d" % r + (rest if rest.startswith("/") or not rest else "/" + rest)


class Replicator:
    def __init__(self, known_urls, a_off, s_off, r, zstd):
        self.urls = known_urls
        self.a_off, self.s_off, self.r, self.zstd = a_off, s_off, r, zstd

    def url(self, u):
        return replica_url(u, self.r) if u is not None else None

    def walk(self, x, key=None, top=False):
        if isinstance(x, dict):
            out = {}
            for k, v in x.items():
                if top and k == "id" and isinstance(v, str) and v.isdigit():
                    out[k] = str(int(v) + self.s_off)  # a story report's own id
                else:
                    out[k] = self.walk(v, k)
            return out
        if isinstance(x, list):
            return [self.walk(v, key) for v in x]
        if isinstance(x, str):
            if x in self.urls:
                return replica_url(x, self.r)
            if key in ("id", "from", "to"):
                m = NODE_ID.match(x)
                if m:
                    return "a%d" % (int(m.group(1)) + self.a_off)
            if key == "article" and x.isdigit():
                return str(int(x) + self.a_off)
        return x

    def json_value(self, v, top=False):
        """A stored JSON column value (maybe packed) with ids and URLs mapped to the replica."""
        if v is None:
            return None
        text, packed = self.zstd.unpack(v)
        try:
            doc = json.loads(text)
        except (ValueError, TypeError):
            return v
        out = json.dumps(self.walk(doc, top=top), ensure_ascii=False, separators=(",", ":"))
        return self.zstd.pack(out) if packed else out

    def text_value(self, v):
        """A plain text column: mapped when it is a known article URL."""
        if isinstance(v, str) and v in self.urls:
            return replica_url(v, self.r)
        return v

    def event_detail(self, kind, detail):
        if kind in ("merged-into", "merged-from"):
            head, _, rest = detail.partition(" ")
            if head.isdigit():
                return str(int(head) + self.s_off) + (" " + rest if rest else "")
            return detail
        if detail.startswith("{") or detail.startswith("["):
            return self.json_value(detail)
        return self.text_value(detail)

    def content_hash(self, h):
        if not h:
            return h
        v = (h ^ ((self.r * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)) & 0xFFFFFFFFFFFFFFFF
        v = v - (1 << 64) if v >= (1 << 63) else v
        return v or 1


def columns(db, table):
    return [row[1] for row in db.execute("PRAGMA table_info(%s)" % table)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source")
    ap.add_argument("dest")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--copies", type=int)
    g.add_argument("--articles", type=int)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if os.path.exists(args.dest):
        sys.exit("grow_store: %s exists (remove it first)" % args.dest)

    t0 = time.time()
    src = sqlite3.connect("file:%s?mode=ro" % args.source, uri=True)
    n_articles = src.execute("SELECT count(*) FROM articles").fetchone()[0]
    if n_articles == 0:
        sys.exit("grow_store: %s has no articles" % args.source)
    copies = args.copies or math.ceil(args.articles / n_articles)
    if copies < 1:
        sys.exit("grow_store: --copies must be at least 1")
    print("grow_store: %s has %d articles; %d copies -> %d articles"
          % (args.source, n_articles, copies, n_articles * copies), flush=True)
    dst = sqlite3.connect(args.dest, isolation_level=None)
    src.backup(dst)  # a consistent copy of SOURCE (WAL included)
    src.close()
    print("  copied SOURCE (%.0f s)" % (time.time() - t0), flush=True)

    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=OFF")
    dst.execute("PRAGMA cache_size=-262144")  # 256 MiB
    dst.execute("ATTACH DATABASE ? AS src", ("file:%s?mode=ro" % args.source,))

    def max_id(table):
        return dst.execute("SELECT coalesce(max(id), 0) FROM src.%s" % table).fetchone()[0]

    # Schema 5 keeps story events in story_log (story_events is a view over it).
    events = "story_log" if dst.execute("SELECT count(*) FROM sqlite_master WHERE name='story_log'"
                                        ).fetchone()[0] else "story_events"
    A, S, T, E = max_id("articles"), max_id("stories"), max_id("attributions"), max_id(events)
    known = set()
    for url, canon in dst.execute("SELECT url, canonical_url FROM src.articles"):
        known.add(url)
        known.add(canon)
    zstd = Zstd()
    acols = columns(dst, "articles")
    scols = columns(dst, "stories")
    rcols = columns(dst, "reuse")

    for r in range(1, copies):
        t = time.time()
        rep = Replicator(known, r * A, r * S, r, zstd)
        dst.create_function("r_url", 1, rep.url, deterministic=True)
        dst.create_function("r_json", 1, rep.json_value, deterministic=True)
        dst.create_function("r_report", 1, lambda v: rep.json_value(v, top=True), deterministic=True)
        dst.create_function("r_text", 1, rep.text_value, deterministic=True)
        dst.create_function("r_hash", 1, rep.content_hash, deterministic=True)
        dst.create_function("r_event", 2, rep.event_detail, deterministic=True)
        expr = {
            "id": "id + %d" % (r * A),
            "url": "r_url(url)",
            "canonical_url": "r_url(canonical_url)",
            "links": "r_json(links)",
            "content_hash": "r_hash(content_hash)",
            "story_id": "story_id + %d" % (r * S),
        }
        sel = ", ".join(expr.get(c, c) for c in acols)
        dst.execute("BEGIN")
        dst.execute("INSERT INTO articles(%s) SELECT %s FROM src.articles ORDER BY id"
                    % (", ".join(acols), sel))
        sexpr = {
            "id": "id + %d" % (r * S),
            "merged_into": "CASE merged_into WHEN 0 THEN 0 ELSE merged_into + %d END" % (r * S),
            "report": "r_report(report)",
        }
        dst.execute("INSERT INTO stories(%s) SELECT %s FROM src.stories ORDER BY id"
                    % (", ".join(scols), ", ".join(sexpr.get(c, c) for c in scols)))
        dst.execute("INSERT INTO attributions(id, article_id, data) SELECT id + %d, "
                    "article_id + %d, r_json(data) FROM src.attributions ORDER BY id"
                    % (r * T, r * A))
        rexpr = {"source_id": "source_id + %d" % (r * A), "copy_id": "copy_id + %d" % (r * A),
                 "upstream": "r_text(upstream)"}
        dst.execute("INSERT INTO reuse(%s) SELECT %s FROM src.reuse"
                    % (", ".join(rcols), ", ".join(rexpr.get(c, c) for c in rcols)))
        if events == "story_log":
            dst.execute("INSERT INTO story_log(id, story_id, at, kind, detail, article_id, score, "
                        "is_new) SELECT id + %d, story_id + %d, at, kind, r_event(kind, detail), "
                        "article_id + %d, score, is_new FROM src.story_log ORDER BY id"
                        % (r * E, r * S, r * A))
        else:
            dst.execute("INSERT INTO story_events(id, story_id, at, kind, detail) SELECT id + %d, "
                        "story_id + %d, at, kind, r_event(kind, detail) FROM src.story_events "
                        "ORDER BY id" % (r * E, r * S))
        dst.execute("COMMIT")
        n = dst.execute("SELECT count(*) FROM articles").fetchone()[0]
        print("  replica %d/%d: %d articles (%.0f s)" % (r, copies - 1, n, time.time() - t),
              flush=True)

    dst.execute("DETACH DATABASE src")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: dst.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
              for t in ("articles", "stories", "attributions", "reuse", "story_events")}
    print("grow_store: %s: %s (%.0f s)" % (args.dest, ", ".join("%d %s" % (v, k) for k, v in
                                                                   counts.items()),
                                           time.time() - t0), flush=True)
    if args.check:
        fk = dst.execute("PRAGMA foreign_key_check").fetchall()
        dangling = dst.execute("SELECT count(*) FROM articles WHERE story_id IS NOT NULL AND "
                               "story_id NOT IN (SELECT id FROM stories)").fetchone()[0]
        ok = dst.execute("PRAGMA quick_check").fetchone()[0]
        dst.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
        print("  check: %d foreign-key violations, %d articles of unknown stories, quick_check %s, "
              "FTS5 integrity-check ok" % (len(fk), dangling, ok), flush=True)
        if fk or dangling or ok != "ok":
            sys.exit(1)
    dst.close()


if __name__ == "__main__":
    main()
