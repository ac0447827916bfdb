// Retraction, correction and refutation cues, and whose report each one concerns.
//
// The lexicon is a list of RE2 patterns (case-insensitive, UTF-8), each with a kind and a `self`
// flag. Patterns are deliberately narrow — a noun for a report ("story", "nota", "información")
// next to a verb of withdrawing, correcting or refuting, or a fact-check rating — because a
// false retraction costs an outlet its track record: "demanded a retraction" or "officials said
// the report is false" must not match (the latter is a denial, kept as one).
//
// Sentences are split at line breaks and at . ! ? followed by a space; one cue per sentence is
// kept, the strongest kind first (retracted > refuted > corrected), a self pattern before another
// of the same kind.
//
// Targets of a cue, in order: its own outlet when the cue is self ("Correction:", "we erred",
// "this article"); else the outlets named in the sentence (registry mentions and the outlets the
// article's attributions in the sentence resolve to), its own outlet left out unless it is the
// only one; else the outlets of the story articles the article links to; else none (the story).
#include "provenance/retraction.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "common/url.h"
#include "provenance/graph.h"

namespace headwater::provenance {

const char* RetractionKindName(RetractionKind k) {
  switch (k) {
    case RetractionKind::kRetracted:
      return "retracted";
    case RetractionKind::kCorrected:
      return "corrected";
    case RetractionKind::kRefuted:
      return "refuted";
  }
  return "corrected";
}

namespace {

struct CuePattern {
  RetractionKind kind;
  bool self;
  const char* pattern;
};

// Report nouns, English and Spanish.
#define HW_EN_REPORT "(?:story|stories|report|reports|article|articles|claim|claims|piece)"
#define HW_ES_REPORT                                                                               \
  "(?:nota|notas|noticia|noticias|información|reportaje|artículo|publicación|reporte|versión|" \
  "versiones)"

constexpr CuePattern kPatterns[] = {
    // English, the outlet's own report.
    {RetractionKind::kRetracted, true,
     R"(\bthis )" HW_EN_REPORT
     R"( (?:has been|was|is being) (?:retracted|withdrawn|removed|taken down)\b)"},
    {RetractionKind::kRetracted, true,
     R"(\bwe (?:are retracting|have retracted|retract|retracted|have withdrawn|withdrew) (?:this|the|our)\b)"},
    {RetractionKind::kRetracted, true, R"((?:^|\n)\s*retraction\s*[:—–-])"},
    {RetractionKind::kCorrected, true, R"(\bcorrection\s*:)"},
    {RetractionKind::kCorrected, true, R"((?:^|\n)\s*(?:correction|clarification)\s*[:—–-])"},
    {RetractionKind::kCorrected, true,
     R"(\b(?:an earlier|a previous|the original|a prior) version of this )" HW_EN_REPORT R"(\b)"},
    {RetractionKind::kCorrected, true,
     R"(\bthis )" HW_EN_REPORT
     R"( (?:has been|was|is being) (?:corrected|updated to correct|amended)\b)"},
    {RetractionKind::kCorrected, true,
     R"(\bwe (?:erred|regret the error|apologi[sz]e for the error|made an error|made a mistake)\b)"},
    // English, a report in general or another outlet's.
    {RetractionKind::kRetracted, false,
     R"(\b(?:retracted|retracts|withdrew|withdraws|has withdrawn|have withdrawn|pulled|took down|has taken down) (?:its|their|his|her|the|a|an|that|this) (?:[\w'-]+ ){0,2})" HW_EN_REPORT
     R"(\b)"},
    {RetractionKind::kRetracted, false,
     R"(\b)" HW_EN_REPORT
     R"( (?:has|have|had|was|were) (?:since |later |quietly )?(?:been )?(?:retracted|withdrawn)\b)"},
    {RetractionKind::kRetracted, false,
     R"(\b(?:issued|published|ran|posted) (?:a |an )?(?:full )?retraction\b)"},
    {RetractionKind::kCorrected, false,
     R"(\b(?:issued|published|ran|appended|posted|added) (?:a |an )?correction\b)"},
    {RetractionKind::kCorrected, false,
     R"(\b)" HW_EN_REPORT R"( (?:has|have|had|was|were) (?:since |later )?(?:been )?corrected\b)"},
    {RetractionKind::kCorrected, false,
     R"(\bcorrected (?:its|their|the|an earlier|that) (?:[\w'-]+ ){0,2})" HW_EN_REPORT R"(\b)"},
    {RetractionKind::kRefuted, false,
     R"(\b)" HW_EN_REPORT
     R"( (?:has|have|had|was|were|is|are) (?:since |later |now )?(?:been )?(?:debunked|disproved|disproven|refuted|discredited|proven false|proved false|shown to be false|found to be false)\b)"},
    {RetractionKind::kRefuted, false,
     R"(\bdebunk(?:ed|s|ing)? (?:the|a|an|its|their|that|this) (?:[\w'-]+ ){0,2}(?:story|report|claim|article|rumou?r|allegation)s?\b)"},
    {RetractionKind::kRefuted, false,
     R"(\b(?:rating|ruling|our ruling|verdict)\s*[:—–-]\s*(?:false|mostly false|pants on fire|fake|fabricated)\b)"},
    {RetractionKind::kRefuted, false,
     R"(\bwe rate (?:this|it|that|the) (?:[\w'-]+ ){0,2}(?:as )?(?:false|mostly false|pants on fire)\b)"},
    // Spanish, the outlet's own report.
    {RetractionKind::kCorrected, true, R"(\bfe de erratas\b)"},
    {RetractionKind::kCorrected, true, R"((?:^|\n)\s*(?:corrección|aclaración)\s*[:—–.-])"},
    {RetractionKind::kCorrected, true, R"(\bcorrección\s*:)"},
    {RetractionKind::kCorrected, true,
     R"(\b(?:nos equivocamos|cometimos un error|lamentamos el error|ofrecemos una disculpa por el error))"},
    {RetractionKind::kCorrected, true,
     R"(\b(?:esta|la presente) )" HW_ES_REPORT
     R"( (?:fue|ha sido) (?:corregida|corregido|actualizada para corregir))"},
    {RetractionKind::kCorrected, true,
     R"(\b(?:una versión anterior|la versión original|una versión previa) de (?:esta|la presente) )" HW_ES_REPORT},
    {RetractionKind::kRetracted, true,
     R"(\b(?:retiramos|hemos retirado|decidimos retirar) (?:esta|la|nuestra|el) )" HW_ES_REPORT},
    {RetractionKind::kRetracted, true,
     R"(\b(?:esta|la presente) )" HW_ES_REPORT
     R"( (?:fue|ha sido) (?:retirada|retirado|eliminada|eliminado))"},
    // Spanish, a report in general or another outlet's.
    {RetractionKind::kRetracted, false,
     R"(\b(?:la|el|su|una|un|las|los|sus) )" HW_ES_REPORT
     R"( (?:\S+ ){0,4}?(?:fue|fueron|ha sido|han sido|había sido|habría sido) (?:retirad[ao]s?|eliminad[ao]s?|borrad[ao]s?|dad[ao]s? de baja))"},
    {RetractionKind::kRetracted, false,
     R"(\b(?:retiró|retiraron|retira|retiran|eliminó|eliminaron|borró|borraron) (?:la|su|el|una|sus|las) (?:\S+ ){0,1}?)" HW_ES_REPORT},
    {RetractionKind::kRetracted, false,
     R"(\bse (?:retractó|retracta|retractaron|retractan|desdijo|desdice)\b)"},
    {RetractionKind::kRetracted, false,
     R"(\b(?:publicó|publica|emitió|emite|ofreció|ofrece) (?:una )?retractación)"},
    {RetractionKind::kCorrected, false,
     R"(\b(?:publicó|publica|emitió|emite) (?:una )?(?:rectificación|fe de erratas|corrección))"},
    {RetractionKind::kCorrected, false,
     R"(\b)" HW_ES_REPORT
     R"( (?:\S+ ){0,3}?(?:fue|ha sido|fueron|han sido) (?:corregid[ao]s?|rectificad[ao]s?))"},
    {RetractionKind::kCorrected, false,
     R"(\b(?:corrigió|corrigieron|rectificó|rectificaron) (?:la|su|el|sus|las) (?:\S+ ){0,1}?)" HW_ES_REPORT},
    {RetractionKind::kRefuted, false,
     R"(\bdesm(?:iente|ienten|intió|intieron|entir|entido) (?:la|el|una|un|las|los|esa|esta|dicha|su|sus) (?:\S+ ){0,2}?)" HW_ES_REPORT},
    {RetractionKind::kRefuted, false,
     R"(\b)" HW_ES_REPORT R"( (?:\S+ ){0,3}?(?:fue|ha sido|han sido|fueron) desmentid[ao]s?)"},
    {RetractionKind::kRefuted, false,
     R"(\b(?:calificación|veredicto|clasificación|conclusión)\s*[:—–-]\s*(?:falso|falsa|engañoso|engañosa|inventado|inventada))"},
    {RetractionKind::kRefuted, false, R"((?:^|\n)\s*#?falso\s*[:—–|])"},
};

#undef HW_EN_REPORT
#undef HW_ES_REPORT

struct Compiled {
  std::vector<std::unique_ptr<RE2>> res;
  std::unique_ptr<RE2> any;  // prefilter: the alternation of all patterns
};

const Compiled& Patterns() {
  static const Compiled* compiled = [] {
    auto* c = new Compiled;
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    std::string all;
    for (const CuePattern& p : kPatterns) {
      c->res.push_back(std::make_unique<RE2>(p.pattern, o));
      if (!all.empty()) all += "|";
      all += "(?:";
      all += p.pattern;
      all += ")";
    }
    c->any = std::make_unique<RE2>(all, o);
    return c;
  }();
  return *compiled;
}

int Rank(RetractionKind k) {
  switch (k) {
    case RetractionKind::kRetracted:
      return 3;
    case RetractionKind::kRefuted:
      return 2;
    case RetractionKind::kCorrected:
      return 1;
  }
  return 0;
}

// [begin, end) of the sentence holding byte `at`.
std::pair<uint32_t, uint32_t> SentenceAround(std::string_view text, size_t at) {
  auto boundary_before = [&](size_t i) {  // is there a boundary just before text[i]?
    if (i == 0) return true;
    char p = text[i - 1];
    if (p == '\n') return true;
    if (p == ' ' && i >= 2 && (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?'))
      return true;
    return false;
  };
  size_t b = std::min(at, text.size());
  while (b > 0 && !boundary_before(b)) --b;
  size_t e = std::min(at, text.size());
  while (e < text.size()) {
    char ch = text[e];
    if (ch == '\n') break;
    if ((ch == '.' || ch == '!' || ch == '?') &&
        (e + 1 == text.size() || text[e + 1] == ' ' || text[e + 1] == '\n')) {
      ++e;
      break;
    }
    ++e;
  }
  while (b < e && (text[b] == ' ' || text[b] == '\n')) ++b;
  return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

bool Overlaps(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) { return b1 < e2 && b2 < e1; }

bool SpansOverlap(const std::vector<Span>& spans, uint32_t b, uint32_t e) {
  for (const Span& s : spans)
    if (Overlaps(s.begin, s.end, b, e)) return true;
  return false;
}

}  // namespace

std::vector<RetractionCue> FindRetractionCues(std::string_view text) {
  std::vector<RetractionCue> out;
  const Compiled& c = Patterns();
  if (!c.any->ok() || !RE2::PartialMatch(text, *c.any)) return out;
  std::map<uint32_t, RetractionCue> by_sentence;  // sentence begin -> best cue
  for (size_t k = 0; k < c.res.size(); ++k) {
    const RE2& re = *c.res[k];
    if (!re.ok()) continue;
    size_t pos = 0;
    re2::StringPiece m;
    while (pos < text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = m.data() - text.data(), e = b + m.size();
      while (b < e && (text[b] == '\n' || text[b] == ' ')) ++b;  // a line-start pattern
      RetractionCue cue;
      cue.kind = kPatterns[k].kind;
      cue.self = kPatterns[k].self;
      cue.cue_begin = static_cast<uint32_t>(b);
      cue.cue_end = static_cast<uint32_t>(e);
      auto [sb, se] = SentenceAround(text, b);
      cue.sentence_begin = sb;
      cue.sentence_end = std::max<uint32_t>(se, cue.cue_end);
      auto [it, inserted] = by_sentence.emplace(sb, cue);
      if (!inserted) {
        RetractionCue& old = it->second;
        int r_new = Rank(cue.kind), r_old = Rank(old.kind);
        if (r_new > r_old || (r_new == r_old && cue.self && !old.self)) {
          old = cue;
        } else if (r_new == r_old && cue.self == old.self && cue.cue_begin < old.cue_begin) {
          old = cue;
        }
      }
      pos = std::max(e, b + 1);
    }
  }
  for (auto& [b, cue] : by_sentence) out.push_back(cue);
  return out;
}

std::vector<Retraction> FindRetractions(const StoryInput& in) {
  std::vector<std::vector<RetractionCue>> cues(in.articles.size());
  std::vector<const std::vector<RetractionCue>*> refs(in.articles.size());
  for (size_t i = 0; i < in.articles.size(); ++i) {
    cues[i] = FindRetractionCues(in.articles[i].text);
    refs[i] = &cues[i];
  }
  return FindRetractions(in, refs);
}

std::vector<Retraction> FindRetractions(
    const StoryInput& in, const std::vector<const std::vector<RetractionCue>*>& cue_refs) {
  std::vector<Retraction> out;
  if (in.articles.empty() || cue_refs.size() != in.articles.size()) return out;
  // Cheap first: which articles have a cue at all.
  bool any = false;
  for (const auto* c : cue_refs) any = any || !c->empty();
  if (!any) return out;
  auto cues = [&](size_t i) -> const std::vector<RetractionCue>& { return *cue_refs[i]; };

  struct OutletRef {
    OutletId id = 0;
    std::string name;
    OutletKind kind = OutletKind::kUnknown;
  };
  const normalize::OutletRegistry* reg = in.outlets;
  auto outlet_of_article = [&](const Article& a) {
    OutletRef r;
    r.id = a.outlet_id;
    r.name = a.outlet_name;
    if (reg != nullptr && a.outlet_id != 0) {
      if (const Outlet* o = reg->Get(a.outlet_id)) {
        r.name = o->name;
        r.kind = o->kind;
      }
    }
    if (r.name.empty()) r.name = HostOf(a.url);
    return r;
  };
  auto same = [](const OutletRef& a, const OutletRef& b) {
    return (a.id != 0 && a.id == b.id) || (a.id == 0 && b.id == 0 && a.name == b.name);
  };
  // Earliest article time per outlet (for "the retraction comes after the report"), and the
  // canonical URL of every article (for links).
  std::map<std::string, std::optional<UnixSeconds>> earliest;  // outlet name -> time
  std::map<std::string, size_t> by_url;
  for (size_t i = 0; i < in.articles.size(); ++i) {
    const Article& a = in.articles[i];
    OutletRef o = outlet_of_article(a);
    auto [it, inserted] = earliest.emplace(o.name, a.published);
    if (!inserted && a.published && (!it->second || *a.published < *it->second))
      it->second = a.published;
    std::string canon =
        a.canonical_url.empty() ? CanonicalUrl(a.url).value_or(a.url) : a.canonical_url;
    by_url.emplace(canon, i);
  }
  std::map<ArticleId, std::vector<const Attribution*>> attrs_of;
  for (const Attribution& at : in.attributions) attrs_of[at.article_id].push_back(&at);

  for (size_t i = 0; i < in.articles.size(); ++i) {
    const Article& a = in.articles[i];
    if (cues(i).empty()) continue;
    OutletRef own = outlet_of_article(a);
    const auto& attrs = attrs_of[a.id];
    for (const RetractionCue& cue : cues(i)) {
      // A source (not an outlet) denying inside its attribution: a denial, listed as one.
      bool denial = false;
      for (const Attribution* at : attrs) {
        bool source_not_outlet = at->source_kind == SourceKind::kPerson ||
                                 at->source_kind == SourceKind::kOfficial ||
                                 at->source_kind == SourceKind::kAnonymous;
        if (at->stance == Stance::kDenies && source_not_outlet &&
            (SpansOverlap(at->cue, cue.cue_begin, cue.cue_end) ||
             SpansOverlap(at->content, cue.cue_begin, cue.cue_end) ||
             SpansOverlap(at->source, cue.cue_begin, cue.cue_end))) {
          denial = true;
        }
      }
      if (denial) continue;

      Retraction r;
      r.kind = cue.kind;
      r.by = own.name;
      r.by_outlet_id = own.id;
      r.self = cue.self;
      r.article = a.id;
      r.url = a.url;
      r.published = a.published;
      r.cue = a.text.substr(cue.cue_begin, cue.cue_end - cue.cue_begin);
      r.evidence = internal::MakeEvidence(a, cue.sentence_begin, cue.sentence_end);

      std::vector<OutletRef> targets;
      auto add_target = [&](const OutletRef& t) {
        if (t.kind == OutletKind::kGovernment) return;
        for (const OutletRef& x : targets)
          if (same(x, t)) return;
        targets.push_back(t);
      };
      if (!cue.self) {
        std::string_view sentence(a.text.data() + cue.sentence_begin,
                                  cue.sentence_end - cue.sentence_begin);
        if (reg != nullptr) {
          for (const auto& m : reg->FindMentions(sentence))
            add_target({m.outlet->id, m.outlet->name, m.outlet->kind});
        }
        for (const Attribution* at : attrs) {
          if (at->outlet_id == 0 && at->outlet_name.empty()) continue;
          if (!SpansOverlap(at->source, cue.sentence_begin, cue.sentence_end)) continue;
          OutletRef t{at->outlet_id, at->outlet_name, OutletKind::kUnknown};
          if (reg != nullptr && at->outlet_id != 0)
            if (const Outlet* o = reg->Get(at->outlet_id)) t = {o->id, o->name, o->kind};
          if (t.name.empty()) t.name = at->source_text;
          add_target(t);
        }
        // Its own outlet only when nobody else is named ("The Times retracted its story").
        if (targets.size() > 1)
          targets.erase(std::remove_if(targets.begin(), targets.end(),
                                       [&](const OutletRef& t) { return same(t, own); }),
                        targets.end());
        if (targets.empty()) {
          for (const std::string& link : a.links) {
            auto it = by_url.find(CanonicalUrl(link).value_or(link));
            if (it == by_url.end() || it->second == i) continue;
            OutletRef t = outlet_of_article(in.articles[it->second]);
            if (!same(t, own)) add_target(t);
          }
        }
      } else {
        add_target(own);
      }
      for (const OutletRef& t : targets) {
        if (!same(t, own)) {  // a retraction of another outlet's report comes after it
          auto e = earliest.find(t.name);
          if (e != earliest.end() && e->second && a.published && *a.published < *e->second)
            continue;
        }
        r.targets.push_back(t.name);
        r.target_ids.push_back(t.id);
      }
      if (r.targets.empty() && !targets.empty()) continue;  // every target came later
      if (r.targets.size() == 1 &&
          ((own.id != 0 && r.target_ids[0] == own.id) || (own.id == 0 && r.targets[0] == own.name)))
        r.self = true;
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace headwater::provenance
