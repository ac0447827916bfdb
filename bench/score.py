#!/usr/bin/python3
"""Scores a run against the planted truth of bench/corpus.py.

Predictions come from a Headwater store (--db: articles.story_id, stories.verdict/report, the
reuse table, read with sqlite3) or from a JSON file of the peer (--pred, bench/peer.py), so both
are scored by the same code. Figures, each in [0,1], higher is better:
  stories_f1   B-cubed F1 of predicted stories against planted story ids (and P, R)
  seeds_f1     the same against planted seeds (stories built from one real text, possibly years
               apart; a looser "same topic" truth)
  reuse_p/r/f1 unordered article pairs with any reuse (whole or partial) against the planted
               pairs: every copy with its source, and copies of one source with each other. A
               found pair that was not planted but whose texts share a sentence (a generator
               artefact: a seed's sentences recur once the seed is dealt out) counts neither way
               (reuse_incidental)
  origins_acc  share of articles whose origin/non-origin role matches the planted one
  verdict_acc  share of planted stories whose predicted verdict (the verdict of the predicted
               story holding most of its articles) is the expected one
  /usr/bin/python3 bench/score.py --corpus DIR --db headwater.db [--json]
"""
import argparse
import collections
import ctypes
import ctypes.util
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import PLANTED  # noqa: E402


PACK_MARKER = b'\0hwz'  # src/store/packed.h: the store keeps large values as marker + zstd frame
DICT_MARKER = b'\0hwd'  # src/store/text_codec.h: marker, dictionary id (4 bytes LE), zstd frame
_zstd = None


def _lib():
    global _zstd
    if _zstd is None:
        z = ctypes.CDLL(ctypes.util.find_library('zstd') or 'libzstd.so.1')
        z.ZSTD_getFrameContentSize.restype = ctypes.c_ulonglong
        z.ZSTD_getFrameContentSize.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        z.ZSTD_decompress.restype = ctypes.c_size_t
        z.ZSTD_decompress.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                      ctypes.c_size_t]
        z.ZSTD_createDCtx.restype = ctypes.c_void_p
        z.ZSTD_decompress_usingDict.restype = ctypes.c_size_t
        z.ZSTD_decompress_usingDict.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                ctypes.c_char_p, ctypes.c_size_t,
                                                ctypes.c_char_p, ctypes.c_size_t]
        z.ZSTD_isError.argtypes = [ctypes.c_size_t]
        z.dctx = z.ZSTD_createDCtx()
        _zstd = z
    return _zstd


def unpack(value, dicts=None):
    """The text of a stored column value: packed values (bytes behind PACK_MARKER, or behind
    DICT_MARKER with the id of a dictionary of the store's text_dicts table, given as
    dicts = {id: bytes}) are decompressed with libzstd through ctypes (Debian's python3 has no
    zstd module)."""
    if isinstance(value, str) or value is None:
        return value
    z = None
    if value.startswith(DICT_MARKER) and len(value) > 8:
        dict_id = int.from_bytes(value[4:8], 'little')
        d = (dicts or {}).get(dict_id)
        if d is None:
            return value.decode('utf-8', 'replace')
        frame, z = value[8:], _lib()
    elif value.startswith(PACK_MARKER):
        frame, d, z = value[len(PACK_MARKER):], None, _lib()
    if z is None:
        return value.decode('utf-8', 'replace')
    size = z.ZSTD_getFrameContentSize(frame, len(frame))
    if size >= (1 << 62):  # ZSTD_CONTENTSIZE_UNKNOWN / _ERROR
        return value.decode('utf-8', 'replace')
    out = ctypes.create_string_buffer(max(1, size))
    if d is None:
        n = z.ZSTD_decompress(out, size, frame, len(frame))
    else:
        n = z.ZSTD_decompress_usingDict(z.dctx, out, size, frame, len(frame), d, len(d))
    if z.ZSTD_isError(n):
        return value.decode('utf-8', 'replace')
    return out.raw[:n].decode('utf-8')


