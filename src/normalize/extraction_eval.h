// The scoring of the article-extraction benchmark (scrapinghub/article-extraction-benchmark):
// each text becomes the multiset of its 4-token shingles (tokens are runs of word characters,
// like Python's `\w+`); per page TP/FP/FN are the multiset overlaps between predicted and true
// shingles, normalised to sum to 1 so every page weighs the same; precision and recall are means
// over pages, F1 is the harmonic mean of those means.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace headwater::normalize {

struct ExtractionEvalOptions {
  int shingle_tokens = 4;  // tokens per shingle (the benchmark uses 4)
};

// One page's overlap, normalised so tp + fp + fn == 1 (all 0 when both texts have no tokens).
struct PageOverlap {
  double tp = 0, fp = 0, fn = 0;
};

// Scores in [0,1], higher = better.
struct ExtractionScore {
  double precision = 0;  // mean over pages with predicted shingles
  double recall = 0;     // mean over pages with true shingles
  double f1 = 0;         // 2PR/(P+R) of the means
  double accuracy = 0;   // share of pages whose token lists match exactly
  size_t pages = 0;
};

// \w+ tokens of text (letters, digits, underscore; Unicode-aware).
std::vector<std::string_view> WordTokens(std::string_view text);

PageOverlap ShingleOverlap(std::string_view truth, std::string_view predicted,
                           const ExtractionEvalOptions& o = {});

// truth[i] pairs with predicted[i]; the vectors must have the same length.
ExtractionScore ScoreExtraction(const std::vector<std::string>& truth,
                                const std::vector<std::string>& predicted,
                                const ExtractionEvalOptions& o = {});

}  // namespace headwater::normalize
