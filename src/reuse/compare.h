// The exact step of reuse detection: containment of two texts' shingle sets in each other, the
// longest shared passage, the reuse class, and the direction of the copies edge.
// Thread-safety: all functions are pure and safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "reuse/options.h"

namespace headwater::reuse {

struct Comparison {
  double a_in_b = 0;  // share of A's distinct shingles that occur in B, [0,1]; 1 = all of A is in B
  double b_in_a = 0;  // share of B's distinct shingles that occur in A, [0,1]
  // Longest shared passage: the longest run of consecutive shingles of A that each occur in B,
  // as a span of A's text (from its first word's first byte to its last word's last byte).
  uint32_t longest_chars = 0;  // its length in bytes of A's text; 0 when nothing is shared
  uint32_t longest_words = 0;  // its length in words
  // Shared passages (maximal runs as above) of at least Options::passage_min_words words.
  uint32_t passages = 0;
  std::string longest_text;  // the passage from A's text, cut to max_passage_text_bytes
};

// Compares two texts shingled as in Shingles(). Texts with fewer than shingle_words words share
// nothing (all zero). Cost O((|A| + |B|) log |B|) in words, bounded by Options::max_words.
Comparison Compare(std::string_view text_a, std::string_view text_b, const Options& options);

// Class of a comparison, direction-free: c = max(a_in_b, b_in_a), the share of the text more
// made of the other. kNone when the longest shared passage has fewer than min_passage_words
// words (stock phrases, one short quote); otherwise kWhole when c >= whole_min; kPartial when
// c >= partial_min and the reuse is more than one quoted or boilerplate block (the longest
// passage has long_passage_words words, or there are partial_min_passages passages); else
// kNone.
ReuseClass Classify(const Comparison& comparison, const Options& options);

// The copies edge between a and b (a_vs_b = Compare(a.text, b.text)). The source is the article
// published earlier; when either time is missing or both are equal, the source is the article
// whose text is less made of the other's (lower own-share-in-the-other; ties: lower id), so a
// trimmed wire copy is the copy of the full story. Containments are oriented:
// copy_in_source = share of the copy's shingles found in the source. cls is set as given; the
// passage is a_vs_b's (taken from a's text).
ReuseEdge Orient(const Article& a, const Article& b, const Comparison& a_vs_b, ReuseClass cls);

namespace internal {

// A text shingled once, to be compared with many others.
struct PreparedText {
  std::vector<uint64_t> sequence;              // shingle hash per position, in text order
  std::vector<uint64_t> sorted;                // distinct shingle hashes, ascending
  std::vector<uint32_t> rank;                  // rank[i]: index of sequence[i] in sorted
  std::vector<uint32_t> word_begin, word_end;  // byte offsets of the words
};
PreparedText Prepare(std::string_view text, const Options& options);
// Compare() of two prepared texts; text_a is the text `a` was prepared from.
Comparison ComparePrepared(const PreparedText& a, std::string_view text_a, const PreparedText& b,
                           const Options& options);
// The same against only the distinct shingles of b (ascending, unique). With quick = true,
// stops after the containments when both are below Options::partial_min (longest passage and
// passages then stay 0; Classify() gives kNone either way). Cost O(|A| + |B|).
Comparison CompareSorted(const PreparedText& a, std::string_view text_a,
                         const std::vector<uint64_t>& b_sorted, const Options& options,
                         bool quick = false);
// The same against the high 32 bits of b's distinct shingle hashes (ascending; what the
// detector's cache keeps, half the bytes): a's hashes are compared by their high 32 bits too.
// Two different shingles agree on 32 bits with probability 2^-32 per pair, so containments
// may rise by about |A| * |B| / 2^32 shingles (1e-4 for two 800-shingle texts): negligible.
Comparison CompareSorted(const PreparedText& a, std::string_view text_a,
                         const std::vector<uint32_t>& b_high, const Options& options,
                         bool quick = false);

}  // namespace internal
}  // namespace headwater::reuse
