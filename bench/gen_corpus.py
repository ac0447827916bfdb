#!/usr/bin/python3
"""Writes a synthetic JSON Lines corpus (docs/FORMATS.md) for load tests: N articles about
N/ARTICLES_PER_EVENT made-up events, each event covered by several outlets over a few days, with
attributions ("according to", "said", "told"), datelines and links to the event's first report.

Every article has its own text (no two share a content hash) but the articles of one event share
their invented names and places, so the story clusterer groups them. Nothing here is third-party
text: words come from small built-in lists and invented syllables. Deterministic for a seed.

usage: gen_corpus.py N [--seed S] [--per-event K] > corpus.jsonl
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

SYL = ["ka", "ro", "mi", "ten", "var", "lo", "su", "dri", "mon", "pel", "zar", "quin", "bo",
       "ta", "ner", "sal", "vin", "gro", "hal", "det", "cu", "fen", "lia", "mar", "os", "tri"]
VERBS = ["announced", "reported", "confirmed", "described", "disclosed", "outlined", "detailed"]
NOUNS = ["plan", "investigation", "agreement", "shortage", "protest", "inquiry", "project",
         "budget", "contract", "outbreak", "election", "strike", "merger", "ruling", "flood"]
FILLER = ("the of and to in a for on with as by at from that this its after before over "
          "under between during while officials residents workers local regional national "
          "week month year morning evening council ministry company group committee court "
          "police hospital school market city town district province border river road").split()
OUTLETS = [("frontiervigil.org", "Frontier Vigil"), ("borderlandledger.com", "Borderland Ledger"),
           ("continentalpress.com", "Continental Press"), ("centineladejuarez.com.mx", "El Centinela de Juárez"),
           ("diariomedanos.mx", "Diario Médanos"), ("hemispherenotes.net", "Hemisphere Notes")]


def name(rng, parts=2):
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def sentence(rng, words):
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 16)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-event", type=int, default=6)
    ap.add_argument("--outlets", type=int, default=400, help="synthetic outlets besides the demo ones")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    outlets = OUTLETS + [("news%03d.example" % i, "%s %s" % (name(rng), rng.choice(["Times", "Post", "Herald", "Daily", "Wire"])))
                         for i in range(a.outlets)]
    start = datetime(2019, 1, 1, tzinfo=timezone.utc)
    out = sys.stdout
    written = 0
    event = 0
    while written < a.n:
        event += 1
        place, person, org = name(rng, 3), name(rng) + " " + name(rng, 3), name(rng, 2) + " " + rng.choice(["Institute", "Council", "Group"])
        noun = rng.choice(NOUNS)
        day0 = start + timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60))
        k = max(1, min(a.n - written, rng.randint(1, 2 * a.per_event - 1)))
        first_url = None
        for j in range(k):
            domain, outlet = rng.choice(outlets)
            when = day0 + timedelta(hours=rng.randint(0, 96) * (1 if j else 0))
            url = "https://%s/%s/%d-%d-%s-%s" % (domain, when.strftime("%Y/%m/%d"), event, j, place.lower(), noun)
            body = []
            if j == 0 or rng.random() < 0.3:
                body.append("%s — The %s of %s %s a %s on %s, according to %s, who spoke to reporters." % (
                    place.upper(), org, place, rng.choice(VERBS), noun, when.strftime("%A"), person))
            else:
                body.append("The %s in %s was first reported by %s, according to its report." % (noun, place, OUTLETS[0][1] if rng.random() < 0.2 else "local media"))
            vocab = FILLER + [place, org.split()[0], noun, person.split()[1]]
            for _ in range(rng.randint(5, 9)):
                body.append(sentence(rng, vocab).capitalize() + ".")
            body.append('"%s," %s said.' % (sentence(rng, vocab).capitalize(), person))
            body.append("Article %d of event %d, %s." % (j, event, outlet))
            rec = {"url": url, "outlet": outlet, "title": "%s %s: %s %s" % (place, noun, org, rng.choice(VERBS)),
                   "text": "\n".join(body), "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "lang": "en"}
            if first_url and rng.random() < 0.5:
                rec["links"] = [first_url]
            first_url = first_url or url
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1


if __name__ == "__main__":
    main()
