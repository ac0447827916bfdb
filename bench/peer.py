#!/usr/bin/python3
"""The peers Headwater is measured against in bench/run, on the same JSON Lines corpus.

pipeline (default): a standard Python pipeline from Debian packages.
  stories: scikit-learn TF-IDF (title + text, sublinear tf, English and Spanish stop words left in,
           max_df 0.5) and single-linkage clustering: two articles published at most --window-days
           apart whose cosine is >= --threshold join one story (union-find over the chunked sparse
           similarity matrix).
  reuse:   MinHash (64 hash functions over word 5-shingles, numpy for the arithmetic, no MinHash
           library) with LSH (16 bands of 4 rows); candidates checked exactly: containment
           |A&B|/min(|A|,|B|) >= 0.5 is reuse, Jaccard >= 0.8 "whole", else "partial".
  No attribution, origins or verdicts: those columns are "n/a" for the peer.
  Writes --pred JSON for bench/score.py.
fts5: the floor: insert the same articles into SQLite with an FTS5 index (unicode61, diacritics
  removed, as Headwater's), one transaction, from Python.

  /usr/bin/python3 bench/peer.py pipeline --pred out.json FILE.jsonl...
  /usr/bin/python3 bench/peer.py fts5 --db floor.db FILE.jsonl...
"""
import argparse
import json
import os
import re
import sqlite3
import time
import zlib
from datetime import datetime

WORD = re.compile(r'\w+', re.U)


def read(files):
    arts = []
    for path in files:
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.strip():
                    arts.append(json.loads(line))
    return arts


def find(parent, i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def stories(arts, threshold, window_days):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    vec = TfidfVectorizer(sublinear_tf=True, max_df=0.5, min_df=2, dtype=np.float32)
    X = vec.fit_transform([(a.get('title') or '') + '\n' + (a.get('text') or '') for a in arts])
    ts = np.array([datetime.fromisoformat(a['published'].replace('Z', '+00:00')).timestamp()
                   for a in arts])
    order = np.argsort(ts, kind='stable')
    X, ts = X[order], ts[order]
    n = len(arts)
    parent = list(range(n))
    win = window_days * 86400.0
    B = 1000
    for i in range(0, n, B):
        j = min(n, i + B)
        hi = int(np.searchsorted(ts, ts[j - 1] + win, side='right'))
        S = (X[i:j] @ X[i:hi].T).tocoo()
        ra_, cb_ = S.row + i, S.col + i
        keep = (S.data >= threshold) & (cb_ > ra_)
        ra_, cb_ = ra_[keep], cb_[keep]
        keep = ts[cb_] - ts[ra_] <= win
        for a, b in zip(ra_[keep].tolist(), cb_[keep].tolist()):
            ra, rb = find(parent, a), find(parent, b)
            if ra != rb:
                parent[rb] = ra
    label = {}
    for k in range(n):
        label[arts[order[k]]['url']] = int(find(parent, k))
    return label


def shingles(text, k=5):
    w = WORD.findall(text.lower())
    return set(zlib.crc32(' '.join(w[i:i + k]).encode()) for i in range(max(1, len(w) - k + 1)))


def reuse(arts, num_perm=64, bands=16):
    import numpy as np
    rows = num_perm // bands
    p = np.uint64((1 << 31) - 1)
    rng = np.random.RandomState(7)
    a = rng.randint(1, (1 << 31) - 1, size=num_perm, dtype=np.int64).astype(np.uint64)
    b = rng.randint(0, (1 << 31) - 1, size=num_perm, dtype=np.int64).astype(np.uint64)
    sets, buckets, cands = [], {}, set()
    for idx, art in enumerate(arts):
        s = shingles(art.get('text') or '')
        sets.append(s)
        x = np.fromiter(s, dtype=np.uint64, count=len(s)) % p
        sig = ((a[:, None] * x[None, :] + b[:, None]) % p).min(axis=1)
        for band in range(bands):
            key = (band, sig[band * rows:(band + 1) * rows].tobytes())
            lst = buckets.setdefault(key, [])
            for other in lst:
                cands.add((other, idx))
            lst.append(idx)
    pairs = []
    for i, j in cands:
        A, B = sets[i], sets[j]
        inter = len(A & B)
        if inter / max(1, min(len(A), len(B))) >= 0.5:
            cls = 'whole' if inter / max(1, len(A | B)) >= 0.8 else 'partial'
            pairs.append([arts[i]['url'], arts[j]['url'], cls])
    return pairs, len(cands)


def cmd_pipeline(args):
    t0 = time.monotonic()
    arts = read(args.files)
    t1 = time.monotonic()
    label = stories(arts, args.threshold, args.window_days)
    t2 = time.monotonic()
    pairs, ncand = reuse(arts)
    t3 = time.monotonic()
    out = {'story': label, 'reuse': pairs, 'origins': None, 'verdict': None,
           'seconds': {'read': t1 - t0, 'stories': t2 - t1, 'reuse': t3 - t2, 'total': t3 - t0},
           'articles': len(arts), 'reuse_candidates': ncand}
    with open(args.pred, 'w', encoding='utf-8') as f:
        json.dump(out, f)
    print(json.dumps({'articles': len(arts), 'seconds': out['seconds']}))


def cmd_fts5(args):
    t0 = time.monotonic()
    if os.path.exists(args.db):
        os.remove(args.db)
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(url UNINDEXED, title, text, "
               "tokenize='unicode61 remove_diacritics 2')")
    n = 0
    db.execute('BEGIN')
    for path in args.files:
        with open(path, encoding='utf-8') as f:
            for line in f:
                if not line.strip():
                    continue
                a = json.loads(line)
                db.execute('INSERT INTO articles(url, title, text) VALUES (?,?,?)',
                           (a['url'], a.get('title') or '', a.get('text') or ''))
                n += 1
    db.execute('COMMIT')
    db.close()
    secs = time.monotonic() - t0
    size = os.path.getsize(args.db) + (os.path.getsize(args.db + '-wal') if os.path.exists(args.db + '-wal') else 0)
    print(json.dumps({'articles': n, 'seconds': secs, 'store_bytes': size}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('pipeline')
    p.add_argument('--pred', required=True)
    p.add_argument('--threshold', type=float, default=0.3)
    p.add_argument('--window-days', type=float, default=7)
    p.add_argument('files', nargs='+')
    f = sub.add_parser('fts5')
    f.add_argument('--db', required=True)
    f.add_argument('files', nargs='+')
    args = ap.parse_args()
    (cmd_pipeline if args.cmd == 'pipeline' else cmd_fts5)(args)


if __name__ == '__main__':
    main()
