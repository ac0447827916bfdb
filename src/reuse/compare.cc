// Exact containment and the longest shared passage.
//
// Both texts become shingle sequences (shingle.h). Containment is the size of the intersection
// of the distinct-shingle sets (a branch-free merge of the two sorted sets) over each set's
// size; the merge also marks which of A's distinct shingles B has. The longest shared passage
// is the longest run of consecutive positions of A whose shingles are marked (each position
// knows the rank of its shingle in A's sorted set, computed once per text); a run of r
// shingles spans r + n - 1 words of A. The run need not be contiguous in B, which only matters
// for texts that repeat themselves. Shared passages are the runs of at least
// passage_min_words words.
#include "reuse/compare.h"

#include <algorithm>

#include "reuse/shingle.h"

namespace headwater::reuse {
namespace internal {

PreparedText Prepare(std::string_view text, const Options& options) {
  PreparedText p;
  WordHashes words;
  HashWords(text, options.max_words, /*with_offsets=*/true, &words);
  p.sequence = ShingleSequence(words.hash, options.shingle_words);
  p.sorted = p.sequence;
  SortUnique(&p.sorted);
  // Ranks: the hashes are uniform, so bucketing the sorted set by its top bits leaves ~2 values
  // per bucket; each position finds its value by a short scan from its bucket's start.
  p.rank.resize(p.sequence.size());
  if (!p.sorted.empty()) {
    int bits = 1;
    while (bits < 24 && (size_t{1} << bits) < p.sorted.size()) ++bits;
    const int shift = 64 - bits;
    std::vector<uint32_t> start((size_t{1} << bits) + 1, 0);
    for (uint64_t h : p.sorted) ++start[(h >> shift) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (size_t i = 0; i < p.sequence.size(); ++i) {
      uint32_t r = start[p.sequence[i] >> shift];
      while (p.sorted[r] != p.sequence[i]) ++r;
      p.rank[i] = r;
    }
  }
  p.word_begin = std::move(words.begin);
  p.word_end = std::move(words.end);
  return p;
}

Comparison ComparePrepared(const PreparedText& a, std::string_view text_a, const PreparedText& b,
                           const Options& options) {
  return CompareSorted(a, text_a, b.sorted, options);
}

namespace {

// Merges a's distinct shingles (projected to the width of b's values) with b's, marking in
// in_b which of a's b has; returns how many.
template <typename B, int kShift>
size_t MarkShared(const std::vector<uint64_t>& a_sorted, const std::vector<B>& b_sorted,
                  std::vector<uint8_t>* in_b) {
  in_b->assign(a_sorted.size(), 0);
  size_t shared = 0;
  const uint64_t* x = a_sorted.data();
  const B* y = b_sorted.data();
  uint8_t* mark = in_b->data();
  const size_t nx = a_sorted.size(), ny = b_sorted.size();
  for (size_t i = 0, j = 0; i < nx && j < ny;) {
    const B u = static_cast<B>(x[i] >> kShift), v = y[j];
    const bool eq = u == v;
    mark[i] = eq;
    shared += eq;
    i += u <= v;
    j += v <= u;
  }
  return shared;
}

// The rest of CompareSorted once the shared shingles of a are marked: containments, then the
// longest passage and the passages.
Comparison FromMarks(const PreparedText& a, std::string_view text_a,
                     const std::vector<uint8_t>& in_b, size_t shared, size_t ny,
                     const Options& options, bool quick) {
  Comparison c;
  const size_t nx = a.sorted.size();
  c.a_in_b = static_cast<double>(shared) / static_cast<double>(nx);
  c.b_in_a = std::min(1.0, static_cast<double>(shared) / static_cast<double>(ny));
  if (shared == 0) return c;
  if (quick && std::max(c.a_in_b, c.b_in_a) < options.partial_min) return c;

  const size_t n = static_cast<size_t>(options.shingle_words);
  // A run of r shingles spans r + n - 1 words: count runs of at least passage_min_words words.
  const size_t min_run = options.passage_min_words + 1 > n ? options.passage_min_words + 1 - n : 1;
  size_t best_start = 0, best_len = 0, run_start = 0, run_len = 0;
  for (size_t i = 0; i <= a.sequence.size(); ++i) {
    if (i < a.sequence.size() && in_b[a.rank[i]]) {
      if (run_len == 0) run_start = i;
      ++run_len;
      if (run_len > best_len) best_len = run_len, best_start = run_start;
    } else {
      if (run_len >= min_run) ++c.passages;
      run_len = 0;
    }
  }
  const size_t first_word = best_start, last_word = best_start + best_len + n - 2;
  const uint32_t begin = a.word_begin[first_word], end = a.word_end[last_word];
  c.longest_words = static_cast<uint32_t>(best_len + n - 1);
  c.longest_chars = end - begin;
  size_t take = std::min<size_t>(end - begin, options.max_passage_text_bytes);
  // Do not cut a UTF-8 sequence: back up to a lead byte.
  while (take > 0 && take < end - begin &&
         (static_cast<unsigned char>(text_a[begin + take]) & 0xC0) == 0x80) {
    --take;
  }
  c.longest_text = std::string(text_a.substr(begin, take));
  return c;
}

}  // namespace

Comparison CompareSorted(const PreparedText& a, std::string_view text_a,
                         const std::vector<uint64_t>& b_sorted, const Options& options,
                         bool quick) {
  if (a.sorted.empty() || b_sorted.empty()) return Comparison();
  thread_local std::vector<uint8_t> in_b;
  const size_t shared = MarkShared<uint64_t, 0>(a.sorted, b_sorted, &in_b);
  return FromMarks(a, text_a, in_b, shared, b_sorted.size(), options, quick);
}

Comparison CompareSorted(const PreparedText& a, std::string_view text_a,
                         const std::vector<uint32_t>& b_high, const Options& options, bool quick) {
  if (a.sorted.empty() || b_high.empty()) return Comparison();
  thread_local std::vector<uint8_t> in_b;
  const size_t shared = MarkShared<uint32_t, 32>(a.sorted, b_high, &in_b);
  return FromMarks(a, text_a, in_b, shared, b_high.size(), options, quick);
}

}  // namespace internal

Comparison Compare(std::string_view text_a, std::string_view text_b, const Options& options) {
  internal::PreparedText a = internal::Prepare(text_a, options);
  internal::PreparedText b = internal::Prepare(text_b, options);
  return internal::ComparePrepared(a, text_a, b, options);
}

ReuseClass Classify(const Comparison& comparison, const Options& options) {
  const double c = std::max(comparison.a_in_b, comparison.b_in_a);
  if (c <= 0 || comparison.longest_words < options.min_passage_words) return ReuseClass::kNone;
  if (c >= options.whole_min) return ReuseClass::kWhole;
  if (c < options.partial_min) return ReuseClass::kNone;
  if (comparison.longest_words >= options.long_passage_words ||
      comparison.passages >= options.partial_min_passages) {
    return ReuseClass::kPartial;
  }
  return ReuseClass::kNone;  // one quoted or boilerplate block
}

ReuseEdge Orient(const Article& a, const Article& b, const Comparison& a_vs_b, ReuseClass cls) {
  bool a_is_copy;
  if (a.published && b.published && *a.published != *b.published) {
    a_is_copy = *a.published > *b.published;
  } else if (a_vs_b.a_in_b != a_vs_b.b_in_a) {
    a_is_copy = a_vs_b.a_in_b > a_vs_b.b_in_a;
  } else {
    a_is_copy = a.id > b.id;
  }
  ReuseEdge edge;
  edge.source_id = a_is_copy ? b.id : a.id;
  edge.copy_id = a_is_copy ? a.id : b.id;
  edge.cls = cls;
  edge.copy_in_source = a_is_copy ? a_vs_b.a_in_b : a_vs_b.b_in_a;
  edge.source_in_copy = a_is_copy ? a_vs_b.b_in_a : a_vs_b.a_in_b;
  edge.longest_chars = a_vs_b.longest_chars;
  edge.longest_text = a_vs_b.longest_text;
  return edge;
}

}  // namespace headwater::reuse
