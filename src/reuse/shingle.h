// Shingling and MinHash sketching: the first step of reuse detection.
//
// A text becomes the set of hashes of its word n-grams ("shingles") over Fold()ed tokens; a set
// becomes a fixed-size Signature whose slot-wise agreement with another Signature estimates the
// Jaccard similarity of the two sets. Signatures are what the LSH index and the store keep.
// Thread-safety: all functions are pure and safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "reuse/options.h"

namespace headwater::reuse {

// Hashes (XXH3-64) of the word shingles of text: sorted ascending, unique. Words are the tokens
// of common/text.h Tokenize(), Fold()ed; only the first Options::max_words words count. Empty
// when the text has fewer than Options::shingle_words words.
std::vector<uint64_t> Shingles(std::string_view text, const Options& options);

// The same hashes in text order (position i = words i .. i+n-1), repeats kept: what Sketch()
// takes.
std::vector<uint64_t> ShingleSequence(std::string_view text, const Options& options);

// What the index keeps of a text: its anchors (winnowed shingle hashes, see
// Options::winnow_window) and, when Options::num_hashes > 0, a MinHash sketch. A text without
// shingles has an empty Signature.
struct Signature {
  std::vector<uint32_t> mins;     // num_hashes one-permutation MinHash slots, or none
  std::vector<uint64_t> anchors;  // winnowed shingle hashes, ascending, unique, capped
  bool empty() const { return mins.empty() && anchors.empty(); }
  bool operator==(const Signature&) const = default;
};

// Sketches a text from its shingle hashes IN TEXT ORDER (ShingleSequence(); repeats allowed).
// Steps: (1) anchors: the lowest hash of every window of winnow_window consecutive shingles
// (the lowest of all when the text has fewer), deduplicated, ascending, the lowest
// max_anchors kept; (2) when num_hashes > 0, one-permutation MinHash (Shrivastava 2017,
// optimal densification): each shingle hash picks one of num_hashes bins and competes for its
// minimum; empty bins copy the value of a bin chosen by a fixed probe sequence, so equal sets
// give equal slots and the share of equal slots estimates Jaccard similarity (the slots do not
// depend on order or repeats; the anchors do depend on order). O(n). Deterministic. Empty
// Signature for an empty sequence.
Signature Sketch(const std::vector<uint64_t>& sequence, const Options& options);

// Share of equal slots of two signatures of one size, in [0,1]: an estimate of the Jaccard
// similarity of their shingle sets (1 = same set). 0 when either is empty or sizes differ.
double EstimatedJaccard(const Signature& a, const Signature& b);

// Version of EncodeSignature's bytes: 2 since anchors are winnowed (issue 5); version 1 held
// threshold anchors, which new articles no longer produce, so a version-1 signature must be
// sketched again from its article's text before it can find anything.
inline constexpr int kSignatureVersion = 2;
// The version byte of stored signature bytes (0 for empty bytes).
int SignatureVersion(std::string_view bytes);

// Compact bytes for the store: version byte kSignatureVersion, slot count as a varint, the slots as 4-byte
// little-endian values, anchor count as a varint, the anchors as 8-byte little-endian values
// (~250 bytes for a 5 KB article with the default Options: no slots, ~30 anchors).
std::string EncodeSignature(const Signature& signature);
// Inverse of EncodeSignature (versions 1 and 2). Corruption when the version, count or length
// is wrong.
StatusOr<Signature> DecodeSignature(std::string_view bytes);

namespace internal {

// The words of a text as hashes of their folded form, with byte offsets (Tokenize() semantics,
// without allocating a string per word). At most max_words words.
struct WordHashes {
  std::vector<uint64_t> hash;
  std::vector<uint32_t> begin, end;  // byte offsets into the text, half-open
};
void HashWords(std::string_view text, size_t max_words, bool with_offsets, WordHashes* out);

// Sorts and dedupes uniformly distributed hashes (a counting pass on the top bits, then tiny
// sorts): O(n) expected.
void SortUnique(std::vector<uint64_t>* v);

// Hash of every shingle in text order (position i = words i .. i+n-1); may repeat.
std::vector<uint64_t> ShingleSequence(const std::vector<uint64_t>& word_hashes, int n);

}  // namespace internal
}  // namespace headwater::reuse
