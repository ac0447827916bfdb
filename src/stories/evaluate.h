// Extrinsic scores of a clustering against gold labels: B-cubed and pairwise precision, recall
// and F1. Used by the stories tests and benchmarks to measure StoryClusterer on labelled data.
//
// Both take two parallel label vectors: predicted[i] and gold[i] are the cluster ids of item i.
// Labels are opaque 64-bit ids; only equality matters.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

namespace headwater::stories {

struct ClusteringScores {
  // All in [0,1], higher is better. A score whose denominator is empty (e.g. pairwise precision
  // when every predicted cluster is a singleton) is 1 by convention: nothing claimed, nothing
  // wrong. F1 is the harmonic mean of precision and recall (0 when both are 0).
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// B-cubed (Bagga & Baldwin 1998; Amigó et al. 2009): for each item, precision is the share of
// its predicted cluster that shares its gold label, recall the share of its gold cluster that
// shares its predicted cluster; both averaged over items (the item itself counts).
// REQUIRES: predicted.size() == gold.size(). Empty input gives precision = recall = f1 = 1.
ClusteringScores BCubed(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold);

// Pairwise: over all unordered pairs of distinct items, precision = (pairs together in both) /
// (pairs together in predicted), recall = (pairs together in both) / (pairs together in gold).
// Counted from a contingency table in O(n log n), not over the n^2 pairs.
// REQUIRES: predicted.size() == gold.size().
ClusteringScores Pairwise(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold);

// Coverage of one gold class: the largest share of the class's items that one predicted cluster
// holds, in [0,1] (1 = the class lies wholly in one cluster). 0 when the class has no items.
double ClassCoverage(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold,
                     int64_t gold_class);

}  // namespace headwater::stories
