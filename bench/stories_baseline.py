#!/usr/bin/python3
"""Story clustering side by side: Headwater's StoryClusterer and a scikit-learn baseline, on one
input, in one run, scored by one scorer (issue 7).

Baseline: TF-IDF (sublinear tf, English stop words) + average-link agglomerative clustering on
cosine distance, at its best distance threshold on the scored data (an oracle choice: it favours
the baseline). Headwater: StoryClusterer with its default Options, run through the gated gtest
tool StoriesTool.AssignJsonl (tests/stories/assign_tool_test.cc), in stream order.

Both are also calibrated honestly (and Headwater's learned join rule, Options::join_model, is
fit on one half and scored on the other, through the tool's HW_STORIES_TRAIN): the gold stories are split in two halves (deterministically,
by the order in which stories first appear: even-numbered stories -> half A, odd -> half B); each
method's one threshold is chosen on half A's stream and scored on half B's, and vice versa.

Scores: B-cubed and pairwise precision / recall / F1 (same definitions as src/stories/evaluate.h;
the Headwater run is also scored by the C++ scorer when the tool prints it).
Timing: wall time of the clustering alone (baseline: vectorize + distances + clustering;
Headwater: the Assign calls, measured inside the tool), no file I/O.

Usage (after building test_stories in Release):
  /usr/bin/python3 bench/stories_baseline.py [--bin build/rel/test_stories] [--data CSV]
Reads ../shared/data/uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv by default;
nothing is written into the project (temporary files only).
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "data", "uci-news-aggregator-sample",
                            "uci-news-aggregator.dev-sample.csv")


# ---- scorer (the definitions of src/stories/evaluate.h) -------------------------------------
def bcubed(pred, gold):
    n = len(pred)
    if n == 0:
        return 1.0, 1.0, 1.0
    both = collections.Counter(zip(pred, gold))
    psize = collections.Counter(pred)
    gsize = collections.Counter(gold)
    p = sum(c * c / psize[k[0]] for k, c in both.items()) / n
    r = sum(c * c / gsize[k[1]] for k, c in both.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def pairwise(pred, gold):
    pairs = lambda c: sum(v * (v - 1) // 2 for v in c.values())
    tp = pairs(collections.Counter(zip(pred, gold)))
    pp = pairs(collections.Counter(pred))
    gp = pairs(collections.Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def scores(pred, gold):
    return {"bcubed": bcubed(pred, gold), "pairwise": pairwise(pred, gold),
            "clusters": len(set(pred))}


# ---- data ------------------------------------------------------------------------------------
def load_uci(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append({"id": int(r["ID"]), "title": r["TITLE"], "time": int(r["TIMESTAMP"]) // 1000,
                         "gold": r["STORY"]})
    return rows


def split_halves(rows):
    order = []
    for r in rows:
        if r["gold"] not in order:
            order.append(r["gold"])
    half_a = set(order[0::2])
    return ([r for r in rows if r["gold"] in half_a], [r for r in rows if r["gold"] not in half_a])


# ---- baseline ----------------------------------------------------------------------------------
def baseline_distances(rows):
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    x = vec.fit_transform([r["title"] for r in rows])
    return cosine_distances(x)


def baseline_cluster(dist, threshold):
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold,
                                    metric="precomputed", linkage="average")
    return list(model.fit_predict(dist))


def baseline_timed(rows, threshold):
    t0 = time.perf_counter()
    labels = baseline_cluster(baseline_distances(rows), threshold)
    return labels, time.perf_counter() - t0


BASELINE_GRID = [round(0.80 + 0.01 * i, 2) for i in range(20)]  # 0.80 .. 0.99


def baseline_best(rows):
    dist = baseline_distances(rows)
    gold = [r["gold"] for r in rows]
    best = None
    for th in BASELINE_GRID:
        f1 = bcubed(baseline_cluster(dist, th), gold)[2]
        if best is None or f1 > best[1]:
            best = (th, f1)
    return best[0]


# ---- Headwater -------------------------------------------------------------------------------
def headwater_run(binary, rows, options=None, train=None):
    """Runs the tool; with `train` (rows with gold), the learned join rule is fit on them first."""
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
        env = dict(os.environ, HW_STORIES_IN=inp, HW_STORIES_OUT=out)
        if train is not None:
            env["HW_STORIES_TRAIN"] = os.path.join(tmp, "train.jsonl")
            with open(env["HW_STORIES_TRAIN"], "w", encoding="utf-8") as f:
                for r in train:
                    f.write(json.dumps({"id": r["id"], "time": r["time"], "lang": "en",
                                        "title": r["title"], "gold": r["gold"]}) + "\n")
        with open(inp, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["id"], "time": r["time"], "lang": "en",
                                    "title": r["title"]}) + "\n")
        if options:
            env["HW_STORIES_OPTIONS"] = json.dumps(options)
        proc = subprocess.run([binary, "--gtest_filter=StoriesTool.AssignJsonl"], env=env,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit("tool failed:\n" + proc.stdout + proc.stderr)
        lines = [json.loads(l) for l in open(out, encoding="utf-8")]
    summary = lines[-1]
    by_id = {l["id"]: l["story"] for l in lines[:-1]}
    return [by_id[r["id"]] for r in rows], summary


# The new-story rule has two numbers: join_threshold (join the best story or start a new one)
# and merge_threshold (merge two stories; 0 = never). Both are chosen together on the fit half.
HEADWATER_GRID = [{"join_threshold": j, "merge_threshold": m}
                  for j in (0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25)
                  for m in (0, 0.15, 0.2, 0.25, 0.3)]


def headwater_best(binary, rows):
    gold = [r["gold"] for r in rows]
    best = None
    for opt in HEADWATER_GRID:
        pred, _ = headwater_run(binary, rows, opt)
        f1 = bcubed(pred, gold)[2]
        if best is None or f1 > best[1]:
            best = (opt, f1)
    return best[0]


def fmt(s):
    b, p = s["bcubed"], s["pairwise"]
    return ("B-cubed P %.3f R %.3f F1 %.3f | pairwise P %.3f R %.3f F1 %.3f | %d clusters"
            % (b[0], b[1], b[2], p[0], p[1], p[2], s["clusters"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "rel", "test_stories"))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (median)")
    ap.add_argument("--no-split", action="store_true", help="skip the split-half calibration")
    ap.add_argument("--hw-options", default=None,
                    help='Options for the whole-sample Headwater run, e.g. \'{"merge_threshold":0}\'')
    args = ap.parse_args()
    rows = load_uci(args.data)
    gold = [r["gold"] for r in rows]
    print("input: %d headlines, %d gold stories (%s)" % (len(rows), len(set(gold)), args.data))

    # 1. Each at its default / best threshold on the whole sample, timed.
    th = baseline_best(rows)
    runs = [baseline_timed(rows, th) for _ in range(args.repeat)]
    base_pred = runs[0][0]
    base_sec = sorted(t for _, t in runs)[len(runs) // 2]
    hw_opts = json.loads(args.hw_options) if args.hw_options else None
    hw = [headwater_run(args.bin, rows, hw_opts) for _ in range(args.repeat)]
    hw_pred = hw[0][0]
    hw_sec = sorted(s["seconds"] for _, s in hw)[len(hw) // 2]
    sb, sh = scores(base_pred, gold), scores(hw_pred, gold)
    print("\nwhole sample (thresholds chosen on the scored data itself):")
    print("  baseline  (tfidf+avg-link, distance threshold %.2f): %s" % (th, fmt(sb)))
    print("            %.3f s = %.0f headlines/s" % (base_sec, len(rows) / base_sec))
    print("  headwater (%s): %s" % (args.hw_options or "default Options", fmt(sh)))
    print("            %.3f s = %.0f headlines/s; %d merges" % (hw_sec, len(rows) / hw_sec,
                                                                hw[0][1].get("merges", 0)))
    print("  ratio headwater/baseline: B-cubed F1 %.3f, pairwise F1 %.3f, speed %.1fx"
          % (sh["bcubed"][2] / sb["bcubed"][2], sh["pairwise"][2] / sb["pairwise"][2],
             base_sec / hw_sec))

    if args.no_split:
        return
    # 2. Split-half calibration: choose on one half, score on the other.
    a, b = split_halves(rows)
    print("\nsplit halves by story: A %d headlines / %d stories, B %d / %d"
          % (len(a), len(set(r["gold"] for r in a)), len(b), len(set(r["gold"] for r in b))))
    for name, fit, test in (("A->B", a, b), ("B->A", b, a)):
        tg = [r["gold"] for r in test]
        bth = baseline_best(fit)
        hth = headwater_best(args.bin, fit)
        bs = scores(baseline_cluster(baseline_distances(test), bth), tg)
        hs = scores(headwater_run(args.bin, test, hth)[0], tg)
        hd = scores(headwater_run(args.bin, test)[0], tg)
        print("  fit %s: baseline th %.2f: %s" % (name, bth, fmt(bs)))
        print("  fit %s: headwater join %.3f merge %.2f: %s"
              % (name, hth["join_threshold"], hth["merge_threshold"], fmt(hs)))
        print("  %s  headwater default Options:   %s" % (" " * len(name), fmt(hd)))
        hl = scores(headwater_run(args.bin, test, train=fit)[0], tg)
        print("  fit %s: headwater learned join rule (Options::join_model fit on the fit half): %s"
              % (name, fmt(hl)))


if __name__ == "__main__":
    main()
