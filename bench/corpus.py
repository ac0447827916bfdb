#!/usr/bin/python3
"""Scale corpus generator for the end-to-end benchmark (issue 10).

Builds N articles by recombining real sentences from ../shared/data (PolNeAR texts,
multi-outlet-events, spanish-news, the article-extraction-benchmark's true article bodies) across
the outlets of a registry built from ../shared/data/outlet-registry domains and across dates, and
writes them as JSON Lines, as HTML pages in gzip WARC files and as RSS 2.0 feeds, in chunks of
--batch articles (one chunk = one ingest batch), in publication order.

Planted ground truth is written beside the corpus (truth-articles.jsonl, truth-stories.jsonl):
  * story: every article belongs to one planted story; a story's articles share a "seed" (one real
    source text) and take disjoint sentences of it, so they share names and places but no text;
  * wire copies: an article that is the whole text of an earlier one (another outlet, other
    headline) -> reuse pair, class whole; partial reuse: about half of an earlier article's
    sentences plus sentences of its own -> class partial;
  * attributions: origins carry an asserting source (a named spokesperson), echoes carry
    "according to <Outlet>" / "según <Outlet>" (and no own source), deniers only a denial;
  * in-country datelines ("CIUDAD DE MÉXICO (Reuters) —") on some Latin-American origins;
  * expected verdict per story under share/policies.toml (default: 2 independent origins;
    latin-america: 2 independent, 2 in country).
Sentences used as filler are "cue-free" (no said/told/according/según/... and no quotes) so that
an echo has no source of its own.

The same --seed gives a byte-identical corpus (gzip members carry mtime 0; no dict-order or
hash-seed dependence). The texts are third-party: write corpora under build/ only.

  /usr/bin/python3 bench/corpus.py --n 10000 --out build/bench/corpus-10000 [--forms jsonl,warc,rss]
"""
import argparse
import csv
import json
import os
import random
import re
import sys
import time
from datetime import datetime, timedelta, timezone

from corpus_forms import rfc3339, rss, warc_record  # noqa: E402
from corpus_seeds import Respeller, load_seeds, vocabulary  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, '..', '..', 'shared', 'data'))


# --- outlets ---------------------------------------------------------------------------------

WIRES = [
    ('Associated Press', 'AP', 'apnews.com', 'US', 'en'),
    ('Reuters', '', 'reuters.com', 'GB', 'en'),
    ('Agence France-Presse', 'AFP', 'afp.com', 'FR', 'en'),
    ('Agencia EFE', 'EFE', 'efe.com', 'ES', 'es'),
]
LATAM = [  # Spanish-language outlets (domains as in spanish-news links and the MBFC registry)
    ('El Universal', 'eluniversal.com.mx', 'MX'), ('Milenio', 'milenio.com', 'MX'),
    ('Excélsior', 'excelsior.com.mx', 'MX'), ('El Financiero', 'elfinanciero.com.mx', 'MX'),
    ('El Economista', 'eleconomista.com.mx', 'MX'), ('El Sol de México', 'elsoldemexico.com.mx', 'MX'),
    ('MVS Noticias', 'mvsnoticias.com', 'MX'), ('La Jornada', 'jornada.com.mx', 'MX'),
    ('Proceso', 'proceso.com.mx', 'MX'), ('Animal Político', 'animalpolitico.com', 'MX'),
    ('Infobae', 'infobae.com', 'AR'), ('Clarín', 'clarin.com', 'AR'),
    ('La Nación', 'lanacion.com.ar', 'AR'), ('El Tiempo', 'eltiempo.com', 'CO'),
    ('El País', 'elpais.com', 'ES'), ('El Mundo', 'elmundo.es', 'ES'), ('ABC España', 'abc.es', 'ES'),
    ('elDiario.es', 'eldiario.es', 'ES'), ('Público', 'publico.es', 'ES'),
]
# Owner groups planted on the registry (outlets of one group are not independent).
GROUPS = {'Milenio': 'Grupo Multimedios', 'El Financiero': 'Grupo Multimedios',
          'El Universal': 'Grupo El Universal', 'El Sol de México': 'Organización Editorial Mexicana'}


