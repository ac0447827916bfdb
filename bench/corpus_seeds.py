#!/usr/bin/python3
"""The real texts of bench/corpus.py: each source text of ../shared/data becomes a Seed, its
sentences split into cue-free ones (no attribution cue, no quotation mark: usable by any article,
echoes included) and the rest (for origins only); and the Respeller that disguises a seed's
sentences in its later stories."""
import csv
import json
import os
import re

csv.field_size_limit(1 << 30)

SENT_SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1\u00bf\u00a1"\u201c])')
CUE_EN = re.compile(
    r"\b(said|says|say|saying|told|tell|tells|according|report|reports|reported|reporting|"
    r"stated|states|added|adds|noted|notes|announced|announces|claimed|claims|claim|explained|"
    r"wrote|writes|written|asked|asks|argued|argues|insisted|insists|denied|denies|deny|"
    r"confirmed|confirms|believes|believe|believed|think|thinks|thought|suggested|suggests|"
    r"warned|warns|acknowledged|admitted|tweeted|tweet|cited|cites|source|sources|spokesman|"
    r"spokeswoman|spokesperson|statement|interview|quoted|quote|described|describes|called|"
    r"calls|urged|urges|predicted|estimated|agreed|disagreed|questioned|responded|replied|"
    r"pointed|revealed|showed|shows|found|finds|knows|knew|feel|feels|felt|hopes|hoped|wants|"
    r"wanted|expects|expected|declared|vowed|promised|pledged|criticized|praised|blamed|"
    r"accused|alleged|alleges|recalled|recalls|emphasized|stressed|maintained|contended|"
    r"concluded|indicated|indicates|insisted|observed|explains|mentioned|remarked|commented|"
    r"according|via|poll|polls|survey)\b", re.I)
CUE_ES = re.compile(
    r"\b(dijo|dice|dicen|decir|seg[uú]n|inform[oó]|informa|afirm[oó]|afirma|declar[oó]|"
    r"declara|se[nñ]al[oó]|se[nñ]ala|explic[oó]|explica|asegur[oó]|asegura|indic[oó]|indica|"
    r"destac[oó]|agreg[oó]|a[nñ]adi[oó]|coment[oó]|manifest[oó]|expres[oó]|report[oó]|"
    r"public[oó]|acuerdo|mencion[oó]|sostuvo|advirti[oó]|anunci[oó]|confirm[oó]|neg[oó]|"
    r"precis[oó]|detall[oó]|apunt[oó]|subray[oó]|reconoci[oó]|fuente|fuentes|portavoz|"
    r"entrevista|comunicado|consider[oó]|cree|creen|opin[oó]|asever[oó]|acus[oó]|denunci[oó]|"
    r"critic[oó]|record[oó]|insisti[oó]|pidi[oó]|llam[oó]|escribi[oó]|tuit|redes)\b", re.I)
QUOTES = re.compile(r'["\u201c\u201d\u00ab\u00bb]')
DATELINE = re.compile(r'^[A-Z\u00c0-\u00dd][A-Z\u00c0-\u00dd .,\'-]{2,60}(\([^)]{1,30}\))?\s*[\u2014\u2013-]+\s*')


def split_sentences(text):
    out = []
    for para in re.split(r'\s*\n+\s*|\s+###\s+', text):
        para = DATELINE.sub('', para.strip())
        for s in SENT_SPLIT.split(para):
            s = ' '.join(s.split())
            if 40 <= len(s) <= 600:
                out.append(s)
    return out


FUNCTION_WORDS = set('''about also with that from more over been were have this they their will would
into some what when than them then which there just only very here where while your what'''.split())
POLNEAR_CUES = set()  # cue words (4+ letters, seen 20 times or more) of PolNeAR's train annotations


def load_polnear_cues(data):
    counts = {}
    d = os.path.join(data, 'polnear', 'data', 'train', 'attributions')
    if not os.path.isdir(d):
        return
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), encoding='utf-8') as f:
            for line in f:
                p = line.rstrip('\n').split('\t')
                if len(p) >= 3 and p[1].startswith('Cue'):
                    for w in re.findall(r'[a-z]{4,}', p[2].lower()):
                        counts[w] = counts.get(w, 0) + 1
    POLNEAR_CUES.update(w for w, c in counts.items() if c >= 20 and w not in FUNCTION_WORDS)


