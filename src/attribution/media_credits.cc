// Media credits: for each registry outlet mention, look at the one or two folded words before
// it in the same sentence and match them against the credit cues below; then build the
// attribution from the mention and its sentence.
#include "attribution/media_credits.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_set>

namespace headwater::attribution {
namespace {

// Cue words directly before the outlet's name: "told CNN", "tells Newsmax".
bool IsDirectCue(std::string_view w) { return w == "told" || w == "tells" || w == "telling"; }

// Words before a preposition that make "<word> <prep> <Outlet>" a credit.
bool IsCreditPair(std::string_view w, std::string_view prep) {
  static const std::unordered_set<std::string_view> kBy = {
      "uncovered", "obtained",     "reported", "revealed",   "released",  "published",
      "conducted", "commissioned", "broken",   "broke",      "aired",     "first",
      "posted",    "shared",       "found",    "discovered", "acquired",  "exposed",
      "mentioned", "named",        "quoted",   "cited",      "identified"};
  static const std::unordered_set<std::string_view> kWith = {
      "interview", "interviews", "spoke", "speaking",     "talking",
      "talked",    "sat",        "down",  "conversation", "exclusive"};
  static const std::unordered_set<std::string_view> kTo = {"spoke",     "speaking", "talking",
                                                           "talked",    "said",     "explained",
                                                           "confirmed", "revealed", "admitted"};
  static const std::unordered_set<std::string_view> kOn = {"said",     "appearing", "appeared",
                                                           "speaking", "interview", "told"};
  if (prep == "by") return kBy.count(w) > 0;
  if (prep == "with") return kWith.count(w) > 0;
  if (prep == "to") return kTo.count(w) > 0;
  if (prep == "on") return kOn.count(w) > 0;
  return false;
}

// Whether the gap between two tokens is only spaces (no punctuation, no line break).
bool PlainGap(std::string_view text, const Token& a, const Token& b) {
  for (uint32_t i = a.end; i < b.begin; ++i)
    if (text[i] != ' ') return false;
  return true;
}

constexpr size_t kNoToken = SIZE_MAX;

// "told Bill O'Reilly of Fox News", "in an interview with Lee Wang of The Intercept": the
// statement was given to a person of the outlet (its reporter or host). `before` is the first
// token of the mention (after a "the" it does not include); tokens[before - 1] must be "of",
// preceded by one to four capitalised tokens (the person) and then a direct cue or a credit pair
// ending in "with"/"to", all in sentence s and separated by spaces only. Returns the index of
// the cue's first token, else kNoToken.
size_t ToldReporterOf(std::string_view text, const std::vector<Token>& tokens, const Sentence& s,
                      size_t before) {
  constexpr size_t kMaxNameTokens = 4;
  if (before < 3 || tokens[before - 1].folded != "of") return kNoToken;
  size_t k = before - 1;  // "of"
  size_t name = 0;
  while (k > s.tok_begin && name < kMaxNameTokens && PlainGap(text, tokens[k - 1], tokens[k])) {
    size_t pos = tokens[k - 1].begin;
    if (!IsUpperCase(DecodeUtf8(text, &pos))) break;
    --k;
    ++name;
  }
  if (name == 0 || k <= s.tok_begin) return kNoToken;
  const Token& cue = tokens[k - 1];
  if (!PlainGap(text, cue, tokens[k])) return kNoToken;
  if (IsDirectCue(cue.folded)) return k - 1;
  if (k - 1 > s.tok_begin && PlainGap(text, tokens[k - 2], cue) &&
      (cue.folded == "with" || cue.folded == "to") &&
      IsCreditPair(tokens[k - 2].folded, cue.folded))
    return k - 2;
  return kNoToken;
}

}  // namespace

void AddMediaCredits(std::string_view text, const std::vector<Token>& tokens,
                     const std::vector<Sentence>& sentences, const Context& ctx,
                     std::vector<Attribution>* out) {
  if (!ctx.outlets || tokens.empty()) return;
  for (const auto& m : ctx.outlets->FindMentions(text)) {
    auto it = std::lower_bound(tokens.begin(), tokens.end(), m.begin,
                               [](const Token& t, uint32_t b) { return t.begin < b; });
    size_t k = size_t(it - tokens.begin());  // first token of the mention
    if (k == 0 || k >= tokens.size()) continue;
    // "told the Washington Post": skip a leading "the" that the mention does not include.
    size_t before = k;
    if (tokens[before - 1].folded == "the" && before > 1) --before;
    auto sit = std::upper_bound(sentences.begin(), sentences.end(), k,
                                [](size_t t, const Sentence& s) { return t < s.tok_end; });
    if (sit == sentences.end() || sit->tok_begin > before - 1) continue;
    const Sentence& s = *sit;
    const Token& w1 = tokens[before - 1];
    if (!PlainGap(text, w1, tokens[before])) continue;
    size_t cue_first = before, cue_last = before - 1;
    if (IsDirectCue(w1.folded)) {
      cue_first = before - 1;
    } else if (before >= 2 && before - 2 >= s.tok_begin && PlainGap(text, tokens[before - 2], w1) &&
               IsCreditPair(tokens[before - 2].folded, w1.folded)) {
      cue_first = before - 2;
    } else if (size_t told = ToldReporterOf(text, tokens, s, before); told != kNoToken) {
      cue_first = cue_last = told;  // "told Bill O'Reilly of Fox News": the cue is "told"
    } else {
      continue;
    }
    const OutletId id = m.outlet->id;
    bool already = std::any_of(out->begin(), out->end(), [&](const Attribution& a) {
      if (a.outlet_id != id) return false;
      for (const Span& sp : a.source)
        if (sp.begin < m.end && m.begin < sp.end) return true;
      return false;
    });
    if (already) continue;
    Attribution at;
    at.cue.push_back({tokens[cue_first].begin, tokens[cue_last].end});
    at.source.push_back({m.begin, m.end});
    Span content;
    if (cue_first > s.tok_begin) {
      content = Trim(text, {s.begin, tokens[cue_first - 1].end});
    } else {
      content = Trim(text, {m.end, s.end});
    }
    if (content.end <= content.begin) continue;
    at.content.push_back(content);
    at.cue_text = JoinSpans(text, at.cue);
    at.source_text = JoinSpans(text, at.source);
    at.content_text = JoinSpans(text, at.content);
    at.source_kind = SourceKind::kOutlet;
    at.outlet_id = id;
    at.outlet_name = m.outlet->name;
    at.self_citation = ctx.own_outlet != 0 && id == ctx.own_outlet;
    out->push_back(std::move(at));
  }
}

}  // namespace headwater::attribution
