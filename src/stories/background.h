// Background term frequencies: how generic a term is in news at large, learned from corpora
// other than the stream being clustered, so that words every news story uses ("monday", "say",
// "report", "week") weigh little from the first article on, and a stream that is itself about
// few topics does not take its own rare-but-generic words for evidence.
//
// A term's generality is the share of a corpus's documents that hold it, taken as the SMALLEST
// share over the corpora of one language (a word is generic only when it is common in every
// background corpus, so one corpus's own topic, e.g. "putin" in a corpus about one summit, is
// not), and the largest over languages. Terms are the keys TermExtractor gives (stems, numbers,
// "@places"), so the clusterer looks them up as they are. Only terms and shares are held: no
// text of the corpora.
// Thread-safety: building (AddCorpus, Load) is not thread-safe; const methods may run
// concurrently once it is built (the clusterer shares one through a shared_ptr<const>).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "stories/terms.h"

namespace headwater::stories {

class BackgroundFrequencies {
 public:
  // Adds one corpus of language lang: each element is the terms of one document (as
  // TermExtractor::Extract gives them; a term counts once per document). Terms held by fewer
  // than min_docs documents of it are not kept (rare terms are not generic, and the table
  // stays small). An empty corpus adds nothing.
  void AddCorpus(std::string_view lang, const std::vector<std::vector<RawTerm>>& docs,
                 uint32_t min_docs = 2);

  // Generality of term in [0,1], higher = more generic: the smallest share of documents holding
  // it over the corpora of a language (0 when a corpus of that language lacks it), the largest
  // such value over languages. 0 for a term no corpus holds.
  double Generality(std::string_view term) const;

  // Number of terms with generality > 0, and of corpora added.
  size_t size() const { return generality_.size(); }
  size_t corpus_count() const { return corpora_; }

  // TSV of "term<TAB>generality" lines (the generated table; the clusterer needs only these).
  std::string ToTsv() const;
  // Parses ToTsv's output. InvalidArgument naming the line when one is malformed. A table so
  // loaded holds generalities only: AddCorpus on it starts the table again from its corpora.
  static StatusOr<BackgroundFrequencies> FromTsv(std::string_view tsv);

 private:
  void Recompute();

  struct Lang {
    int corpora = 0;
    // term -> (smallest share so far, corpora holding it)
    std::unordered_map<std::string, std::pair<double, int>> shares;
  };
  std::unordered_map<std::string, Lang> langs_;
  std::unordered_map<std::string, double> generality_;
  size_t corpora_ = 0;
};

}  // namespace headwater::stories
