// Term extraction for story clustering; see terms.h for the steps.
#include "stories/terms.h"

#include <libstemmer.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"

namespace headwater::stories {
namespace {

// The most frequent function words of each language (a head of the Snowball stop lists). Kept
// short on purpose: the clusterer's online IDF zeroes every other term that most articles share.
const std::unordered_set<std::string_view>& SeedStopWords(std::string_view lang) {
  static const std::unordered_set<std::string_view> kEn = {
      "the",  "of",   "and", "to",   "in",   "for",  "on",   "is",    "at",  "by",
      "with", "as",   "be",  "it",   "an",   "was",  "that", "from",  "are", "has",
      "its",  "his",  "her", "he",   "she",  "they", "we",   "this",  "or",  "but",
      "not",  "have", "had", "were", "will", "said", "says", "after", "new"};
  static const std::unordered_set<std::string_view> kEs = {
      "de",    "la",      "que",  "el",  "en",   "los", "del", "se",   "las",   "por",
      "un",    "para",    "con",  "una", "su",   "al",  "lo",  "como", "mas",   "pero",
      "sus",   "le",      "ya",   "fue", "este", "ha",  "es",  "son",  "entre", "sin",
      "sobre", "tambien", "dijo", "ser", "y",    "o",   "a"};
  static const std::unordered_set<std::string_view> kPt = {
      "de",   "a",   "o",     "que",    "e",     "do",   "da",  "em",   "um",  "para",
      "com",  "uma", "os",    "no",     "se",    "na",   "por", "mais", "as",  "dos",
      "como", "mas", "ao",    "ele",    "das",   "seu",  "sua", "ou",   "foi", "ser",
      "nos",  "ja",  "sobre", "tambem", "disse", "pelo", "pela"};
  static const std::unordered_set<std::string_view> kNone;
  if (lang == "en") return kEn;
  if (lang == "es") return kEs;
  if (lang == "pt") return kPt;
  return kNone;
}

const char* StemmerName(std::string_view lang) {
  if (lang == "en") return "english";
  if (lang == "es") return "spanish";
  if (lang == "pt") return "portuguese";
  return nullptr;
}

bool IsNumber(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Drops a trailing possessive "'s" / "'" and other apostrophes' tails: "putin's" -> "putin".
std::string StripPossessive(const std::string& w) {
  size_t q = w.find('\'');
  return q == std::string::npos ? w : w.substr(0, q);
}

bool StartsUpper(std::string_view text, const Token& t) {
  size_t pos = t.begin;
  return IsUpperCase(DecodeUtf8(text, &pos));
}

// True when the bytes between two tokens end a sentence or a paragraph.
bool SentenceBreak(std::string_view gap) {
  return gap.find_first_of(".!?:;\"\n#|") != std::string_view::npos;
}

struct Counts {
  std::string surface;
  double title = 0, body = 0;
  double boost = 1;
  bool independent = false;
};

constexpr size_t kStemCacheSize = 100000;

double Sublinear(double c) { return c > 0 ? 1 + std::log(c) : 0; }

}  // namespace

struct TermExtractor::Stemmers {
  sb_stemmer* en = nullptr;
  sb_stemmer* es = nullptr;
  sb_stemmer* pt = nullptr;
  // Word -> stem caches (Snowball is the costliest step per token).
  std::unordered_map<std::string, std::string> en_cache, es_cache, pt_cache;
  // A lexicon translation list -> its words that are not English seed stop words, with their
  // English stems, in list order (the lexicon is immutable while the extractor holds it).
  std::unordered_map<const std::vector<std::string>*,
                     std::vector<std::pair<std::string, std::string>>>
      translation_stems;
  ~Stemmers() {
    for (sb_stemmer* s : {en, es, pt}) {
      if (s != nullptr) sb_stemmer_delete(s);
    }
  }
};

TermExtractor::TermExtractor(TermOptions options)
    : options_(options), stemmers_(std::make_unique<Stemmers>()) {
  stemmers_->en = sb_stemmer_new(StemmerName("en"), "UTF_8");
  stemmers_->es = sb_stemmer_new(StemmerName("es"), "UTF_8");
  stemmers_->pt = sb_stemmer_new(StemmerName("pt"), "UTF_8");
}
TermExtractor::~TermExtractor() = default;
TermExtractor::TermExtractor(TermExtractor&&) noexcept = default;
TermExtractor& TermExtractor::operator=(TermExtractor&&) noexcept = default;

bool TermExtractor::IsSeedStopWord(std::string_view lang, std::string_view folded_word) {
  return SeedStopWords(lang).count(folded_word) > 0;
}

std::string TermExtractor::Stem(std::string_view lang, const std::string& folded) {
  sb_stemmer* s = nullptr;
  if (lang == "en") s = stemmers_->en;
  if (lang == "es") s = stemmers_->es;
  if (lang == "pt") s = stemmers_->pt;
  if (s == nullptr) return folded;
  auto& cache = lang == "en"   ? stemmers_->en_cache
                : lang == "es" ? stemmers_->es_cache
                               : stemmers_->pt_cache;
  auto hit = cache.find(folded);
  if (hit != cache.end()) return hit->second;
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(folded.data()),
                                         static_cast<int>(folded.size()));
  if (out == nullptr) return folded;
  std::string stem(reinterpret_cast<const char*>(out), sb_stemmer_length(s));
  if (cache.size() >= kStemCacheSize) cache.clear();  // crude bound; refills with hot words
  cache.emplace(folded, stem);
  return stem;
}

std::vector<RawTerm> TermExtractor::Extract(std::string_view lang, std::string_view title,
                                            std::string_view text,
                                            const std::vector<std::string>& places) {
  std::unordered_map<std::string, Counts> counts;
  counts.reserve(256);
  const Lexicon* lexicon = nullptr;
  if (options_.translation_weight > 0 && (lang == "es" || lang == "pt")) {
    if (lexicon_ == nullptr) lexicon_ = options_.lexicon ? options_.lexicon : Lexicon::Shared();
    lexicon = lexicon_.get();
  }
  auto add_field = [&](std::string_view field, bool is_title) {
    std::vector<Token> tokens = Tokenize(field);
    // A Title Case headline capitalises every content word: capitals say nothing there.
    bool title_case = false;
    if (is_title) {
      int long_words = 0, upper = 0;
      for (const Token& t : tokens) {
        if (t.folded.size() < 4 || IsNumber(t.folded)) continue;
        ++long_words;
        if (StartsUpper(field, t)) ++upper;
      }
      title_case = long_words >= 3 && upper * 10 >= long_words * 6;
    }
    uint32_t prev_end = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      bool sentence_start = i == 0 || SentenceBreak(field.substr(prev_end, t.begin - prev_end));
      prev_end = t.end;
      std::string word = StripPossessive(t.folded);
      if (word.empty()) continue;
      bool number = IsNumber(word);
      if (!number && word.size() < options_.min_token_chars) continue;
      if (!number && IsSeedStopWord(lang, word)) continue;
      bool entity = !number && !title_case && !sentence_start && StartsUpper(field, t);
      std::string key;
      double boost = 1;
      if (number) {
        key = word;
        boost = options_.number_weight;
      } else if (entity) {
        key = Stem("en", word);
        boost = options_.entity_weight;
      } else {
        key = Stem(lang, word);
      }
      Counts& c = counts[key];
      if (c.surface.empty()) c.surface = word;
      (is_title ? c.title : c.body) += 1;
      c.boost = std::max(c.boost, boost);
      c.independent = c.independent || number || entity;
      if (lexicon == nullptr || number || entity) continue;
      const std::vector<std::string>* english = lexicon->Translate(lang, word);
      if (english == nullptr) continue;
      auto [cached, fresh] = stemmers_->translation_stems.try_emplace(english);
      if (fresh) {
        for (const std::string& e : *english) {
          if (!IsSeedStopWord("en", e)) cached->second.emplace_back(e, Stem("en", e));
        }
      }
      std::vector<std::string> seen;  // each stem once per word ("arm", "arms")
      for (const auto& [e, stem] : cached->second) {
        if (stem == key || std::find(seen.begin(), seen.end(), stem) != seen.end()) continue;
        seen.push_back(stem);
        auto [it, inserted] = counts.try_emplace(stem);
        Counts& t = it->second;
        if (inserted) {
          t.surface = e;
          t.boost = options_.translation_weight;
        }
        (is_title ? t.title : t.body) += 1;  // stays not independent unless also an entity
      }
    }
  };
  add_field(title, true);
  if (options_.max_body_bytes > 0 && text.size() > options_.max_body_bytes) {
    size_t cut = text.rfind(' ', options_.max_body_bytes);
    text = text.substr(0, cut == std::string_view::npos ? options_.max_body_bytes : cut);
  }
  add_field(text, false);
  for (const std::string& place : places) {
    std::string folded = Fold(place);
    if (folded.empty()) continue;
    Counts& c = counts["@" + folded];
    c.surface = folded;
    c.title = 0;
    c.body = 0;
    c.boost = options_.place_weight;
    c.independent = true;
  }
  std::vector<RawTerm> out;
  out.reserve(counts.size());
  // Sorted output keeps the result independent of hash order.
  for (auto& [key, c] : counts) {
    RawTerm r;
    r.term = key;
    r.surface = std::move(c.surface);
    bool place = key[0] == '@';
    r.tf = place ? c.boost
                 : c.boost * (options_.title_weight * Sublinear(c.title) + Sublinear(c.body));
    r.independent = c.independent;
    if (r.tf > 0) out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const RawTerm& x, const RawTerm& y) { return x.term < y.term; });
  return out;
}

}  // namespace headwater::stories
