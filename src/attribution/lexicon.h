// Cue lexicons (English, Spanish, Portuguese) and the word classes the span finder uses, plus
// CueMatcher: one pass over a folded token stream that finds every cue, longest first.
//
// The English verb-like cues (lexicon_en.cc) were induced from PolNeAR *train* only:
//  1. candidates = every annotated cue expression seen at least twice, folded, with leading
//     auxiliaries ("has", "also", ...) removed, pure function words dropped, plus a hand list;
//  2. the extractor ran on train with all candidates, and each candidate was kept when at least
//     30% of the attributions it produced matched a gold attribution (cue, content and source
//     overlap), the F1-optimal cut on train;
//  3. multi-word candidates whose span was exactly right less than half the time were dropped
//     ("said of" -> "said"), so the shorter cue matches instead.
// Spanish and Portuguese cues, denials, "according to", sourceless and passive cues are
// hand-made (lexicon.cc).
// Thread-safety: the tables are immutable after first use (built once, thread-safe statics);
// CueMatcher is immutable after construction and const methods may run concurrently.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/text.h"

namespace headwater::attribution {

enum class CueKind {
  kVerb,         // source before (subject) or after (inverted); content after or before
  kAccordingTo,  // "according to X", "según X": source after, content in the rest of the clause
  kSourceless,   // "reportedly", "allegedly": no source, content is the sentence
  kPassive,      // "it was reported that": no source unless "by X" follows; content after
  kRaising,      // "X seemed to …", "X is expected to …": no source; content = X + what follows
};

// Language bits.
inline constexpr uint8_t kLangEn = 1, kLangEs = 2, kLangPt = 4, kLangAll = 7;
// Mask for a Context::lang code; unknown/"und" gives kLangAll.
uint8_t LangMask(std::string_view lang);

struct CueEntry {
  std::vector<std::string> words;  // folded words, "according", "to"
  CueKind kind = CueKind::kVerb;
  bool denies = false;
  bool needs_object = false;  // "told", "asked": an object may stand between cue and content
  // Spanish/Portuguese verbs that also take a plain noun-phrase object ("publicó una foto"): an
  // attribution only with a "que" clause, colon or quotation after, or content before.
  bool needs_clause = false;
  uint8_t langs = kLangEn;
  // When set, the (single) word must be written exactly so (first letter case-insensitive):
  // "anunció", not the noun "anuncio". Empty = any spelling that folds to `words`.
  std::string accented;
};

// Appends the Spanish cue entries (lexicon_es.cc).
void AppendSpanishCues(std::vector<CueEntry>* out);
// Appends the Portuguese cue entries (lexicon_pt.cc).
void AppendPortugueseCues(std::vector<CueEntry>* out);

struct CueMatch {
  size_t first = 0, count = 0;  // token range [first, first+count)
  const CueEntry* entry = nullptr;
};

class CueMatcher {
 public:
  CueMatcher();  // indexes the built-in lexicon
  // Every cue in `tokens`, left to right, non-overlapping, longest entry first at each token.
  // `text` is what the tokens index; without it accent-sensitive entries match any spelling.
  std::vector<CueMatch> Match(const std::vector<Token>& tokens, uint8_t langs,
                              std::string_view text = {}) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<CueEntry> entries_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_;  // sorted longest first
};

// A cheap membership prefilter for word sets: one bit per (first byte, length) pair, so most
// words outside a set are rejected without hashing them. May say yes for words not in the set,
// never no for words in it.
class WordSignature {
 public:
  void Add(std::string_view w) {
    if (!w.empty()) bits_.set(Key(w));
  }
  bool MayContain(std::string_view w) const { return !w.empty() && bits_.test(Key(w)); }

 private:
  static size_t Key(std::string_view w) {
    return size_t(static_cast<uint8_t>(w[0])) * 32 + std::min<size_t>(w.size(), 31);
  }
  std::bitset<256 * 32> bits_;
};

// Word classes over FOLDED words.
bool IsAuxiliary(std::string_view w);    // has, have, also, was, ... (before a verb cue)
bool IsClauseWord(std::string_view w);   // that, which, who, but, because, ... (ends a subject)
bool IsTemporalWord(std::string_view w); // last, august, monday, earlier, ... (leads a subject)
bool IsOfficialWord(std::string_view w); // officials, police, government, fbi, mexico, ...
bool IsAnonymousWord(std::string_view w);  // source(s), anonymous, unnamed, fuentes, ...
bool IsDocumentWord(std::string_view w); // report, statement, documents, comunicado, ...
bool IsRoleWord(std::string_view w);     // spokeswoman, secretary, senator, portavoz, ...
bool IsPronoun(std::string_view w);
bool IsNonFiniteMarker(std::string_view w);  // to, a, an, the, this, their, its (before a noun/infinitive)
// Words of outlet names ("Times", "Post", "News", "Diario", "Folha") and media nouns
// ("newspaper", "diario", "jornal") that make a source an outlet without the registry.
bool IsMediaWord(std::string_view w);
bool IsMediaNoun(std::string_view w);
bool IsPreposition(std::string_view w);       // in, on, at, to, during, ... (not a subject start)
bool IsBeForm(std::string_view w);            // was, were, been, being, is, are, be
bool LooksLikeParticiple(std::string_view w); // "highlighted", "told", "known"
bool IsAdverb(std::string_view w);            // even, yet, eventually, ...ly (not a subject)
bool IsRelativePronoun(std::string_view w);
// Spanish/Portuguese classes (folded): determiners before a noun ("la", "su", "una"), object
// clitics before a verb ("nos", "le", "se"), and words that cannot start a subject noun phrase
// (prepositions and clitics: "sobre", "sin", "le").
bool IsRomanceDeterminer(std::string_view w);
bool IsRomanceClitic(std::string_view w);
bool IsRomanceNonSubject(std::string_view w);
// Sentence adverbs and conjunctions that may lead a clause before its subject ("ahora",
// "además", "y", "aunque"); skipped when looking for a subject.
bool IsRomanceLeadWord(std::string_view w);   // who, which, quien, quem      // he, she, they, ella, ele, ...

}  // namespace headwater::attribution
