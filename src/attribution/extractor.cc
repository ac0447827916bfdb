// Attribution extraction. Steps, in order:
//  1. Tokenize the text once (folded tokens with byte offsets) and split it into sentences
//     (., !, ? before an upper-case start, abbreviations and initials excepted; newlines).
//  2. Match the cue lexicon over the token stream in one pass (CueMatcher).
//  3. For each cue, inside its sentence: find the clause left of the cue (back to the nearest
//     comma, quote, dash or clause word) and right of it, and choose the pattern:
//       "X said (that) C"            source = subject before, content after
//       "C, X said[, C2]"            source = subject before, content before (and after)
//       "“C,” said X"                source after (inverted), content before
//       "X, a spokesman, said C"     source = noun phrase + apposition
//       "according to X, C" / "C, according to X"
//       "reportedly" / "it was reported that C" (sourceless)
//     Contents that start or end inside a quotation are extended to the quotation's other end.
//  4. Classify and resolve the source (registry outlet, anonymous, official, document, person),
//     the stance, self-citation and the hyperlink. Dateline wire credits are added.
#include "attribution/extractor.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "attribution/coreference.h"
#include "attribution/credit_lines.h"
#include "attribution/cue_tagger.h"
#include "attribution/media_credits.h"
#include "attribution/source.h"
#include "attribution/spans.h"
#include "common/text.h"

namespace headwater::attribution {
namespace {

// `s` when it holds only spaces/tabs, else a non-empty view.
std::string_view TrimSpaceChars(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Words before a verb cue PolNeAR includes in the cue besides auxiliaries and adverbs:
// negated and modal auxiliaries ("don't necessarily tell", "must"), "have long said". Measured
// on PolNeAR train: each is inside the gold cue in at least 4 of 5 cases.
bool IsCueLeadWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "don't", "didn't", "doesn't", "hasn't", "haven't", "hadn't", "isn't", "wasn't",
      "aren't", "weren't", "wouldn't", "won't",  "can't",  "couldn't", "shouldn't", "must",
      "may",   "be",     "long",    "further"};
  return kWords.count(w) > 0;
}

class Finder {
 public:
  Finder(std::string_view text, const Options& o, const std::vector<Token>& toks)
      : text_(text), opt_(o), tok_(toks) {}

  std::string_view Gap(size_t k, const Sentence& s) const {
    uint32_t b = k > s.tok_begin ? tok_[k - 1].end : s.begin;
    uint32_t e = k < s.tok_end ? tok_[k].begin : s.end;
    if (e == b + 1 && (text_[b] == ',' || text_[b] == '.') && k > s.tok_begin &&
        k < s.tok_end && std::isdigit(static_cast<unsigned char>(text_[b - 1])) &&
        std::isdigit(static_cast<unsigned char>(text_[e])))
      return std::string_view();  // "41,000", "3.5"
    return e > b ? text_.substr(b, e - b) : std::string_view();
  }

  void Add(std::vector<Span>* v, uint32_t b, uint32_t e) const {
    if (e <= b) return;
    Span s = Trim(text_, {b, e});
    if (s.end > s.begin) v->push_back(s);
  }

  // Extends a content that closes a quotation back to the quotation's opening mark.
  uint32_t QuoteStartBefore(uint32_t begin, uint32_t end) const {
    std::string_view c = text_.substr(begin, end - begin);
    size_t close = c.rfind("\xE2\x80\x9D");
    size_t open = c.rfind("\xE2\x80\x9C");
    bool curly_open_missing = close != c.npos && (open == c.npos || open > close);
    bool straight_odd = CountStraightQuotes(c) % 2 == 1;
    if (!curly_open_missing && !straight_odd) return begin;
    size_t limit = begin > uint32_t(opt_.max_quote_bytes) ? begin - opt_.max_quote_bytes : 0;
    for (size_t i = begin; i > limit; --i) {
      if (text_[i - 1] == '\n' && i < begin) {
        // Cross a paragraph break only into a paragraph that opens with a quote.
        if (!(IsOpenQuoteAt(text_, i) || text_[i] == '"' || text_[i] == '\'')) break;
      }
      if (curly_open_missing) {
        if (i >= 3 && IsOpenQuoteAt(text_, i - 3)) return uint32_t(i - 3);
      } else {
        if (text_[i - 1] == '"') return uint32_t(i - 1);
        if (i >= 2 && text_[i - 1] == '\'' && text_[i - 2] == '\'') return uint32_t(i - 2);
      }
    }
    return begin;
  }