def cue_free(sentences, lang):
    """The sentences without an attribution cue (the regexes above; for English also every cue
    word of PolNeAR's annotations) or a quotation mark."""
    cue = CUE_ES if lang == 'es' else CUE_EN
    out = []
    for s in sentences:
        if cue.search(s) or QUOTES.search(s):
            continue
        if lang == 'en' and any(w in POLNEAR_CUES for w in re.findall(r'[a-z]{4,}', s.lower())):
            continue
        out.append(s)
    return out


WORD = re.compile(r"(?<!\w)[a-z\u00e0-\u00ff]{4,}(?!\w)")


def vocabulary(seeds):
    """Sorted lower-case words (4+ letters) of the seeds' cue-free sentences, cue words left out."""
    words = set()
    for s in seeds:
        for x in s.free:
            words.update(WORD.findall(x))
    return sorted(w for w in words if not CUE_EN.search(w) and not CUE_ES.search(w))


class Respeller:
    """Replaces each lower-case word of 4+ letters by one drawn for it (then kept) from vocab."""

    def __init__(self, vocab, rng):
        self.vocab, self.rng, self.map = vocab, rng, {}

    def _word(self, m):
        w = m.group(0)
        r = self.map.get(w)
        if r is None:
            r = self.map[w] = self.rng.choice(self.vocab)
        return r

    def __call__(self, sentence):
        return WORD.sub(self._word, sentence)


class Seed:
    """One real source text: the topic of the stories built from it."""
    __slots__ = ('sid', 'lang', 'title', 'free', 'cued')

    def __init__(self, sid, lang, title, sentences):
        self.sid, self.lang, self.title = sid, lang, title
        self.free = cue_free(sentences, lang)  # for any article
        free = set(self.free)
        self.cued = [s for s in sentences if s not in free]  # for origins only


def load_seeds(data):
    load_polnear_cues(data)
    seeds = []
    pol = os.path.join(data, 'polnear', 'data')
    for part in ('train', 'dev', 'annotator-training'):
        d = os.path.join(pol, part, 'text')
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), encoding='utf-8') as f:
                lines = f.read().split('\n', 1)
            body = lines[1] if len(lines) > 1 else ''
            seeds.append(Seed('polnear/' + name, 'en', lines[0].strip(), split_sentences(body)))
    gt = os.path.join(data, 'article-extraction-benchmark', 'ground-truth.json')
    if os.path.exists(gt):
        with open(gt, encoding='utf-8') as f:
            truth = json.load(f)
        for key in sorted(truth):
            body = truth[key].get('articleBody') or ''
            if re.search(r'[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff]', body):
                continue  # keep en/es-like Latin-script pages
            sents = split_sentences(body)
            seeds.append(Seed('aeb/' + key[:16], 'en', sents[0][:90] if sents else key, sents))
    for event in ('helsinki', 'census', 'spotify'):
        path = os.path.join(data, 'multi-outlet-events', event + '_articles.csv')
        if not os.path.exists(path):
            continue
        sents, seen = [], set()
        with open(path, encoding='utf-8', newline='') as f:
            for row in csv.DictReader(f):
                for s in split_sentences(row['text']):
                    if s not in seen:
                        seen.add(s)
                        sents.append(s)
        seeds.append(Seed('events/' + event, 'en', sents[0][:90] if sents else event, sents))
    es_pairs = {}
    for name in ('v1-2018-train', 'v1-2018-dev', 'v2-2021'):
        path = os.path.join(data, 'spanish-news', name + '.jsonl')
        if not os.path.exists(path):
            continue
        with open(path, encoding='utf-8') as f:
            for line in f:
                d = json.loads(line)
                es_pairs.setdefault((name, str(d['id'])), []).append(d)
    for key in sorted(es_pairs):
        items = es_pairs[key]
        sents = []
        for d in items:
            sents += split_sentences(d.get('text') or '')
        title = (items[0].get('headline') or '').strip() or key[1]
        seeds.append(Seed('es/%s/%s' % key, 'es', title, sents))
    return [s for s in seeds if len(s.free) >= 6]


