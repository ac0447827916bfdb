// A small bilingual lexicon, Spanish -> English and Portuguese -> English, so that story
// clustering can compare content words across languages (terms.h adds the English stems of a
// Spanish or Portuguese word's translations as extra terms whose keys English articles share).
//
// Source: the FreeDict dictionaries Debian ships as dictd files (packages dict-freedict-spa-eng
// and dict-freedict-por-eng, installed by scripts/deps.sh): <dir>/freedict-spa-eng.{index,dict.dz}
// and <dir>/freedict-por-eng.{index,dict.dz}, dir = /usr/share/dictd by default. The .index lines
// are "headword<TAB>offset<TAB>length" (numbers in dictd's base64 digits), the .dict.dz is
// gzip-compatible. Only single-word headwords are kept; of their translations, the first
// max_translations English content words (a phrase such as "camping ground" gives "camping" and
// "ground"; function words such as "of", "to" are dropped), all folded (common/text.h Fold). A
// missing dictionary gives an empty language and a note(), never an error. Memory: 3.9k Spanish
// and 9.2k Portuguese headwords; MemoryBytes() estimates the total (1.84 MB with the default
// options, measured by LexiconReal.LoadsFreeDict).
//
// Thread-safety: a Lexicon is immutable once built; const methods may run concurrently.
// Shared() loads the default lexicon once per process (thread-safe) and returns it shared.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace headwater::stories {

struct LexiconOptions {
  // Directory with the dictd files.
  std::string dir = "/usr/share/dictd";
  // English words kept per headword, in the dictionary's order (first sense first). More add
  // recall across languages but also noise terms; 4 covers the first sense of most entries.
  size_t max_translations = 4;
};

class Lexicon {
 public:
  Lexicon() = default;  // empty: translates nothing

  // Loads es and pt from options.dir. Never fails: a missing or unreadable dictionary leaves
  // its language empty and says so in note().
  static Lexicon Load(const LexiconOptions& options = {});
  // The default lexicon (LexiconOptions{}), loaded on first use, shared and immutable.
  static std::shared_ptr<const Lexicon> Shared();

  // Adds the entries of one dictd dictionary for lang ("es", "pt"). IoError naming the file when
  // a file cannot be read; Corruption naming file and line for a malformed index line.
  Status AddDictd(std::string_view lang, const std::string& index_path,
                  const std::string& dict_path, size_t max_translations);
  // Adds one entry (headword and translations are folded here); merges with an existing one.
  void Add(std::string_view lang, std::string_view headword,
           const std::vector<std::string>& translations, size_t max_translations = 4);

  // Folded English translations of a folded word of lang, or nullptr. When the word itself is
  // not a headword, tries its likely lemma: plural -> singular (-es, -s), feminine -> masculine
  // (-a -> -o), participle -> infinitive (es -ado/-ido -> -ar/-er/-ir, pt -ado/-ido -> -ar/-er/-ir)
  // and their plurals.
  const std::vector<std::string>* Translate(std::string_view lang,
                                            std::string_view folded_word) const;

  // Headwords of lang.
  size_t size(std::string_view lang) const;
  bool empty() const { return es_.empty() && pt_.empty(); }
  // Estimated heap bytes held (strings, vectors, hash buckets).
  size_t MemoryBytes() const;
  // What was loaded or is missing, for logs: "es: 4402 headwords (...); pt: missing ...".
  const std::string& note() const { return note_; }

 private:
  using Map = std::unordered_map<std::string, std::vector<std::string>>;
  const Map* MapFor(std::string_view lang) const;
  Map* MapFor(std::string_view lang);
  const std::vector<std::string>* Find(const Map& m, std::string_view w) const;

  Map es_, pt_;
  std::string note_;
};

}  // namespace headwater::stories
