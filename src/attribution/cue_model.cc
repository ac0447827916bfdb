// Cue model: feature extraction and a small logistic-regression trainer/scorer.
#include "attribution/cue_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

namespace headwater::attribution {

extern const char* const kEnglishCueModelFeatures[];
extern const float kEnglishCueModelWeights[];
extern const size_t kEnglishCueModelSize;
extern const float kEnglishCueModelBias;
extern const char* const kEnglishCandidateCues[];
extern const size_t kEnglishCandidateCuesSize;

namespace {

// One letter for the punctuation between two tokens: q(uote) , : d(ash) n(ewline) p(eriod)
// o(ther) or _ (white space only).
char GapClass(std::string_view gap) {
  if (gap.empty()) return '_';
  if (GapHasQuote(gap)) return 'q';
  if (gap.find('\n') != gap.npos) return 'n';
  if (GapHas(gap, ',')) return ',';
  if (GapHas(gap, ':')) return ':';
  if (gap.find("\xE2\x80\x94") != gap.npos || gap.find("\xE2\x80\x93") != gap.npos ||
      gap.find("--") != gap.npos)
    return 'd';
  if (GapHas(gap, '.') || GapHas(gap, '?') || GapHas(gap, '!')) return 'p';
  for (char c : gap)
    if (c != ' ' && c != '\t') return 'o';
  return '_';
}

bool Capitalised(std::string_view text, const Token& t) {
  size_t pos = t.begin;
  return IsUpperCase(DecodeUtf8(text, &pos));
}

std::string Suffix(const std::string& w, size_t n) {
  return w.size() > n ? w.substr(w.size() - n) : w;
}

}  // namespace

std::vector<std::vector<std::string>> CueFeatures(const CueFeatureInput& in,
                                                  const std::vector<bool>* wanted) {
  const std::vector<Token>& tok = *in.tokens;
  const std::string_view text = in.text;
  const size_t n = tok.size();
  std::vector<std::vector<std::string>> out(n);
  // Lexicon coverage: 'b' first token of a match, 'i' inside one, '-' none.
  std::vector<char> lex(n, '-');
  if (in.lexicon)
    for (const CueMatch& m : *in.lexicon)
      for (size_t k = 0; k < m.count && m.first + k < n; ++k) lex[m.first + k] = k ? 'i' : 'b';
  std::vector<char> gap(n + 1, 'p');  // gap[i] = punctuation before token i
  for (size_t i = 1; i < n; ++i)
    gap[i] = GapClass(text.substr(tok[i - 1].end, tok[i].begin - tok[i - 1].end));
  std::vector<size_t> sent_begin(n, 0), sent_end(n, n);
  if (in.sentences)
    for (const Sentence& s : *in.sentences)
      for (size_t t = s.tok_begin; t < s.tok_end && t < n; ++t)
        sent_begin[t] = s.tok_begin, sent_end[t] = s.tok_end;
  static const std::string kBos = "<s>", kEos = "</s>";
  for (size_t i = 0; i < n; ++i) {
    if (wanted && !(*wanted)[i]) continue;
    const size_t sb = sent_begin[i], se = sent_end[i];
    const std::string& w = tok[i].folded;
    const std::string& p1 = i > sb ? tok[i - 1].folded : kBos;
    const std::string& p2 = i > sb + 1 ? tok[i - 2].folded : kBos;
    const std::string& n1 = i + 1 < se ? tok[i + 1].folded : kEos;
    const std::string& n2 = i + 2 < se ? tok[i + 2].folded : kEos;
    const char gl = i > sb ? gap[i] : 'p';
    const char gr = i + 1 < se ? gap[i + 1] : 'p';
    bool that_after = false;
    for (size_t k = i + 1; k < std::min(se, i + 4); ++k) that_after |= tok[k].folded == "that";
    bool cap_left = false, quote_left = false;
    for (size_t k = i; k > sb && k + 4 > i; --k) {
      cap_left |= k - 1 > sb && Capitalised(text, tok[k - 1]);
      quote_left |= gap[k] == 'q';
    }
    bool quote_right = false;
    for (size_t k = i + 1; k < std::min(se, i + 4); ++k) quote_right |= gap[k] == 'q';
    const bool in_quote = in.quoted && InRegions(*in.quoted, tok[i].begin);
    const size_t pos = i - sb;
    const char* pos_bucket = pos == 0   ? "0"
                             : pos == 1 ? "1"
                             : pos <= 3 ? "2"
                             : pos <= 8 ? "3"
                                        : "4";
    std::vector<std::string>& f = out[i];
    f.reserve(24);
    f.push_back("w=" + w);
    f.push_back("p=" + p1);
    f.push_back("n=" + n1);
    f.push_back("pp=" + p2);
    f.push_back("nn=" + n2);
    f.push_back("pw=" + p1 + "|" + w);
    f.push_back("wn=" + w + "|" + n1);
    f.push_back("s3=" + Suffix(w, 3));
    f.push_back("s2=" + Suffix(w, 2));
    f.push_back(std::string("c=") + (Capitalised(text, tok[i]) ? "1" : "0") + pos_bucket);
    f.push_back(std::string("g=") + gl + gr);
    f.push_back(std::string("gl=") + gl + "|" + w);
    f.push_back(std::string("gr=") + gr + "|" + w);
    f.push_back(std::string("q=") + (in_quote ? "1" : "0") + lex[i]);
    f.push_back(std::string("lx=") + lex[i] + (i > 0 ? lex[i - 1] : '-') +
                (i + 1 < n ? lex[i + 1] : '-'));
    if (that_after) f.push_back("th|" + Suffix(w, 2)), f.push_back("thw=" + w);
    f.push_back(std::string("cl=") + (cap_left ? "1" : "0") + (quote_left ? "1" : "0") +
                (quote_right ? "1" : "0") + gl);
    f.push_back(std::string("cls=") + (cap_left ? "1" : "0") + (quote_left ? "1" : "0") + "|" +
                Suffix(w, 3));
    f.push_back(std::string("lxw=") + lex[i] + "|" + w);
  }
  return out;
}

void AttributionFeatures(std::string_view text, Span cue, const std::vector<Span>& source,
                         const std::vector<Span>& content, std::vector<std::string>* f) {
  auto bucket = [](size_t k) -> const char* {
    return k == 0    ? "0"
           : k == 1  ? "1"
           : k == 2  ? "2"
           : k <= 5  ? "3"
           : k <= 12 ? "4"
           : k <= 30 ? "5"
                     : "6";
  };
  std::vector<std::string> sw;
  for (const Span& s : source)
    for (std::string& w : FoldedWords(text.substr(s.begin, s.end - s.begin)))
      sw.push_back(std::move(w));
  size_t cw = 0;  // words of the content: runs of letters/digits (any non-ASCII byte counts)
  for (const Span& s : content) {
    bool in_word = false;
    for (uint32_t i = s.begin; i < s.end; ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      bool w = std::isalnum(c) || c >= 0x80 || (in_word && c == '\'');
      cw += w && !in_word;
      in_word = w;
    }
  }
  f->push_back(std::string("sl=") + bucket(sw.size()));
  if (!sw.empty()) {
    f->push_back("s0=" + sw.front());
    f->push_back("sz=" + sw.back());
    size_t pos = source.front().begin;
    std::string sc = std::string(IsUpperCase(DecodeUtf8(text, &pos)) ? "1" : "0") +
                     (source.front().begin < cue.begin ? "b" : "a");
    f->push_back("scap=" + sc);
    std::string cls;  // word classes in the source
    for (const std::string& w : sw) {
      if (IsPronoun(w)) cls += 'p';
      if (IsRoleWord(w)) cls += 'r';
      if (IsOfficialWord(w)) cls += 'o';
      if (IsAnonymousWord(w)) cls += 'a';
      if (IsDocumentWord(w)) cls += 'd';
      if (IsMediaWord(w) || IsMediaNoun(w)) cls += 'm';
      if (cls.size() > 3) break;
    }
    f->push_back("scls=" + cls);
  }
  f->push_back(std::string("cl=") + bucket(cw) + (content.size() > 1 ? "m" : "1"));
  if (!content.empty()) {
    std::string cb = std::string(content.front().begin < cue.begin ? "1" : "0") +
                     (content.back().end > cue.end ? "1" : "0");
    f->push_back("cb=" + cb);
    size_t b = content.front().begin;
    bool q = text[b] == '"' || IsOpenQuoteAt(text, b) || (b > 0 && text[b - 1] == '"') ||
             (b >= 3 && IsOpenQuoteAt(text, b - 3));
    f->push_back(std::string("cq=") + (q ? "1" : "0"));
    size_t e = std::min<size_t>(content.front().end, text.find(' ', b + 4));  // first word(s)
    std::vector<std::string> c0 = FoldedWords(text.substr(b, e - b));
    f->push_back("c0=" + (c0.empty() ? std::string() : c0[0]));
  }
}

CueModel::CueModel(std::unordered_map<std::string, float> weights, float bias,
                   std::vector<std::string> candidates)
    : weights_(std::move(weights)), bias_(bias) {
  for (std::string& w : candidates) {
    CueEntry e;
    // A preposition ("in" a poll, "per" a report) introduces its source like "according to".
    if (IsPreposition(w) || w == "per" || w == "via") e.kind = CueKind::kAccordingTo;
    e.words.push_back(std::move(w));
    candidates_.push_back(std::move(e));
  }
  for (size_t i = 0; i < candidates_.size(); ++i)
    candidate_index_.emplace(candidates_[i].words[0], i);
  for (const auto& [w, i] : candidate_index_) candidate_signature_.Add(w);
}

const CueEntry* CueModel::Candidate(std::string_view word) const {
  if (!candidate_signature_.MayContain(word)) return nullptr;
  auto it = candidate_index_.find(word);
  return it == candidate_index_.end() ? nullptr : &candidates_[it->second];
}

std::vector<std::string> InduceCandidateCues(const std::vector<std::string>& cue_texts,
                                             int min_count) {
  std::unordered_map<std::string, int> count;
  for (const std::string& c : cue_texts) {
    std::vector<std::string> w = FoldedWords(c);
    if (w.size() == 1) ++count[w[0]];
  }
  CueMatcher matcher;
  std::vector<std::string> out;
  for (const auto& [w, c] : count) {
    if (c < min_count || IsAuxiliary(w) || IsBeForm(w) || IsPreposition(w) || IsPronoun(w) ||
        IsClauseWord(w) || IsNonFiniteMarker(w))
      continue;
    std::vector<Token> t = Tokenize(w);
    if (t.size() != 1 || !matcher.Match(t, kLangEn).empty()) continue;
    out.push_back(w);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const CueModel& CueModel::English() {
  static const CueModel* kModel = [] {
    std::unordered_map<std::string, float> w;
    w.reserve(kEnglishCueModelSize);
    for (size_t i = 0; i < kEnglishCueModelSize; ++i)
      w.emplace(kEnglishCueModelFeatures[i], kEnglishCueModelWeights[i]);
    std::vector<std::string> cands(kEnglishCandidateCues,
                                   kEnglishCandidateCues + kEnglishCandidateCuesSize);
    return new CueModel(std::move(w), kEnglishCueModelBias, std::move(cands));
  }();
  return *kModel;
}

double CueModel::Score(const std::vector<std::string>& features) const {
  double z = bias_;
  for (const std::string& f : features) {
    auto it = weights_.find(f);
    if (it != weights_.end()) z += it->second;
  }
  return 1.0 / (1.0 + std::exp(-z));
}

CueModel TrainCueModel(const std::vector<std::vector<std::string>>& examples,
                       const std::vector<bool>& labels, int epochs, double l2, int min_count) {
  std::unordered_map<std::string, int> count;
  for (const auto& ex : examples)
    for (const std::string& f : ex) ++count[f];
  std::unordered_map<std::string, size_t> id;
  for (const auto& [f, c] : count)
    if (c >= min_count) id.emplace(f, id.size());
  std::vector<std::vector<uint32_t>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i)
    for (const std::string& f : examples[i]) {
      auto it = id.find(f);
      if (it != id.end()) x[i].push_back(uint32_t(it->second));
    }
  std::vector<double> w(id.size(), 0.0), g2(id.size(), 1e-8);
  double b = 0, gb2 = 1e-8;
  const double eta = 0.2;
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  uint64_t rng = 88172645463325252ull;
  for (int ep = 0; ep < epochs; ++ep) {
    for (size_t i = order.size(); i > 1; --i) {  // deterministic shuffle (xorshift)
      rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
      std::swap(order[i - 1], order[rng % i]);
    }
    for (size_t i : order) {
      double z = b;
      for (uint32_t f : x[i]) z += w[f];
      double p = 1.0 / (1.0 + std::exp(-z));
      double g = p - (labels[i] ? 1.0 : 0.0);
      for (uint32_t f : x[i]) {
        double gf = g + l2 * w[f];
        g2[f] += gf * gf;
        w[f] -= eta * gf / std::sqrt(g2[f]);
      }
      gb2 += g * g;
      b -= eta * g / std::sqrt(gb2);
    }
  }
  std::unordered_map<std::string, float> weights;
  for (const auto& [f, k] : id)
    if (std::fabs(w[k]) > 1e-4) weights.emplace(f, float(w[k]));
  return CueModel(std::move(weights), float(b));
}

}  // namespace headwater::attribution