def load_outlets(data):
    """The benchmark registry: English-language publishers of the Fundus list, the wires and the
    Spanish-language outlets above. Returns (en, es, wires): lists of dicts."""
    en = []
    path = os.path.join(data, 'outlet-registry', 'fundus-publishers', 'publishers.tsv')
    seen = set()
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for row in csv.DictReader(f, delimiter='\t'):
                cc = (row.get('country_code') or '').strip().upper()
                dom = (row.get('domain') or '').strip().lower()
                if dom.startswith('www.'):
                    dom = dom[4:]
                name = (row.get('name') or '').strip()
                if cc not in ('US', 'UK', 'CA', 'AU', 'IE', 'NZ', 'ZA') or 'en' not in (row.get('languages') or ''):
                    continue
                if not dom or not name or dom in seen or ',' in name:
                    continue
                seen.add(dom)
                en.append({'name': name, 'domain': dom, 'country': 'GB' if cc == 'UK' else cc,
                           'lang': 'en', 'kind': 'news', 'group': ''})
    if len(en) < 12:  # registry missing: made-up outlets keep the harness running
        en = [{'name': 'Bench Gazette %d' % i, 'domain': 'benchgazette%d.com' % i, 'country': 'US',
               'lang': 'en', 'kind': 'news', 'group': ''} for i in range(40)]
    # Plant owner groups: consecutive pairs of US outlets share one.
    us = [o for o in en if o['country'] == 'US']
    for i in range(0, min(len(us) - 1, 8), 2):
        us[i]['group'] = us[i + 1]['group'] = 'Bench Holdings %d' % (i // 2 + 1)
    es = [{'name': n, 'domain': d, 'country': c, 'lang': 'es', 'kind': 'news',
           'group': GROUPS.get(n, '')} for n, d, c in LATAM]
    wires = [{'name': n, 'alias': a, 'domain': d, 'country': c, 'lang': l, 'kind': 'wire',
              'group': ''} for n, a, d, c, l in WIRES]
    return en, es, wires


def write_registry(path, outlets):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write('name,aliases,domains,country,languages,kind,owner_group\n')
        for o in outlets:
            f.write('%s,%s,%s,%s,%s,%s,%s\n' % (o['name'], o.get('alias', ''), o['domain'],
                                                o['country'], o['lang'], o['kind'], o['group']))


# --- planted sentences -----------------------------------------------------------------------

FIRST = ['María', 'José', 'Ana', 'Luis', 'Carmen', 'Jorge', 'Elena', 'Pedro', 'Laura', 'Miguel',
         'Sarah', 'David', 'Emily', 'James', 'Rachel', 'Thomas', 'Linda', 'Robert', 'Karen', 'Daniel']
LAST = ['López', 'Hernández', 'García', 'Martínez', 'Ramírez', 'Torres', 'Flores', 'Vargas',
        'Castillo', 'Morales', 'Whitfield', 'Brennan', 'Okafor', 'Lindqvist', 'Harrington',
        'Delgado', 'Nakamura', 'Prescott', 'Calloway', 'Ferreira']
BODY_EN = ['the state police', 'the interior ministry', 'the city council', 'the attorney general\'s office',
           'the health department', 'the election commission', 'the governor\'s office', 'the army']
BODY_ES = ['la policía estatal', 'la Secretaría de Gobernación', 'el ayuntamiento', 'la Fiscalía General',
           'la Secretaría de Salud', 'el Instituto Nacional Electoral', 'el gobierno estatal', 'la Secretaría de la Defensa']
MX_PLACES = [('CIUDAD DE MÉXICO', 'Ciudad de México'), ('GUADALAJARA', 'Guadalajara'),
             ('MONTERREY', 'Monterrey'), ('CIUDAD JUÁREZ', 'Ciudad Juárez'), ('PUEBLA', 'Puebla'),
             ('TIJUANA', 'Tijuana'), ('OAXACA', 'Oaxaca'), ('MÉRIDA', 'Mérida')]


# Matches every sentence planted from the templates below (the scorer tells them from seed text).
PLANTED = re.compile(r'spokesperson for |vocer[oa] de |portavoz de | said so on Monday| denied it\.$|'
                     r'^It was confirmed by |, de .+, negó los hechos|^According to |^That is according to |'
                     r' reported it first\.$|^Según |^De acuerdo con |^Así lo informó |^Los hechos ocurrieron en ')


def person(rng):
    return rng.choice(FIRST) + ' ' + rng.choice(LAST)


def asserting_sentence(rng, lang):
    if lang == 'es':
        return rng.choice(['Lo confirmó %s, vocera de %s.', 'Así lo dijo %s, vocero de %s.',
                           '%s, portavoz de %s, lo confirmó.']) % (person(rng), rng.choice(BODY_ES))
    return rng.choice(['%s, a spokesperson for %s, confirmed it.', '%s of %s said so on Monday.',
                       'It was confirmed by %s of %s.']) % (person(rng), rng.choice(BODY_EN))


def denying_sentence(rng, lang):
    if lang == 'es':
        return rng.choice(['%s, vocero de %s, negó la versión.', '%s, de %s, negó los hechos.']) % (
            person(rng), rng.choice(BODY_ES))
    return rng.choice(['%s, a spokesperson for %s, denied the report.',
                       '%s of %s denied it.']) % (person(rng), rng.choice(BODY_EN))


def citing_sentence(rng, lang, outlet):
    if lang == 'es':
        return rng.choice(['Según %s, el caso sigue abierto.', 'De acuerdo con %s, hay más casos.',
                           'Así lo informó %s.']) % outlet
    return rng.choice(['According to %s, the case remains open.', 'That is according to %s.',
                       '%s reported it first.']) % outlet


# --- stories ---------------------------------------------------------------------------------

# (kind, weight). Expected verdicts follow DESIGN.md and share/policies.toml.
EN_KINDS = [('single', 30), ('corroborated', 25), ('same-owner', 6), ('wire', 12), ('disputed', 10),
            ('unsourced', 7), ('alone', 10)]
ES_KINDS = [('es-corroborated', 35), ('es-partly', 25), ('es-single', 30), ('es-dateline', 10)]
VERDICT = {'single': 'single-source', 'corroborated': 'corroborated', 'same-owner': 'single-source',
           'wire': 'single-source', 'disputed': 'disputed', 'unsourced': 'unsourced',
           'alone': 'single-source', 'es-corroborated': 'corroborated',
           'es-partly': 'partly-corroborated', 'es-single': 'single-source',
           'es-dateline': 'corroborated'}


def weighted(rng, kinds):
    total = sum(w for _, w in kinds)
    x = rng.random() * total
    for k, w in kinds:
        x -= w
        if x < 0:
            return k
    return kinds[-1][0]


class Gen:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.seeds = load_seeds(args.data)
        if not self.seeds:
            sys.exit('corpus.py: no texts under %s (see ../shared/data)' % args.data)
        self.en_seeds = [s for s in self.seeds if s.lang == 'en']
        self.es_seeds = [s for s in self.seeds if s.lang == 'es']
        self.vocab = {lang: vocabulary([x for x in self.seeds if x.lang == lang]) for lang in ('en', 'es')}
        self.en_out, self.es_out, self.wires = load_outlets(args.data)
        self.uses = {}  # seed id -> times used (a reused seed moves to another year)
        self.deal = {}  # seed id -> (shuffled sentence pools, next position in each)
        self.articles = []
        self.stories = []
        self.n_target = args.n
        self.url_seq = 0
        self.base_seed = args.seed

    def url(self, outlet, when, title):
        self.url_seq += 1
        slug = re.sub(r'[^a-z0-9]+', '-', title.lower())[:48].strip('-') or 'article'
        return 'https://%s/%04d/%02d/%02d/%s-%d' % (outlet['domain'], when.year, when.month,
                                                   when.day, slug, self.url_seq)

    def pick_outlets(self, pool, k, avoid=(), distinct_groups=True):
        rng = self.rng
        out, groups = [], set()
        for o in avoid:
            groups.add(o['group'] or o['name'])
        tries = 0
        while len(out) < k and tries < 200:
            tries += 1
            o = rng.choice(pool)
            g = o['group'] or o['name']
            if o in out or o in avoid or (distinct_groups and g in groups):
                continue
            groups.add(g)
            out.append(o)
        return out

    def article(self, story, outlet, when, sents, role, title, lang, **extra):
        text = '\n'.join(sents)
        a = {'url': self.url(outlet, when, title), 'outlet': outlet, 'published': when,
             'title': title, 'text': text, 'lang': lang, 'story': story['id'], 'seed': story['seed'],
             'role': role}
        a.update(extra)
        self.articles.append(a)
        story['articles'].append(a['url'])
        return a

    def copy_of(self, story, src, outlet, when, whole, own):
        """A whole (wire) copy of src, or a partial one: half of src's sentences plus own ones."""
        sents = src['text'].split('\n')
        if whole:
            body = list(sents)
        else:
            keep = max(3, len(sents) // 2)
            body = sents[:keep] + own
        title = src['title'] + (' — ' + outlet['name'] if whole else ' (update)')
        return self.article(story, outlet, when, body, 'copy' if whole else 'partial', title,
                            src['lang'], copies=src['url'], reuse='whole' if whole else 'partial',
                            echoes=src['outlet']['name'] if whole else None)

    def story(self):
        rng = self.rng
        es = rng.random() < 0.35 and self.es_seeds
        seed = rng.choice(self.es_seeds if es else self.en_seeds)
        use = self.uses.get(seed.sid, 0)
        self.uses[seed.sid] = use + 1
        lang = seed.lang
        kind = weighted(rng, ES_KINDS if es else EN_KINDS)
        sid = 's%06d' % len(self.stories)
        story = {'id': sid, 'seed': seed.sid, 'kind': kind, 'lang': lang,
                 'expected_verdict': VERDICT[kind], 'policy': 'latin-america' if es else 'default',
                 'articles': [], 'origins': []}
        self.stories.append(story)
        # Dates: seeds are reused in later years so one seed's stories do not overlap in time.
        base = datetime(2015, 1, 1, tzinfo=timezone.utc) + timedelta(
            days=(use * 400 + rng.randrange(300)) % 3650, minutes=rng.randrange(1440))
        # The seed's sentences are dealt out in one order across all its stories, so stories of
        # one seed share no sentence until the seed runs out (then the deal starts again).
        if seed.sid not in self.deal:
            pools = {'free': list(seed.free), 'cued': list(seed.cued)}
            for p in pools.values():
                rng.shuffle(p)
            self.deal[seed.sid] = (pools, {'free': 0, 'cued': 0})
        pools, pos = self.deal[seed.sid]

        # From the seed's second story on, its lower-case content words are respelled by a
        # mapping of the story's own (consistent within the story, so its articles still share
        # vocabulary), so a seed's stories do not copy each other's text at scale.
        respell = Respeller(self.vocab[lang], random.Random('%d/%s/%d' % (self.base_seed, seed.sid, use))) if use else None

        start = dict(pos)
        laps = {}

        def take(k, which='free'):
            pool = pools[which]
            if not pool:
                return []
            out = []
            for _ in range(min(k, len(pool))):
                x = pool[pos[which] % len(pool)]
                lap = (pos[which] - start[which]) // len(pool)
                if lap:  # the story has used up its seed: respell again, differently each lap
                    key = '%d/%s/%d/lap%d' % (self.base_seed, seed.sid, use, lap)
                    if key not in laps:
                        laps[key] = Respeller(self.vocab[lang], random.Random(key))
                    x = laps[key](x)
                elif respell:
                    x = respell(x)
                out.append(x)
                pos[which] += 1
            return out

        t = [base]

        def later(hours_max=30):
            t[0] = t[0] + timedelta(minutes=rng.randrange(20, hours_max * 60))
            return t[0]

        outlets = self.es_out if es else self.en_out
        def title_of(i, body):
            # The first article of a seed's first story carries the seed's headline; other
            # articles (and every article of the seed's later stories) a headline of their own,
            # from their first sentence (respelled like it). A later story that opened with the
            # seed's real headline verbatim, years on, with the same names, would be the same
            # happening to any editor, against the planted truth: 1,730 of the 1,929 revivals
            # measured at 10k (seed 1) were such first articles.
            return seed.title[:110] if i == 0 and not use else body[0][:80].rsplit(' ', 1)[0]
        mx_place = rng.choice(MX_PLACES)
        n_echo = min(int(rng.expovariate(1 / 2.5)), 12, max(0, (len(seed.free) - 8) // 3))
        n_copy = min(int(rng.expovariate(1 / 1.0)), 6)
        origins = []

        def origin(outlet, dateline=None, deny=False):
            own = [denying_sentence(rng, lang) if deny else asserting_sentence(rng, lang)]
            body = take(rng.randint(3, 5)) + take(rng.randint(2, 4), 'cued')
            rng.shuffle(body)
            body = body[:1] + own + body[1:]
            if es:
                body.insert(min(3, len(body)), 'Los hechos ocurrieron en %s, %s.' % (mx_place[1], 'México'))
            if dateline:
                body[0] = dateline + ' \u2014 ' + body[0]
            a = self.article(story, outlet, later(), body, 'denier' if deny else 'origin',
                             title_of(len(story['articles']), body), lang,
                             dateline=bool(dateline))
            if not deny:
                origins.append(a)
                story['origins'].append(a['url'])
            return a

        def echo(of):
            body = take(rng.randint(3, 5))
            body.insert(1, citing_sentence(rng, lang, of['outlet']['name']))
            if es:
                body.insert(min(3, len(body)), 'Los hechos ocurrieron en %s, %s.' % (mx_place[1], 'México'))
            cands = [o for o in outlets if o is not of['outlet']]
            return self.article(story, rng.choice(cands), later(), body, 'echo',
                                title_of(len(story['articles']), body), lang, echoes=of['outlet']['name'])

        if kind in ('single', 'alone', 'es-single'):
            origin(rng.choice(outlets))
            if kind == 'alone':
                n_echo = n_copy = 0
        elif kind == 'corroborated':
            for o in self.pick_outlets(outlets, rng.randint(2, 3)):
                origin(o)
        elif kind == 'same-owner':
            grouped = [o for o in outlets if o['group']]
            g = rng.choice(grouped)['group']
            for o in [o for o in outlets if o['group'] == g][:2]:
                origin(o)
        elif kind == 'wire':
            w = rng.choice([x for x in self.wires if x['lang'] == 'en'])
            origin(w, dateline='WASHINGTON (%s)' % (w.get('alias') or w['name']))
            n_copy = max(n_copy, 2)
        elif kind == 'disputed':
            a, b = self.pick_outlets(outlets, 2)
            origin(a)
            origin(b, deny=True)
        elif kind == 'unsourced':
            for o in self.pick_outlets(outlets, rng.randint(1, 3), distinct_groups=False):
                body = take(rng.randint(3, 6))
                self.article(story, o, later(), body, 'unsourced',
                             title_of(len(story['articles']), body), lang)
            n_echo = n_copy = 0
        elif kind == 'es-corroborated':
            for o in self.pick_outlets([o for o in outlets if o['country'] == 'MX'], 2):
                origin(o)
        elif kind == 'es-partly':
            a = self.pick_outlets([o for o in outlets if o['country'] == 'MX'], 1)
            b = self.pick_outlets([o for o in outlets if o['country'] in ('ES', 'AR', 'CO')], 1, avoid=a)
            origin(a[0])
            origin(b[0])
        elif kind == 'es-dateline':
            a = self.pick_outlets([o for o in outlets if o['country'] == 'MX'], 1)
            origin(a[0])
            w = [x for x in self.wires if x['lang'] == 'es'][0]
            origin(w, dateline='%s (%s)' % (mx_place[0], w['alias']))
        if origins:
            for _ in range(n_echo):
                echo(rng.choice(origins))
            copied_by = {}  # source url -> outlets that copied it (one copy per outlet and source)
            for _ in range(n_copy):
                src = rng.choice(origins)
                whole = kind == 'wire' or rng.random() < 0.6
                used = copied_by.setdefault(src['url'], [src['outlet']])
                cands = [o for o in outlets + self.wires if o['lang'] == lang and all(o is not u for u in used)]
                if not cands:
                    continue
                used.append(cands[0] if len(cands) == 1 else None)
                pick = rng.choice(cands)
                used[-1] = pick
                own = [] if whole else take(rng.randint(2, 3))
                self.copy_of(story, src, pick, later(), whole, own)
        return story

    def run(self):
        while len(self.articles) < self.n_target:
            self.story()
        # Trim the last story so exactly N articles come out, then order by publication.
        extra = len(self.articles) - self.n_target
        if extra:
            drop = set(a['url'] for a in self.articles[-extra:])
            del self.articles[-extra:]
            st = self.stories[-1]
            st['articles'] = [u for u in st['articles'] if u not in drop]
            st['origins'] = [u for u in st['origins'] if u not in drop]
            st['truncated'] = True
        self.articles.sort(key=lambda a: (a['published'], a['url']))


# --- output ----------------------------------------------------------------------------------

def write(gen, out, forms, batch):
    os.makedirs(out, exist_ok=True)
    write_registry(os.path.join(out, 'outlets.csv'), gen.en_out + gen.es_out + gen.wires)
    arts = gen.articles
    raw = 0
    for c in range(0, len(arts), batch):
        chunk = arts[c:c + batch]
        stem = 'articles-%05d' % (c // batch)
        if 'jsonl' in forms:
            with open(os.path.join(out, stem + '.jsonl'), 'w', encoding='utf-8') as f:
                for a in chunk:
                    f.write(json.dumps({'url': a['url'], 'outlet': a['outlet']['name'],
                                        'title': a['title'], 'text': a['text'],
                                        'published': rfc3339(a['published']), 'lang': a['lang']},
                                       ensure_ascii=False) + '\n')
        if 'warc' in forms:
            with open(os.path.join(out, stem + '.warc.gz'), 'wb') as f:
                for i, a in enumerate(chunk):
                    f.write(warc_record(a, c + i))
        if 'rss' in forms:
            with open(os.path.join(out, stem + '.rss'), 'w', encoding='utf-8') as f:
                f.write(rss(chunk))
        for a in chunk:
            raw += len(a['title'].encode()) + len(a['text'].encode())
    with open(os.path.join(out, 'truth-articles.jsonl'), 'w', encoding='utf-8') as f:
        for a in arts:
            f.write(json.dumps({'url': a['url'], 'story': a['story'], 'seed': a['seed'],
                                'role': a['role'], 'outlet': a['outlet']['name'], 'lang': a['lang'],
                                'published': rfc3339(a['published']),
                                'copies': a.get('copies'), 'reuse': a.get('reuse'),
                                'echoes': a.get('echoes'), 'dateline': a.get('dateline', False)},
                               ensure_ascii=False) + '\n')
    with open(os.path.join(out, 'truth-stories.jsonl'), 'w', encoding='utf-8') as f:
        for s in gen.stories:
            f.write(json.dumps(s, ensure_ascii=False) + '\n')
    return raw


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=10000, help='articles (default 10000)')
    ap.add_argument('--seed', type=int, default=1, help='random seed (default 1)')
    ap.add_argument('--out', required=True, help='output folder (under build/)')
    ap.add_argument('--data', default=DEFAULT_DATA, help='../shared/data')
    ap.add_argument('--forms', default='jsonl,warc,rss', help='jsonl,warc,rss (default all)')
    ap.add_argument('--batch', type=int, default=1000, help='articles per file (default 1000)')
    args = ap.parse_args()
    t0 = time.monotonic()
    gen = Gen(args)
    t1 = time.monotonic()
    gen.run()
    t2 = time.monotonic()
    raw = write(gen, args.out, args.forms.split(','), args.batch)
    t3 = time.monotonic()
    meta = {'n': len(gen.articles), 'stories': len(gen.stories), 'seed': args.seed,
            'seeds_available': len(gen.seeds), 'seeds_used': len(gen.uses),
            'raw_text_bytes': raw, 'batch': args.batch, 'forms': args.forms}
    with open(os.path.join(args.out, 'corpus.json'), 'w') as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write('\n')
    print('corpus.py: %d articles, %d stories (%d of %d seeds), raw text %.1f MB -> %s; '
          'load %.1fs, plan %.1fs, write %.1fs' % (len(gen.articles), len(gen.stories),
                                                   len(gen.uses), len(gen.seeds), raw / 1e6, args.out,
                                                   t1 - t0, t2 - t1, t3 - t2), file=sys.stderr)


if __name__ == '__main__':
    main()
