#!/usr/bin/python3
"""Prints every decision a Headwater store holds, for diffing two ingests of one corpus (issue 10:
speed work must not change a decision).

Printed, in a fixed order: each article's story, each story's row (title, status, merge, key
terms, verdict, policy, counts, times), every story event with its detail (assignment scores
included), every reuse edge with its containment, and every stored story report decoded (the
zstd dictionaries differ between runs because the store trains them on reports ordered by the
wall-clock `updated` column, so the stored bytes cannot be compared directly). `updated` itself
(the clock at ingest) is left out.

  bench/decisions.py STORE.db > a.txt; bench/decisions.py OTHER.db > b.txt; cmp a.txt b.txt
"""
import os
import sqlite3
import subprocess
import sys
import tempfile


def decode(value, dicts):
    """A stored value as the store's TextCodec wrote it (store/text_codec.h, store/packed.h)."""
    if value is None or isinstance(value, str):
        return value
    v = bytes(value)
    if v[:4] == b'\0hwz':
        args, frame = ['zstd', '-d', '-c'], v[4:]
    elif v[:4] == b'\0hwd':
        args, frame = ['zstd', '-d', '-c', '-D', dicts[int.from_bytes(v[4:8], 'little')]], v[8:]
    else:
        return v.decode('utf-8', 'replace')
    return subprocess.run(args, input=frame, capture_output=True, check=True).stdout.decode()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    db = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True)
    out = sys.stdout
    for row in db.execute('SELECT id, canonical_url, story_id FROM articles ORDER BY id'):
        out.write('article %r\n' % (row,))
    for row in db.execute('SELECT id, title, status, merged_into, key_terms, verdict, policy, '
                          'counts, first_seen, last_seen FROM stories ORDER BY id'):
        out.write('story %r\n' % (row,))
    for row in db.execute('SELECT story_id, kind, detail FROM story_events ORDER BY id'):
        out.write('event %r\n' % (row,))
    for row in db.execute('SELECT source_id, copy_id, class, copy_in_source, source_in_copy, '
                          'longest_chars, upstream FROM reuse ORDER BY source_id, copy_id'):
        out.write('reuse %r\n' % (row,))
    with tempfile.TemporaryDirectory() as tmp:
        dicts = {}
        for i, d in db.execute('SELECT id, dict FROM text_dicts'):
            dicts[i] = os.path.join(tmp, 'dict-%d' % i)
            with open(dicts[i], 'wb') as f:
                f.write(d)
        for sid, report in db.execute('SELECT id, report FROM stories ORDER BY id'):
            out.write('report %d %s\n' % (sid, decode(report, dicts)))


if __name__ == '__main__':
    main()