  // Extends a content that opens a quotation forward to its closing mark.
  uint32_t QuoteEndAfter(uint32_t begin, uint32_t end) const {
    std::string_view c = text_.substr(begin, end - begin);
    size_t open = c.rfind("\xE2\x80\x9C");
    size_t close = c.rfind("\xE2\x80\x9D");
    bool curly_close_missing = open != c.npos && (close == c.npos || close < open);
    bool straight_odd = CountStraightQuotes(c) % 2 == 1;
    if (!curly_close_missing && !straight_odd) return end;
    size_t limit = std::min(text_.size(), size_t(end) + opt_.max_quote_bytes);
    for (size_t i = end; i < limit; ++i) {
      if (text_[i] == '\n') break;
      if (curly_close_missing) {
        if (IsCloseQuoteAt(text_, i)) return uint32_t(i + 3);
      } else {
        if (text_[i] == '"') return uint32_t(i + 1);
        if (text_[i] == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') return uint32_t(i + 2);
      }
    }
    return end;
  }

  // The quotation that ends right before `pos` (only white space between), or an empty span.
  Span QuoteEndingBefore(uint32_t pos) const {
    size_t i = pos;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    size_t mark = 0;
    if (i >= 3 && IsCloseQuoteAt(text_, i - 3)) mark = 3;
    else if (i >= 2 && text_[i - 1] == '\'' && text_[i - 2] == '\'') mark = 2;
    else if (i >= 1 && text_[i - 1] == '"') mark = 1;
    if (!mark) return {};
    uint32_t close = uint32_t(i - mark);
    uint32_t open = QuoteStartBefore(close, uint32_t(i));
    if (open >= close) return {};
    return {open, uint32_t(i)};
  }

  // The quotation that opens the sentence after `s` ("…,” he said. “More.”), or an empty span.
  Span NextSentenceQuote(uint32_t after) const {
    size_t i = after;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    if (i >= text_.size()) return {};
    bool curly = IsOpenQuoteAt(text_, i);
    size_t n = curly ? 3 : text_[i] == '"' ? 1 : StartsWith(text_, i, "''") || StartsWith(text_, i, "``") ? 2 : 0;
    if (n == 0) return {};
    size_t limit = std::min(text_.size(), i + opt_.max_quote_bytes);
    for (size_t j = i + n; j < limit; ++j) {
      if (text_[j] == '\n') break;
      if (curly ? IsCloseQuoteAt(text_, j) : n == 1 ? text_[j] == '"' : StartsWith(text_, j, "''")) {
        return {uint32_t(i), uint32_t(j + (curly ? 3 : n))};
      }
    }
    return {};
  }

  std::string_view text_;
  const Options& opt_;
  const std::vector<Token>& tok_;
};

// Whether a Spanish/Portuguese source span can be a subject noun phrase: it must not start with
// a preposition, conjunction, clitic or "-mente" adverb; a source after the cue ("…, dijo X")
// must start with a capital, a determiner or a pronoun; a lone lower-case participle or adverb
// before the cue ("convencido") is not a source.
// Where a Spanish/Portuguese subject noun phrase starts inside `src`, or src.end when `src`
// holds none. Tried from the start of `src` and then after each comma inside it ("Tras la
// reunión, el alcalde de la ciudad, Ana Ruiz, anunció"); at each try, leading sentence
// adverbs and conjunctions are skipped ("Ahora el ministerio" -> "el ministerio"), and a leading
// prepositional phrase is skipped up to a capital or a determiner that does not follow a
// preposition ("en una rueda de prensa la ministra …", "Ante las críticas el
// portavoz …"; but "Sobre el tema afirmó" has no subject). A lone lower-case participle or adverb
// ("dijo convencido") is not a subject.
// In Portuguese (`portuguese`) "a"/"as" are also articles ("A prefeita disse").
uint32_t RomanceSubjectStart(std::string_view text, const std::vector<Token>& tok, Span src,
                             bool portuguese = false) {
  auto first = std::lower_bound(tok.begin(), tok.end(), src.begin,
                                [](const Token& t, uint32_t b) { return t.begin < b; });
  auto in = [&](std::vector<Token>::const_iterator it) {
    return it != tok.end() && it->begin < src.end;
  };
  auto upper = [&](std::vector<Token>::const_iterator it) {
    size_t pos = it->begin;
    return IsUpperCase(DecodeUtf8(text, &pos));
  };
  auto is_adverb = [](const std::string& w) {
    return IsRomanceLeadWord(w) || (w.size() > 6 && w.compare(w.size() - 5, 5, "mente") == 0);
  };
  auto try_from = [&](std::vector<Token>::const_iterator it) -> uint32_t {
    while (in(it) && is_adverb(it->folded)) ++it;
    if (!in(it)) return src.end;
    if (IsRomanceClitic(it->folded)) return src.end;
    if (portuguese && (it->folded == "a" || it->folded == "as") && in(it + 1)) return it->begin;
    // A capitalised preposition before another capital is a surname: "Del Castillo".
    bool surname = upper(it) && in(it + 1) && upper(it + 1) && it != first;
    if (IsRomanceNonSubject(it->folded) && !surname) {
      // Skip a prepositional phrase.
      auto start = it;
      for (++it; in(it) && it - start < 10; ++it) {
        const std::string& prev = (it - 1)->folded;
        if (IsRomanceNonSubject(prev) || IsRomanceDeterminer(prev)) continue;
        if (upper(it) || IsRomanceDeterminer(it->folded)) return it->begin;
      }
      return src.end;
    }
    const std::string& w = it->folded;
    bool single = !in(it + 1);
    if (single && !upper(it)) {
      auto ends = [&](std::string_view suf) {
        return w.size() > suf.size() + 2 &&
               w.compare(w.size() - suf.size(), suf.size(), suf) == 0;
      };
      if (IsAdverb(w) || ends("ado") || ends("ido") || ends("ada") || ends("ida") || ends("nte"))
        return src.end;
    }
    return it->begin;
  };
  for (auto it = first; in(it); ++it) {
    if (it != first) {
      std::string_view gap = text.substr((it - 1)->end, it->begin - (it - 1)->end);
      if (gap.find(',') == gap.npos) continue;
    }
    uint32_t start = try_from(it);
    if (start < src.end) return start;
  }
  return src.end;
}

// Byte ranges inside quotations (between an opening and its closing mark), paragraph by
// paragraph: curly quotes nest by count, straight '"' and doubled "''" / "``" toggle.

}  // namespace

Extractor::Extractor(Options options) : options_(options) {}

std::vector<Attribution> Extractor::Extract(std::string_view text, const Context& ctx) const {
  return ExtractImpl(text, ctx, nullptr);
}

std::vector<Attribution> Extractor::ExtractCandidates(std::string_view text, const Context& ctx,
                                                      std::vector<Candidate>* candidates) const {
  candidates->clear();
  return ExtractImpl(text, ctx, candidates);
}

std::vector<Attribution> Extractor::ExtractImpl(std::string_view text, const Context& ctx,
                                                std::vector<Candidate>* candidates) const {
  std::vector<Attribution> out;
  std::vector<Token> tok = Tokenize(text);
  if (tok.empty()) return out;
  std::vector<Sentence> sents = SplitSentences(text, tok);
  std::vector<size_t> sent_of(tok.size(), 0);
  for (size_t si = 0; si < sents.size(); ++si)
    for (size_t t = sents[si].tok_begin; t < sents[si].tok_end; ++t) sent_of[t] = si;
  Finder f(text, options_, tok);
  const size_t max_src = size_t(std::max(1, options_.max_source_tokens));
  const std::vector<Span> quoted = QuotedRegions(text);
  std::vector<CueMatch> matches = matcher_.Match(tok, LangMask(ctx.lang), text);
  // Spanish "según informó X", "de acuerdo con lo que dijo X": a credit followed by a speech
  // verb is one cue whose source follows it. Merged here rather than listed in the lexicon, so
  // "de" does not lead a thousand entries.
  std::vector<CueEntry> merged_entries;
  if (LangMask(ctx.lang) & kLangEs) {
    merged_entries.reserve(matches.size());
    std::vector<CueMatch> kept;
    for (size_t i = 0; i < matches.size(); ++i) {
      const CueMatch& m = matches[i];
      const CueEntry& e = *m.entry;
      size_t next = m.first + m.count;
      const bool credit = e.kind == CueKind::kAccordingTo && (e.langs & kLangEs) &&
                          !(e.langs & kLangEn) && (e.words[0] == "segun" || e.words[0] == "de");
      if (credit && i + 1 < matches.size()) {
        size_t at = next;
        if (at + 1 < tok.size() && tok[at].folded == "lo" && tok[at + 1].folded == "que") at += 2;
        const CueMatch& v = matches[i + 1];
        if (v.first == at && v.entry->kind == CueKind::kVerb && !v.entry->denies &&
            (v.entry->langs & kLangEs) && !(v.entry->langs & kLangEn)) {
          CueEntry joined = e;
          for (size_t t = next; t < v.first + v.count; ++t) joined.words.push_back(tok[t].folded);
          joined.accented.clear();
          merged_entries.push_back(std::move(joined));
          kept.push_back({m.first, v.first + v.count - m.first, &merged_entries.back()});
          ++i;
          continue;
        }
      }
      kept.push_back(m);
    }
    matches.swap(kept);
  }
  // Where each cue came from: the lexicon, the filter model's candidate words, or the tagger.
  enum : uint8_t { kFromLexicon, kFromCandidate, kFromTagger };
  std::vector<uint8_t> origin(matches.size(), kFromLexicon);
  // The learned filter scores each candidate by its cue's last token and its spans.
  const CueModel* model = nullptr;
  const CueModel* tagger = nullptr;
  std::vector<std::vector<std::string>> cue_feats;
  std::vector<CueEntry> tagged_entries;  // entries of the tagger's multi-token proposals
  if (ctx.lang == "en") {
    if (options_.use_cue_model) {
      model = options_.cue_model ? options_.cue_model : &CueModel::English();
      if (model->empty() && !candidates) model = nullptr;
    }
    if (options_.use_cue_tagger && options_.cue_tag_threshold <= 1.0) {
      tagger = options_.cue_tagger ? options_.cue_tagger : &EnglishCueTagger();
      if (tagger->empty()) tagger = nullptr;
    }
  }
  if (model || tagger) {
    // Candidate cues where the lexicon has none; the filter keeps them only above
    // cue_add_threshold.
    std::vector<CueMatch> extra;
    std::vector<bool> covered = CoveredByCues(tok, matches);
    if (model && !model->candidates().empty()) {
      for (size_t i = 0; i < tok.size(); ++i) {
        if (covered[i]) continue;
        if (const CueEntry* e = model->Candidate(tok[i].folded)) {
          extra.push_back({i, 1, e});
          covered[i] = true;
        }
      }
    }
    std::vector<bool> wanted(tok.size(), false);
    std::vector<size_t> tag_tokens;
    if (tagger) {
      tag_tokens = TaggerTokens(*tagger, tok, covered);
      for (size_t i : tag_tokens) wanted[i] = true;
    }
    for (const CueMatch& m : matches) wanted[m.first + m.count - 1] = true;
    for (const CueMatch& m : extra) wanted[m.first + m.count - 1] = true;
    cue_feats = CueFeatures({text, &tok, &sents, &quoted, &matches}, &wanted);
    const size_t n_candidates = extra.size();
    if (tagger) {
      std::vector<TaggedCue> tagged =
          TagCues(*tagger, cue_feats, tag_tokens, options_.cue_tag_threshold);
      tagged_entries.reserve(tagged.size());
      for (const TaggedCue& t : tagged) {
        const CueEntry* e = tagger->Candidate(tok[t.first].folded);
        if (t.count > 1) {  // one entry for the run: the first word's kind, all its words
          CueEntry run = *e;
          for (size_t k = 1; k < t.count; ++k) run.words.push_back(tok[t.first + k].folded);
          tagged_entries.push_back(std::move(run));
          e = &tagged_entries.back();
        }
        extra.push_back({t.first, t.count, e});
      }
    }
    if (!extra.empty()) {
      std::vector<std::pair<CueMatch, uint8_t>> all;
      all.reserve(matches.size() + extra.size());
      for (const CueMatch& m : matches) all.push_back({m, kFromLexicon});
      for (size_t i = 0; i < extra.size(); ++i)
        all.push_back({extra[i], i < n_candidates ? kFromCandidate : kFromTagger});
      std::stable_sort(all.begin(), all.end(),
                       [](const auto& x, const auto& y) { return x.first.first < y.first.first; });
      matches.clear();
      origin.clear();
      for (const auto& [m, o] : all) matches.push_back(m), origin.push_back(o);
    }
  }
  std::vector<Span> last_src;  // source of the previous attribution, for participles
  const Sentence* last_sentence = nullptr;

  for (size_t mi = 0; mi < matches.size(); ++mi) {
    const CueMatch& m = matches[mi];
    const Sentence& s = sents[sent_of[m.first]];
    const CueEntry& e = *m.entry;
    size_t a = m.first, b = m.first + m.count;
    const size_t head = b - 1;  // the cue's last token as matched (the filter's features)
    if (a < s.tok_begin || b > s.tok_end) continue;  // token straddles a sentence cut
    // Spanish/Portuguese-only cue: pro-drop subjects, clitics and determiners differ.
    const bool romance = !(e.langs & kLangEn);
    const bool portuguese = e.langs == kLangPt;
    if (romance && e.kind == CueKind::kVerb && a > s.tok_begin && !GapHasBoundary(f.Gap(a, s))) {
      const std::string& prev = tok[a - 1].folded;
      // "la denuncia", "en alerta": a noun; "no ha revelado": nothing is attributed.
      if (IsRomanceDeterminer(prev) || prev == "no" || prev == "nunca" || prev == "ni" ||
          prev == "en" || prev == "de" || prev == "por" || prev == "con" || prev == "sin" ||
          prev == "para")
        continue;
      // Reflexive "se": "se negaron a" (refused), "se ha destacado por" (stood out), "se
      // manifestaron" (demonstrated); the impersonal "se dice" is a lexicon phrase.
      size_t q = a;
      if (q > s.tok_begin + 1 && IsAuxiliary(prev) && !GapHasBoundary(f.Gap(q - 1, s))) --q;
      const std::string& before = tok[q - 1].folded;
      if (before == "se" || (q < a && (before == "no" || before == "nunca"))) continue;
    }
    if (romance && e.kind == CueKind::kPassive && a > s.tok_begin && !GapHasBoundary(f.Gap(a, s))) {
      // "no se dice nada": nothing is attributed.
      const std::string& prev = tok[a - 1].folded;
      if (prev == "no" || prev == "nunca" || prev == "ni") continue;
    }
    if (romance && e.kind == CueKind::kPassive && b + 1 < s.tok_end &&
        (tok[b].folded == "del" || (tok[b].folded == "de" && tok[b + 1].folded != "que")))
      continue;  // "se informó del problema": a topic, not a content
    if (romance && e.kind == CueKind::kVerb && b < s.tok_end && tok[b].folded == "con" &&
        (e.words.back() == "cuentan" || e.words.back() == "conto" || e.words.back() == "contaron"))
      continue;  // "cuentan con": have, not tell
    if (romance && e.kind == CueKind::kAccordingTo && e.words[0] == "segun") {
      // "varían según el municipio", "según parece": "depending on" or a hedge, not a credit.
      // An attributing "según" opens its clause ("…, según la NASA", "pero según X").
      if (e.words.size() == 1 && b < s.tok_end &&
          (tok[b].folded == "parece" || tok[b].folded == "se"))
        continue;
      size_t pos = tok[a].begin;
      std::string_view gap = f.Gap(a, s);
      if (a > s.tok_begin && !GapHasBoundary(gap) && gap.find_first_of(".?!)") == gap.npos &&
          !IsUpperCase(DecodeUtf8(text, &pos)) && !IsClauseWord(tok[a - 1].folded) &&
          !IsRomanceLeadWord(tok[a - 1].folded) && tok[a - 1].folded != "pues")
        continue;
    }
    if (romance && e.kind == CueKind::kAccordingTo && e.words.size() == 3 && e.words[0] == "con" &&
        e.words[1] == "informacion" && b < s.tok_end) {
      // "Con información de El Universal" credits a medium; "con información de espacios" does
      // not.
      size_t pos = tok[b].begin;
      if (!IsUpperCase(DecodeUtf8(text, &pos)) && !IsRomanceDeterminer(tok[b].folded)) continue;
    }
    // "segundo"/"citing" need a noun phrase after them.
    if ((e.words[0] == "segundo" && e.words.size() == 1) && b < s.tok_end) {
      const Token& nx = tok[b];
      size_t pos = nx.begin;
      char32_t cp = DecodeUtf8(text, &pos);
      static const std::unordered_set<std::string_view> kDet = {
          "o", "a", "os", "as", "fontes", "fonte", "um", "uma", "dados", "informacoes"};
      if (!IsUpperCase(cp) && !kDet.count(nx.folded)) continue;
    }
    // Speech reported inside a quotation is rarely an attribution of the article's own.
    if (options_.skip_quoted_cues && InRegions(quoted, tok[a].begin)) continue;
    // A verb cue right after "to" or a determiner is an infinitive or a noun ("a warning").
    if (e.kind == CueKind::kVerb && a > s.tok_begin && !GapHasBoundary(f.Gap(a, s)) &&
        IsNonFiniteMarker(tok[a - 1].folded))
      continue;
    uint32_t cue_begin = tok[a].begin, cue_end = tok[b - 1].end;
    size_t a_src = a;  // first token of the cue including auxiliaries
    if (options_.include_auxiliaries && e.kind == CueKind::kVerb) {
      // A capitalised word stops the extension, except in a title-case headline ("Obama Just
      // Nominated").
      const bool title_case = text[tok[a].begin] >= 'A' && text[tok[a].begin] <= 'Z';
      for (int n = 0; n < 3 && a_src > s.tok_begin; ++n) {
        unsigned char c0 = text[tok[a_src - 1].begin];
        const std::string& w = tok[a_src - 1].folded;
        if (!(IsAuxiliary(w) || IsAdverb(w) || IsCueLeadWord(w)) ||
            GapHasBoundary(f.Gap(a_src, s)) || (c0 >= 'A' && c0 <= 'Z' && !title_case))
          break;
        --a_src;
      }
      cue_begin = tok[a_src].begin;
    }
    if (options_.include_particles && e.kind == CueKind::kVerb && b < s.tok_end &&
        IsCueParticle(tok[b].folded) && !GapHasBoundary(f.Gap(b, s))) {
      // "asked about", "lashed out", "argued against": PolNeAR puts the particle in the cue.
      ++b;
      cue_end = tok[b - 1].end;
    }
    if (romance && e.kind == CueKind::kVerb) {
      // Clitics ("nos dijo", "le aseguró", "también le dijo") stand between the subject and
      // the verb but belong to neither.
      size_t c = a_src;
      while (c > s.tok_begin && !GapHasBoundary(f.Gap(c, s)) &&
             (IsRomanceClitic(tok[c - 1].folded) || IsAdverb(tok[c - 1].folded) ||
              IsAuxiliary(tok[c - 1].folded)))
        --c;
      bool has_clitic = false;
      for (size_t t = c; t < a_src; ++t) has_clitic |= IsRomanceClitic(tok[t].folded);
      if (has_clitic) a_src = c;
    }
    if (e.words[0] == "when" && m.count > 1) cue_begin = tok[a + 1].begin;  // "when asked"
    // A clitic "'s" on the word before belongs to the cue ("Trump's said", "Cruz's claim").
    uint32_t subj_end = a_src > s.tok_begin ? tok[a_src - 1].end : 0;
    if (e.kind == CueKind::kVerb && a_src > s.tok_begin && !GapHasBoundary(f.Gap(a_src, s))) {
      const Token& pt = tok[a_src - 1];
      std::string_view raw = text.substr(pt.begin, pt.end - pt.begin);
      size_t clitic = 0;
      if (raw.size() > 2 && raw.compare(raw.size() - 2, 2, "'s") == 0) clitic = 2;
      if (raw.size() > 4 && raw.compare(raw.size() - 4, 4, "\xE2\x80\x99s") == 0) clitic = 4;
      if (clitic) {
        subj_end = pt.end - clitic;
        cue_begin = subj_end;
      }
    }
    // Left clause [k, a_src) and right clause [b, r).
    size_t k = a_src;
    while (k > s.tok_begin && !GapHasBoundary(f.Gap(k, s))) --k;
    size_t r = b;
    while (r < s.tok_end && !GapHasBoundary(f.Gap(r, s))) ++r;

    Attribution at;
    std::vector<Span> src, content;
    bool quoted_before = false;  // the content is a quotation before the source
    bool clause_ends = b == s.tok_end || GapHasBoundary(f.Gap(b, s));
    auto content_after_from = [&](size_t from) {
      if (from >= s.tok_end) return;
      uint32_t cb = tok[from].begin;
      f.Add(&content, cb, f.QuoteEndAfter(cb, s.end));
    };
    auto content_before = [&](uint32_t end) {
      if (end <= s.begin) return;
      f.Add(&content, f.QuoteStartBefore(s.begin, end), end);
    };

    if (e.kind == CueKind::kVerb) {
      size_t l = k;
      for (size_t j = a_src; j > k; --j) {
        // A relative clause inside the subject stays in it ("Hawkins and others who want to
        // ban abortion said"); a relative pronoun right before the verb is handled below.
        if (IsRelativePronoun(tok[j - 1].folded) && j < a_src && j - 1 > k) continue;
        if (IsClauseWord(tok[j - 1].folded)) {
          l = j;
          break;
        }
      }
      if (a_src - l > max_src) l = a_src - max_src;
      while (a_src - l > 1 && IsTemporalWord(tok[l].folded)) ++l;
      auto is_conj = [&](size_t t) {
        const std::string& w = tok[t].folded;
        return w == "and" || w == "but" || w == "or" || w == "then" || w == "y" || w == "e" ||
               w == "pero" || w == "mas";
      };
      bool adverbs_only = l < a_src;
      for (size_t t = l; t < a_src && adverbs_only; ++t) adverbs_only = IsAdverb(tok[t].folded);
      bool only_conj = (l < a_src && is_conj(a_src - 1)) || adverbs_only ||
                       (l == a_src && a_src > s.tok_begin && is_conj(a_src - 1) &&
                        !GapHasBoundary(f.Gap(a_src, s)));
      // "who (has) (openly) opposed": the relative pronoun is the source.
      size_t pr = a_src;
      while (pr > s.tok_begin && !GapHasBoundary(f.Gap(pr, s)) &&
             (IsAdverb(tok[pr - 1].folded) || IsAuxiliary(tok[pr - 1].folded)))
        --pr;
      if (romance)
        while (pr > s.tok_begin && !GapHasBoundary(f.Gap(pr, s)) &&
               (IsRomanceClitic(tok[pr - 1].folded) ||
                (IsRomanceLeadWord(tok[pr - 1].folded) && tok[pr - 1].folded != "que")))
          --pr;
      bool relative = pr > s.tok_begin && !GapHasBoundary(f.Gap(pr, s)) &&
                      (IsRelativePronoun(tok[pr - 1].folded) || tok[pr - 1].folded == "that");
      // Spanish "N(,) que dijo que C": "que" is the subject when it follows a noun (not "lo
      // que", not a verb) and the verb has a content of its own ("que", a quotation, a colon).
      bool romance_relative = false;
      if (romance && !relative && pr > s.tok_begin + 1 && tok[pr - 1].folded == "que" &&
          !GapHasBoundary(f.Gap(pr, s)) && b < s.tok_end &&
          (tok[b].folded == "que" || GapHas(f.Gap(b, s), ':') || GapHasQuote(f.Gap(b, s)))) {
        const std::string& w = tok[pr - 2].folded;
        std::string_view g = f.Gap(pr - 1, s);
        bool noun_before =
            !(w == "lo" || w == "es" || w == "y" || IsRomanceClitic(w) || IsClauseWord(w) ||
              IsRomanceNonSubject(w) || matcher_.Match({tok[pr - 2]}, kLangEs).size() > 0);
        if (noun_before && (!GapHasBoundary(g) || g.find(',') != g.npos)) romance_relative = true;
      }
      relative |= romance_relative;
      // "were highlighted (by X)": a passive verb's subject is what was said, not who said it.
      bool passive = false;
      for (size_t t = a_src; t < a; ++t) passive |= IsBeForm(tok[t].folded);
      passive = passive && LooksLikeParticiple(e.words.back());
      std::string_view gap_before = f.Gap(a_src, s);
      bool participle = e.words[0].size() > 4 &&
                        e.words[0].compare(e.words[0].size() - 3, 3, "ing") == 0 &&
                        (l == a_src || only_conj) && a_src > s.tok_begin;
      // Spanish/Portuguese gerunds ("…, afirmando que C", "se defiende diciendo que C") never
      // follow their subject directly: the clause's or the sentence's subject speaks.
      const std::string& head_word = e.words.back();
      const bool romance_gerund = romance && a_src > s.tok_begin && l < a_src &&
                                  head_word.size() > 5 &&
                                  (head_word.compare(head_word.size() - 4, 4, "ando") == 0 ||
                                   head_word.compare(head_word.size() - 5, 5, "iendo") == 0);
      if (romance_gerund && !(last_src.empty() || last_sentence != &s)) {
        participle = true;
      } else if (romance_gerund) {
        // The clause's subject: from the clause start to its first auxiliary, clitic or verb.
        size_t u = l;
        while (u < a_src && !IsAuxiliary(tok[u].folded) && !IsRomanceClitic(tok[u].folded) &&
               !IsBeForm(tok[u].folded) && u - l < max_src)
          ++u;
        if (u > l && u < a_src) {
          Span cand{tok[l].begin, tok[u - 1].end};
          if (RomanceSubjectStart(text, tok, cand, portuguese) == cand.begin) {
            last_src = {cand};
            last_sentence = &s;
          }
        }
        participle = true;
      }
      bool quote_before = GapHasQuote(gap_before);
      if (passive && !relative) {
        size_t by = b;
        while (by < std::min(s.tok_end, b + 12) && tok[by].folded != "by") ++by;
        if (by + 1 < s.tok_end && tok[by].folded == "by") {
          size_t re = by + 1;
          while (re < s.tok_end && re - by <= max_src && !GapHasBoundary(f.Gap(re, s))) ++re;
          f.Add(&src, tok[by + 1].begin, tok[re - 1].end);
        }
        if (l < a_src) f.Add(&content, tok[l].begin, subj_end);
        if (content.empty() || (src.empty() && !options_.sourceless_cues)) continue;
      } else if (b < s.tok_end && tok[b].folded == "by" && r > b + 1 && !participle) {
        // Passive with an agent: "was first reported by X", "encouraged by X".
        f.Add(&src, tok[b + 1].begin, tok[std::min(r, b + 1 + max_src) - 1].end);
        content_before(tok[l < a_src ? l : a_src].begin);
        if (content.empty() && r < s.tok_end) content_after_from(r);
      } else if (relative) {
        // "Broaddrick, who said C": PolNeAR marks the relative pronoun as the source.
        f.Add(&src, tok[pr - 1].begin, tok[pr - 1].end);
        content_after_from(b);
      } else if (participle || only_conj) {
        // "…, adding that C" / "… and has promised C": the subject of the sentence speaks.
        if (!last_src.empty() && last_sentence == &s) {
          src = last_src;
        } else {
          size_t t = s.tok_begin;
          while (t < a_src && (IsTemporalWord(tok[t].folded) || IsClauseWord(tok[t].folded))) ++t;
          // The sentence's subject: up to the first boundary or auxiliary.
          size_t u = t;
          while (u < a_src && u - t < max_src && (u == t || !GapHasBoundary(f.Gap(u, s))) &&
                 !IsAuxiliary(tok[u].folded) && !IsBeForm(tok[u].folded))
            ++u;
          if (u > t) f.Add(&src, tok[t].begin, tok[u - 1].end);
        }
        content_after_from(b);
      } else if (l < a_src) {
        f.Add(&src, tok[l].begin, subj_end);
        bool before_exists = k > s.tok_begin && l == k;
        bool quote_ends_before = before_exists && GapHasQuote(f.Gap(k, s));
        // "C, X warned on Wednesday." / "C, a spokesman told the Journal.": a short tail
        // without "that" or a quotation leaves the content before the source.
        bool short_tail = e.needs_object && before_exists && s.tok_end - b <= 6;
        for (size_t t = b; t < s.tok_end && short_tail; ++t) {
          size_t pos = tok[t].begin;
          short_tail = (IsUpperCase(DecodeUtf8(text, &pos)) || tok[t].folded == "reporters" ||
                        tok[t].folded == "the") &&
                       !GapHasQuote(f.Gap(t, s));
        }
        Span prev_quote = (l == s.tok_begin && (clause_ends || s.tok_end - b <= 6))
                              ? f.QuoteEndingBefore(s.begin)
                              : Span{};
        if (prev_quote.end > prev_quote.begin) {
          // "“… child?” Rubio said." — the sentence split after the quotation.
          f.Add(&content, prev_quote.begin, prev_quote.end);
          quoted_before = true;
        } else if (quote_ends_before || short_tail) {
          content_before(tok[k].begin);
          quoted_before = true;
        } else if (clause_ends && before_exists) {
          content_before(tok[k].begin);
          if (r < s.tok_end && b < s.tok_end) content_after_from(r);
        } else {
          size_t from = b;
          if (e.needs_object) {
            for (size_t j = b; j < std::min(r, b + 8); ++j)
              if (tok[j].folded == "that" || tok[j].folded == "que") {
                from = j;
                break;
              }
          }
          content_after_from(from);
        }
      } else if (a_src > s.tok_begin || GapHasBoundary(gap_before)) {
        // Walk back over comma-separated segments: "X, a spokesman for Y, said".
        size_t j = a_src, segs = 0;
        bool apposition = false;
        // "C, said Dan Gerstein, director of …": a capitalised name right after the verb.
        bool name_after = r > b && r - b <= 6 && (r == s.tok_end || GapHas(f.Gap(r, s), ','));
        for (size_t t = b; t < r && name_after; ++t) {
          size_t pos = tok[t].begin;
          const std::string& w = tok[t].folded;
          name_after = IsUpperCase(DecodeUtf8(text, &pos)) ? !IsPronoun(w)
                                                           : (w == "of" || w == "de" || w == "and");
        }
        std::string_view tail =
            r == s.tok_end && r > b ? text.substr(tok[r - 1].end, s.end - tok[r - 1].end) : "";
        if (romance && !name_after && r > b && r == s.tok_end && r - b <= 14 &&
            tail.find(':') == tail.npos && IsRomanceDeterminer(tok[b].folded) &&
            tok[b].folded != "un" && tok[b].folded != "una" && tok[b].folded != "unos" &&
            tok[b].folded != "unas") {
          // "C, informó la Procuraduría General de Justicia del Estado.": a noun phrase that
          // ends the sentence right after the verb is its subject.
          name_after = true;
          for (size_t t = b; t < r && name_after; ++t)
            name_after = tok[t].folded != "que" && !IsRomanceClitic(tok[t].folded);
        }
        // After a closing quote the verb is usually inverted ("“C,” said X"); when the clause
        // after it is too long for a source, the quote ends an apposition instead.
        size_t inverted_max = quote_before ? 12 : 6;
        bool long_after =
            !(r > b && (r - b <= inverted_max || (r == s.tok_end && r - b <= max_src + 4)));
        bool through_quotes = quote_before && long_after;
        if ((!quote_before || through_quotes) && !name_after && GapHas(gap_before, ',') &&
            a_src > s.tok_begin) {
          while (j > s.tok_begin && segs < 5 && a_src - j < 30) {
            size_t q = j - 1;
            while (q > s.tok_begin && !GapHasBoundary(f.Gap(q, s))) --q;
            j = q;
            ++segs;
            std::string_view g = f.Gap(j, s);
            if (j == s.tok_begin) break;
            if (!through_quotes && (!GapHas(g, ',') || GapHasQuote(g))) break;
            if (through_quotes && (GapHas(g, ';') || GapHas(g, ':'))) break;
          }
          apposition = segs >= 2 || (segs == 1 && j > s.tok_begin);
        }
        if (apposition) {
          size_t j2 = j;
          for (size_t q = j; q < a_src; ++q) {
            if (q > j && GapHasBoundary(f.Gap(q, s))) break;
            if (IsClauseWord(tok[q].folded)) j2 = q + 1;
          }
          if (j2 >= a_src) j2 = j;
          while (a_src - j2 > 1 && IsTemporalWord(tok[j2].folded)) ++j2;
          f.Add(&src, tok[j2].begin, subj_end);
          if ((clause_ends || GapHasQuote(f.Gap(j, s))) && j > s.tok_begin) {
            content_before(tok[j].begin);
            quoted_before = GapHasQuote(f.Gap(j, s));
            if (r < s.tok_end && b < s.tok_end) content_after_from(r);
          } else {
            content_after_from(b);
          }
        } else if (!long_after && !IsClauseWord(tok[b].folded) &&
                   (romance || !IsPreposition(tok[b].folded)) &&
                   a_src > s.tok_begin && !e.needs_object) {
          // Inverted: "“C,” said X."
          size_t sb = b, se = r;
          while (r - sb > 1 && IsTemporalWord(tok[sb].folded)) ++sb;
          // "said Jane Roe, a spokeswoman" / ", who endorsed him": the apposition belongs to X.
          size_t pos_r = r < s.tok_end ? tok[r].begin : 0;
          bool name_next = r < s.tok_end && s.tok_end - r <= 4 &&
                           IsUpperCase(DecodeUtf8(text, &pos_r));
          if (r < s.tok_end && GapHas(f.Gap(r, s), ',') && !GapHasQuote(f.Gap(r, s)) &&
              s.tok_end - r <= max_src &&
              (IsRoleWord(tok[r].folded) || IsRelativePronoun(tok[r].folded) || name_next ||
               tok[r].folded == "a" || tok[r].folded == "an" || tok[r].folded == "the")) {
            se = s.tok_end;
          }
          f.Add(&src, tok[sb].begin, tok[se - 1].end);
          r = se;
          content_before(cue_begin);
          quoted_before = quote_before;
          if (r < s.tok_end) {
            std::string_view g = f.Gap(r, s);
            if (GapHasQuote(g)) content_after_from(r);
          }
        }
      }
      if (romance && !romance_relative && !src.empty() && src.front().begin < cue_begin) {
        // "Juan Soto, también presente en la reunión declaró": the lower-case clause before
        // the verb is an apposition of the noun phrase before the comma.
        auto it = std::lower_bound(tok.begin(), tok.end(), src.front().begin,
                                   [](const Token& t, uint32_t x) { return t.begin < x; });
        size_t t0 = size_t(it - tok.begin());
        size_t pos = t0 < tok.size() ? tok[t0].begin : 0;
        if (t0 > s.tok_begin && t0 < tok.size() && !IsUpperCase(DecodeUtf8(text, &pos)) &&
            !IsRomanceDeterminer(tok[t0].folded) && GapHas(f.Gap(t0, s), ',') &&
            !GapHasQuote(f.Gap(t0, s))) {
          size_t j = t0 - 1;
          while (j > s.tok_begin && t0 - j < 10 && !GapHasBoundary(f.Gap(j, s))) --j;
          size_t pj = tok[j].begin;
          if ((j == s.tok_begin || GapHasBoundary(f.Gap(j, s))) &&
              (IsUpperCase(DecodeUtf8(text, &pj)) || IsRomanceDeterminer(tok[j].folded)))
            src.front().begin = tok[j].begin;
        }
      }
      if (romance && !src.empty() && !InRegions(quoted, cue_begin) &&
          InRegions(quoted, src.front().begin) && src.front().begin < cue_begin) {
        // "«… no pueden cubrir», agregó.": the words before the verb are the quotation, and the
        // speaker is not named (pro-drop).
        src.clear();
        content.clear();
        quoted_before = false;
      }
      if (romance && !src.empty() && !romance_relative) {
        uint32_t start = RomanceSubjectStart(text, tok, src.front(), portuguese);
        if (start >= src.front().end) {
          // "Sobre el tema afirmó", "dijo convencido": no subject in the text (pro-drop).
          src.clear();
          content.clear();
          quoted_before = false;
        } else {
          src.front().begin = start;
          if (b + 1 < s.tok_end && tok[b].folded == "que" && src.front().begin < cue_begin) {
            // "X dijo que C": the content follows, whatever quotation came before.
            content.clear();
            quoted_before = false;
            content_after_from(b + 1);
          }
        }
      }
      if (romance && src.empty() && !passive && a_src > s.tok_begin &&
          GapHas(gap_before, ',') && !GapHasQuote(gap_before) && b < s.tok_end) {
        // "La oposición, dice que C": a short noun phrase before the comma is the subject.
        size_t j = a_src - 1;
        while (j > s.tok_begin && a_src - j < 12 && !GapHasBoundary(f.Gap(j, s))) --j;
        if (!GapHasBoundary(f.Gap(j, s)) && j != s.tok_begin) j = a_src;
        if (j < a_src && a_src - j <= 12) {
          Span cand{tok[j].begin, tok[a_src - 1].end};
          uint32_t start = RomanceSubjectStart(text, tok, cand, portuguese);
          size_t pos = tok[j].begin;
          if (start == cand.begin &&
              (IsUpperCase(DecodeUtf8(text, &pos)) || IsRomanceDeterminer(tok[j].folded))) {
            f.Add(&src, cand.begin, cand.end);
            content.clear();
            quoted_before = false;
            content_after_from(tok[b].folded == "que" && b + 1 < s.tok_end ? b + 1 : b);
          }
        }
      }
      if (romance && src.empty() && !passive && b < s.tok_end &&
          (a_src == s.tok_begin || GapHasBoundary(gap_before)) && !GapHasBoundary(f.Gap(b, s))) {
        // Verb first: "Anuncia Facebook que C", "Dijo el ministro que C".
        size_t q = b;
        while (q < std::min(r, b + 10) && tok[q].folded != "que") ++q;
        size_t pos = tok[b].begin;
        static const std::unordered_set<std::string_view> kTimeWords = {
            "lunes",   "martes", "miercoles", "jueves", "viernes", "sabado",
            "domingo", "ayer",   "hoy",       "pasado", "semana",  "mes",
            "ano",     "manana", "tarde",     "noche",  "dia"};
        bool time = false;
        for (size_t t = b; t < q; ++t) time |= kTimeWords.count(tok[t].folded) > 0;
        if (q > b && q < r && tok[q].folded == "que" && !time &&
            (IsUpperCase(DecodeUtf8(text, &pos)) || IsRomanceDeterminer(tok[b].folded)) &&
            !IsRomanceNonSubject(tok[b].folded) && !IsRomanceClitic(tok[b].folded)) {
          f.Add(&src, tok[b].begin, tok[q - 1].end);
          content.clear();
          quoted_before = false;
          content_after_from(q + 1);
        }
      }
      if (romance && src.empty() && !passive && content.empty()) {
        if (GapHasQuote(gap_before) && a_src > s.tok_begin) {
          content_before(cue_begin);
          quoted_before = true;
        } else if (b < s.tok_end) {
          size_t from = b;
          if (tok[b].folded == "que" && b + 1 < s.tok_end) ++from;
          content_after_from(from);
        } else if (a_src > s.tok_begin) {
          content_before(cue_begin);
          quoted_before = true;
        } else {
          Span q = f.QuoteEndingBefore(s.begin);
          if (q.end > q.begin) f.Add(&content, q.begin, q.end), quoted_before = true;
        }
      }
      if (src.empty() && !passive && !romance) continue;
    } else if (e.kind == CueKind::kAccordingTo) {
      if (r == b) continue;
      size_t re = std::min(r, b + max_src);
      f.Add(&src, tok[b].begin, tok[re - 1].end);
      if (a > s.tok_begin) {
        content_before(cue_begin);
        if (r < s.tok_end) content_after_from(r);
      } else {
        content_after_from(r);
      }
    } else if (e.kind == CueKind::kRaising) {
      // The raised subject and the clause after the cue: "[Trump] seemed [to suggest …]".
      if (!options_.sourceless_cues || b >= s.tok_end || GapHasBoundary(f.Gap(b, s))) continue;
      size_t l = k;
      for (size_t j = a; j > k; --j)
        if (IsClauseWord(tok[j - 1].folded) && !IsRelativePronoun(tok[j - 1].folded)) {
          l = j;
          break;
        }
      if (a - l > max_src) l = a - max_src;
      while (a - l > 1 && IsTemporalWord(tok[l].folded)) ++l;
      if (l >= a) continue;
      f.Add(&content, tok[l].begin, tok[a - 1].end);
      uint32_t ce = r < s.tok_end ? tok[r - 1].end : s.end;
      f.Add(&content, tok[b].begin, ce);
    } else if (e.kind == CueKind::kSourceless) {
      if (!options_.sourceless_cues) continue;
      content_before(cue_begin);
      if (b < s.tok_end) content_after_from(b);
    } else {  // kPassive
      // "fue desmentido (horas más tarde) por X", "foi desmentida pela assessoria": the agent.
      auto is_por = [&](size_t t) {
        const std::string& w = tok[t].folded;
        return w == "por" || w == "pelo" || w == "pela" || w == "pelos" || w == "pelas";
      };
      size_t por = b;
      if (romance && e.denies)
        while (por < std::min(r, b + 6) && !is_por(por)) ++por;
      if (b < s.tok_end && tok[b].folded == "by" && r > b + 1) {
        f.Add(&src, tok[b + 1].begin, tok[r - 1].end);
        content_after_from(r);
      } else if (romance && e.denies && por < r && is_por(por) && r > por + 1) {
        f.Add(&src, tok[por + 1].begin, tok[std::min(r, por + 1 + max_src) - 1].end);
        content_before(cue_begin);
      } else {
        if (!options_.sourceless_cues) continue;
        if (clause_ends && a > s.tok_begin) content_before(cue_begin);
        else content_after_from(b);
      }
    }
    if (content.empty()) continue;
    if (romance && e.needs_clause && !quoted_before && content.front().begin >= cue_end) {
      // "publicó una foto", "concluyó dos horas después": a plain object, nothing attributed.
      auto infinitive = [](const std::string& w) {
        return w.size() > 4 &&
               (w.compare(w.size() - 2, 2, "ar") == 0 || w.compare(w.size() - 2, 2, "er") == 0 ||
                w.compare(w.size() - 2, 2, "ir") == 0);
      };
      bool clause =
          b < s.tok_end &&
          (tok[b].folded == "que" || GapHas(f.Gap(b, s), ':') || GapHasQuote(f.Gap(b, s)) ||
           infinitive(tok[b].folded) ||
           (b + 1 < s.tok_end && tok[b].folded == "lo" && tok[b + 1].folded == "siguiente"));
      if (!clause) continue;
    }
    if (quoted_before && options_.follow_quotes) {
      // "“C1,” she said. “C2.”": the next sentence's opening quotation continues the content.
      Span q = f.NextSentenceQuote(std::max(s.end, content.back().end));
      if (q.end > q.begin) f.Add(&content, q.begin, q.end);
    }
    if (model) {
      std::vector<std::string> fv = cue_feats[head];
      if (origin[mi] != kFromLexicon) fv.push_back(origin[mi] == kFromTagger ? "org=t" : "org=c");
      Span cue = Trim(text, {cue_begin, cue_end});
      AttributionFeatures(text, cue, src, content, &fv);
      if (candidates) candidates->push_back({cue, std::move(fv)});
      else if (model->Score(fv) < (origin[mi] != kFromLexicon ? options_.cue_add_threshold
                                                              : options_.cue_drop_threshold))
        continue;
    }
    if (!src.empty()) last_src = src, last_sentence = &s;
    at.cue.push_back(Trim(text, {cue_begin, cue_end}));
    at.source = std::move(src);
    at.content = std::move(content);
    at.cue_text = JoinSpans(text, at.cue);
    at.source_text = JoinSpans(text, at.source);
    at.content_text = JoinSpans(text, at.content);
    at.stance = e.denies ? Stance::kDenies : Stance::kAsserts;
    ResolveSource(text, tok, ctx, &at);
    out.push_back(std::move(at));
  }
  if (options_.colon_cues) {
    // "Graham: Trump's rhetoric is destroying GOP" — a short capitalised name, a colon, a claim.
    static const std::unordered_set<std::string_view> kNotSpeakers = {
        "the", "editor's", "question", "answer", "update", "updated", "breaking", "watch",
        "exclusive", "related", "note", "photos", "photo", "video", "read", "transcript", "q",
        "a", "subscribe", "advertisement", "correction", "clarification", "source", "sources",
        "warning", "live", "listen", "image", "credit", "tags", "posted", "by"};
    for (const Sentence& s : sents) {
      size_t tb = s.tok_begin;
      if (s.tok_end - tb < 3 || kNotSpeakers.count(tok[tb].folded)) continue;
      for (size_t c = tb + 1; c <= std::min(tb + 5, s.tok_end - 1); ++c) {
        std::string_view g = f.Gap(c, s);
        size_t pos = tok[c - 1].begin;
        if (!IsUpperCase(DecodeUtf8(text, &pos)) && tok[c - 1].folded != "of") break;
        if (g.empty() || g.front() != ':' || TrimSpaceChars(g.substr(1)) != "") {
          if (GapHasBoundary(g)) break;
          continue;
        }
        if (InRegions(quoted, tok[tb].begin)) break;
        Attribution at;
        uint32_t colon = tok[c - 1].end;
        at.cue.push_back({colon, colon + 1});
        f.Add(&at.source, tok[tb].begin, tok[c - 1].end);
        f.Add(&at.content, tok[c].begin, s.end);
        if (at.source.empty() || at.content.empty()) break;
        at.cue_text = ":";
        at.source_text = JoinSpans(text, at.source);
        at.content_text = JoinSpans(text, at.content);
        ResolveSource(text, tok, ctx, &at);
        out.push_back(std::move(at));
        break;
      }
    }
  }
  if (options_.dateline_credits) AddDatelineCredits(text, ctx, &out);
  if (options_.media_credits) AddMediaCredits(text, tok, sents, ctx, &out);
  if (options_.credit_lines) AddCreditLines(text, ctx, options_.credit_line_max_lines, &out);
  if (options_.resolve_coreference) ResolveOutletCoreference(text, ctx, &out);
  std::stable_sort(out.begin(), out.end(), [](const Attribution& x, const Attribution& y) {
    return x.cue.front().begin < y.cue.front().begin;
  });
  return out;
}

}  // namespace headwater::attribution