def load_dicts(db):
    """{id: bytes} of a store's text_dicts (schema 4; {} for older stores)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'text_dicts'").fetchone():
        return {}
    return {i: bytes(d) for i, d in db.execute('SELECT id, dict FROM text_dicts')}


def load_truth(corpus):
    arts = []
    with open(os.path.join(corpus, 'truth-articles.jsonl'), encoding='utf-8') as f:
        for line in f:
            arts.append(json.loads(line))
    stories = {}
    with open(os.path.join(corpus, 'truth-stories.jsonl'), encoding='utf-8') as f:
        for line in f:
            s = json.loads(line)
            stories[s['id']] = s
    return arts, stories


def truth_pairs(arts):
    """Unordered pairs planted as reuse: (copy, source), and the copies of one source pairwise."""
    by_src = collections.defaultdict(list)
    for a in arts:
        if a.get('copies'):
            by_src[a['copies']].append(a)
    pairs, whole = set(), set()
    for src, copies in by_src.items():
        for c in copies:
            p = tuple(sorted((src, c['url'])))
            pairs.add(p)
            if c['reuse'] == 'whole':
                whole.add(p)
        for i in range(len(copies)):
            for j in range(i + 1, len(copies)):
                p = tuple(sorted((copies[i]['url'], copies[j]['url'])))
                pairs.add(p)
                if copies[i]['reuse'] == 'whole' and copies[j]['reuse'] == 'whole':
                    whole.add(p)
    return pairs, whole


def load_db(path):
    db = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
    merged = dict(db.execute('SELECT id, merged_into FROM stories WHERE merged_into != 0'))

    def root(s):
        seen = 0
        while s in merged and seen < 100:
            s, seen = merged[s], seen + 1
        return s

    id_url, story_of = {}, {}
    for aid, url, sid in db.execute(
            "SELECT id, CASE WHEN url = '' THEN canonical_url ELSE url END, story_id FROM articles"):
        id_url[aid] = url
        story_of[url] = root(sid) if sid is not None else None
    verdict, origins = {}, set()
    dicts = load_dicts(db)
    for sid, v, report in db.execute('SELECT id, verdict, report FROM stories WHERE merged_into = 0'):
        verdict[sid] = v
        try:
            rep = json.loads(unpack(report, dicts) or '{}')
        except ValueError:
            rep = {}
        for o in rep.get('origins', []) or []:
            for u in o.get('articles', []) or []:
                origins.add(u)
    reuse = []
    for s, c, cls in db.execute('SELECT source_id, copy_id, class FROM reuse'):
        if s in id_url and c in id_url:
            reuse.append((id_url[s], id_url[c], cls))
    db.close()
    return {'story': story_of, 'verdict': verdict, 'origins': origins, 'reuse': reuse}


def bcubed(truth_label, pred_label):
    """B-cubed precision, recall, F1 over the items of truth_label (a missing prediction is a
    singleton)."""
    items = list(truth_label)
    t_groups = collections.defaultdict(set)
    p_groups = collections.defaultdict(set)
    for i in items:
        t_groups[truth_label[i]].add(i)
        p = pred_label.get(i)
        p_groups[('p', p) if p is not None else ('single', i)].add(i)
    P = R = 0.0
    for i in items:
        t = t_groups[truth_label[i]]
        p = p_groups[('p', pred_label[i]) if pred_label.get(i) is not None else ('single', i)]
        inter = len(t & p)
        P += inter / len(p)
        R += inter / len(t)
    n = max(1, len(items))
    P, R = P / n, R / n
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def corpus_lines(corpus):
    """url -> set of text lines (sentences; the first without its dateline) of every article."""
    lines = {}
    for name in sorted(os.listdir(corpus)):
        if name.startswith('articles-') and name.endswith('.jsonl'):
            with open(os.path.join(corpus, name), encoding='utf-8') as f:
                for line in f:
                    a = json.loads(line)
                    ls = (a.get('text') or '').split('\n')
                    if ls and '\u2014 ' in ls[0]:
                        ls[0] = ls[0].split('\u2014 ', 1)[1]
                    lines[a['url']] = set(x for x in ls if not PLANTED.search(x))
    return lines


def score(corpus, pred):
    arts, stories = load_truth(corpus)
    res = {}
    story_truth = {a['url']: a['story'] for a in arts}
    seed_truth = {a['url']: a['seed'] for a in arts}
    P, R, F = bcubed(story_truth, pred['story'])
    res.update(stories_p=P, stories_r=R, stories_f1=F)
    res['seeds_f1'] = bcubed(seed_truth, pred['story'])[2]
    res['stories_found'] = len(set(v for v in pred['story'].values() if v is not None))
    res['stories_planted'] = len(stories)
    tp, tw = truth_pairs(arts)
    known = set(story_truth)
    pp = set(tuple(sorted((s, c))) for s, c, _ in pred['reuse'] if s in known and c in known)
    hit = len(pp & tp)
    extra = pp - tp
    if extra:
        lines = corpus_lines(corpus)
        incidental = sum(1 for a, b in extra if lines.get(a, set()) & lines.get(b, set()))
    else:
        incidental = 0
    res['reuse_incidental'] = incidental
    pp_n = len(pp) - incidental
    res['reuse_p'] = hit / pp_n if pp_n else (1.0 if not tp else 0.0)
    res['reuse_r'] = hit / len(tp) if tp else 1.0
    res['reuse_f1'] = (2 * res['reuse_p'] * res['reuse_r'] / (res['reuse_p'] + res['reuse_r'])
                       if res['reuse_p'] + res['reuse_r'] else 0.0)
    res['reuse_pairs_planted'] = len(tp)
    res['reuse_pairs_found'] = len(pp)
    if pred.get('origins') is not None:
        ok = sum(1 for a in arts if (a['role'] in ('origin', 'denier')) == (a['url'] in pred['origins']))
        res['origins_acc'] = ok / max(1, len(arts))
    if pred.get('verdict') is not None:
        members = collections.defaultdict(list)
        for a in arts:
            members[a['story']].append(a['url'])
        ok = n = 0
        confusion = collections.Counter()
        for sid, st in stories.items():
            if st.get('truncated') or not members[sid]:
                continue
            n += 1
            votes = collections.Counter(pred['story'].get(u) for u in members[sid])
            ps = votes.most_common(1)[0][0]
            v = pred['verdict'].get(ps, '')
            confusion[(st['expected_verdict'], v)] += 1
            ok += v == st['expected_verdict']
        res['verdict_acc'] = ok / max(1, n)
        res['verdict_confusion'] = {'%s -> %s' % k: c for k, c in sorted(confusion.items())}
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--db', help='a Headwater store')
    ap.add_argument('--pred', help='predictions JSON of bench/peer.py')
    ap.add_argument('--json', action='store_true')
    args = ap.parse_args()
    if args.db:
        pred = load_db(args.db)
    elif args.pred:
        with open(args.pred, encoding='utf-8') as f:
            pred = json.load(f)
        pred['origins'] = set(pred['origins']) if pred.get('origins') is not None else None
    else:
        sys.exit('score.py: give --db or --pred')
    res = score(args.corpus, pred)
    if args.json:
        print(json.dumps(res, indent=1, sort_keys=True))
    else:
        for k, v in sorted(res.items()):
            print('%-20s %s' % (k, '%.4f' % v if isinstance(v, float) else v))


if __name__ == '__main__':
    main()
