// Shingling and one-permutation MinHash.
//
// Tokens: the words of common/text.h Tokenize() (letters and digits, apostrophes between
// letters), each reduced to XXH3-64 of its Fold()ed form. ASCII words, the bulk of news text, are
// lower-cased into a reused buffer and hashed without a heap string; a word with any non-ASCII
// byte goes through Fold(), so "JUÁREZ" and "juarez" hash alike. A shingle is XXH3-64 of n
// consecutive word hashes, read straight from the word-hash array.
//
// Anchors: winnowing keeps the lowest hash of every window of winnow_window consecutive
// shingles, so two texts sharing a run of that many shingles share an anchor.
// MinHash (optional): classic MinHash runs num_hashes hash functions over every shingle.
// One-permutation hashing (OPH) hashes each shingle once: the low 32 bits choose a bin (fast range
// reduction), the high 32 bits are the value competing for the bin's minimum. Bins no shingle fell
// into are filled by optimal densification: bin i probes bins h(i,0), h(i,1), ... (the same
// sequence in every document) and copies the first non-empty one. Two signatures agree in a bin
// with probability equal to the Jaccard similarity of their sets, as with classic MinHash.
#include "reuse/shingle.h"

#define XXH_INLINE_ALL  // inlined XXH3: most inputs are 3-10 byte words and 40-byte shingles
#include <xxhash.h>

#include <algorithm>
#include <cstring>

#include "common/text.h"

namespace headwater::reuse {
namespace {

// ASCII byte classes: 0 = not a word byte, 1 = word byte; the lower-case form of each byte.
struct AsciiTables {
  uint8_t word[128];
  char lower[128];
  AsciiTables() {
    for (int c = 0; c < 128; ++c) {
      word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }
};
const AsciiTables kAscii;

inline bool IsAsciiWord(unsigned char c) { return kAscii.word[c]; }

// IsWordChar() with the common non-ASCII cases of news text answered without ICU: General
// Punctuation (quotes, dashes, ellipsis) is never a word character; Latin-1 and Latin
// Extended-A/B letters always are (except × and ÷).
inline bool IsWordCodePoint(char32_t cp) {
  if (cp >= 0x2000 && cp <= 0x206F) return false;
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  return IsWordChar(cp);
}

// Reads the code point at s[*pos] (advancing *pos) and says whether it is a word character.
inline bool WordCharAt(std::string_view s, size_t* pos, bool* ascii) {
  unsigned char c = static_cast<unsigned char>(s[*pos]);
  if (c < 0x80) {
    ++*pos;
    return IsAsciiWord(c);
  }
  *ascii = false;
  return IsWordCodePoint(DecodeUtf8(s, pos));
}

inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A word of at most 8 bytes (lower-cased ASCII, or the folded form of a short accented word)
// packed little-endian into an integer: its hash is a bijective mix of the packing, which
// cannot collide with another such word (the packing is unique; zero bytes never occur in
// words). Longer words use XXH3-64.
inline uint64_t ShortWordHash(uint64_t packed) {
  uint64_t x = packed ^ 0x243F6A8885A308D3ULL;
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

inline bool IsAsciiString(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Appends the folded form of word (Fold(), or lower-casing for ASCII) to *out.
inline void AppendFolded(std::string_view word, bool ascii, std::string* out) {
  if (ascii) {
    for (char c : word) out->push_back(kAscii.lower[static_cast<unsigned char>(c)]);
  } else {
    out->append(Fold(word));
  }
}

}  // namespace

namespace internal {

void HashWords(std::string_view s, size_t max_words, bool with_offsets, WordHashes* out) {
  out->hash.clear();
  out->begin.clear();
  out->end.clear();
  std::string buf;
  char small[64];
  const size_t n = s.size();
  const size_t expected = std::min(max_words, n / 5 + 1);  // ~6 bytes per word in news text
  out->hash.reserve(expected);
  if (with_offsets) {
    out->begin.reserve(expected);
    out->end.reserve(expected);
  }
  size_t i = 0;
  while (i < n && out->hash.size() < max_words) {
    const size_t start = i;
    bool ascii = true;
    if (!WordCharAt(s, &i, &ascii)) continue;
    size_t end = i;
    while (end < n) {
      unsigned char c = static_cast<unsigned char>(s[end]);
      if (c < 0x80) {
        if (IsAsciiWord(c)) {
          ++end;
          continue;
        }
        if (c == '\'' && end + 1 < n) {  // keep "JW's" whole, as Tokenize() does
          size_t k = end + 1;
          bool next_ascii = true;
          if (WordCharAt(s, &k, &next_ascii)) {
            ascii = ascii && next_ascii;
            end = k;
            continue;
          }
        }
        break;
      }
      size_t j = end;
      char32_t cp = DecodeUtf8(s, &j);
      if (IsWordCodePoint(cp)) {
        ascii = false;
        end = j;
        continue;
      }
      if (cp == 0x2019 && j < n) {
        size_t k = j;
        bool next_ascii = true;
        if (WordCharAt(s, &k, &next_ascii)) {
          ascii = false;
          end = k;
          continue;
        }
      }
      break;
    }
    std::string_view word = s.substr(start, end - start);
    if (ascii && word.size() <= 8) {  // most words: packed into 8 bytes and mixed
      uint64_t packed = 0;
      for (size_t k = 0; k < word.size(); ++k) {
        packed |= static_cast<uint64_t>(
                      static_cast<unsigned char>(kAscii.lower[static_cast<unsigned char>(word[k])]))
                  << (8 * k);
      }
      out->hash.push_back(ShortWordHash(packed));
    } else if (ascii && word.size() <= sizeof(small)) {
      for (size_t k = 0; k < word.size(); ++k) {
        small[k] = kAscii.lower[static_cast<unsigned char>(word[k])];
      }
      out->hash.push_back(XXH3_64bits(small, word.size()));
    } else {  // long or accented: fold, then hash as above by the folded form's length
      buf.clear();
      AppendFolded(word, ascii, &buf);
      if (buf.size() <= 8 && IsAsciiString(buf)) {
        uint64_t packed = 0;
        for (size_t k = 0; k < buf.size(); ++k) {
          packed |= static_cast<uint64_t>(static_cast<unsigned char>(buf[k])) << (8 * k);
        }
        out->hash.push_back(ShortWordHash(packed));
      } else {
        out->hash.push_back(XXH3_64bits(buf.data(), buf.size()));
      }
    }
    if (with_offsets) {
      out->begin.push_back(static_cast<uint32_t>(start));
      out->end.push_back(static_cast<uint32_t>(end));
    }
    i = end;
  }
}

void SortUnique(std::vector<uint64_t>* v) {
  const size_t n = v->size();
  if (n < 128) {
    std::sort(v->begin(), v->end());
  } else {
    // One MSD counting pass on the top bits (hashes are uniform, so buckets hold ~4 values),
    // then a small sort per bucket.
    int bits = 8;
    while (bits < 20 && (size_t{1} << (bits + 2)) < n) ++bits;
    const int shift = 64 - bits;
    std::vector<uint32_t> start((size_t{1} << bits) + 1, 0);
    for (uint64_t h : *v) ++start[(h >> shift) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    std::vector<uint64_t> out(n);
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint64_t h : *v) out[fill[h >> shift]++] = h;
    for (size_t b = 0; b + 1 < start.size(); ++b) {
      auto first = out.begin() + start[b], last = out.begin() + start[b + 1];
      if (last - first <= 1) continue;
      if (last - first <= 16) {
        for (auto it = first + 1; it < last; ++it) {  // insertion sort
          uint64_t x = *it;
          auto j = it;
          for (; j > first && *(j - 1) > x; --j) *j = *(j - 1);
          *j = x;
        }
      } else {
        std::sort(first, last);
      }
    }
    v->swap(out);
  }
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

std::vector<uint64_t> ShingleSequence(const std::vector<uint64_t>& words, int n) {
  std::vector<uint64_t> seq;
  if (n <= 0 || words.size() < static_cast<size_t>(n)) return seq;
  const size_t count = words.size() - static_cast<size_t>(n) + 1;
  seq.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    seq.push_back(XXH3_64bits(words.data() + i, sizeof(uint64_t) * static_cast<size_t>(n)));
  }
  return seq;
}

}  // namespace internal

std::vector<uint64_t> Shingles(std::string_view text, const Options& options) {
  internal::WordHashes words;
  internal::HashWords(text, options.max_words, /*with_offsets=*/false, &words);
  std::vector<uint64_t> seq = internal::ShingleSequence(words.hash, options.shingle_words);
  internal::SortUnique(&seq);
  return seq;
}

std::vector<uint64_t> ShingleSequence(std::string_view text, const Options& options) {
  internal::WordHashes words;
  internal::HashWords(text, options.max_words, /*with_offsets=*/false, &words);
  return internal::ShingleSequence(words.hash, options.shingle_words);
}

namespace {

// Winnowing: the minimum of every window of w consecutive values (van Herk / Gil-Werman: in
// blocks of w, prefix minima from the left and suffix minima from the right; the window
// starting at i is min(suffix[i], prefix[i + w - 1])): three branch-free passes, O(n).
// Appends each window's minimum to *out, skipping repeats of the previous window's.
void WindowMinima(const std::vector<uint64_t>& v, size_t w, std::vector<uint64_t>* out) {
  const size_t n = v.size();
  if (n == 0) return;
  if (w <= 1) {
    out->insert(out->end(), v.begin(), v.end());
    return;
  }
  if (n <= w) {
    out->push_back(*std::min_element(v.begin(), v.end()));
    return;
  }
  thread_local std::vector<uint64_t> prefix, suffix;
  prefix.resize(n);
  suffix.resize(n);
  for (size_t i = 0; i < n; ++i) {
    prefix[i] = i % w == 0 ? v[i] : std::min(prefix[i - 1], v[i]);
  }
  for (size_t i = n; i-- > 0;) {
    suffix[i] = (i + 1) % w == 0 || i + 1 == n ? v[i] : std::min(suffix[i + 1], v[i]);
  }
  uint64_t last = 0;
  for (size_t i = 0; i + w <= n; ++i) {
    const uint64_t m = std::min(suffix[i], prefix[i + w - 1]);
    if (i == 0 || m != last) out->push_back(m);
    last = m;
  }
}

void MinHash(const std::vector<uint64_t>& shingles, uint32_t k, std::vector<uint32_t>* mins) {
  mins->assign(k, UINT32_MAX);
  std::vector<uint8_t> filled(k, 0);
  for (uint64_t h : shingles) {
    const uint32_t bin =
        static_cast<uint32_t>((static_cast<uint64_t>(static_cast<uint32_t>(h)) * k) >> 32);
    const uint32_t value = static_cast<uint32_t>(h >> 32);
    if (!filled[bin] || value < (*mins)[bin]) (*mins)[bin] = value;
    filled[bin] = 1;
  }
  // Optimal densification. Copy from the bins filled by shingles only (not from bins filled by
  // densification), so the result does not depend on the order bins are visited.
  std::vector<uint32_t> original = *mins;
  for (uint32_t i = 0; i < k; ++i) {
    if (filled[i]) continue;
    bool done = false;
    for (uint64_t attempt = 0; attempt < 64ULL * k && !done; ++attempt) {
      uint32_t j = static_cast<uint32_t>(
          (static_cast<uint64_t>(static_cast<uint32_t>(SplitMix64((uint64_t{i} << 32) | attempt))) *
           k) >>
          32);
      if (filled[j]) {
        (*mins)[i] = original[j];
        done = true;
      }
    }
    for (uint32_t j = 0; j < k && !done; ++j) {  // practically unreachable: fall back to a scan
      uint32_t b = (i + j) % k;
      if (filled[b]) {
        (*mins)[i] = original[b];
        done = true;
      }
    }
  }
}

}  // namespace

Signature Sketch(const std::vector<uint64_t>& sequence, const Options& options) {
  Signature sig;
  if (sequence.empty()) return sig;
  if (options.max_anchors > 0) {
    WindowMinima(sequence, static_cast<size_t>(std::max(1, options.winnow_window)), &sig.anchors);
    std::sort(sig.anchors.begin(), sig.anchors.end());
    sig.anchors.erase(std::unique(sig.anchors.begin(), sig.anchors.end()), sig.anchors.end());
    if (sig.anchors.size() > options.max_anchors) sig.anchors.resize(options.max_anchors);
  }
  if (options.num_hashes > 0) {
    MinHash(sequence, static_cast<uint32_t>(options.num_hashes), &sig.mins);
  }
  return sig;
}

double EstimatedJaccard(const Signature& a, const Signature& b) {
  if (a.empty() || b.empty() || a.mins.size() != b.mins.size()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.mins.size(); ++i) equal += a.mins[i] == b.mins[i];
  return static_cast<double>(equal) / static_cast<double>(a.mins.size());
}

namespace {

void PutVarint(uint64_t v, std::string* out) {
  do {
    uint8_t byte = v & 0x7F;
    v >>= 7;
    if (v) byte |= 0x80;
    out->push_back(static_cast<char>(byte));
  } while (v);
}

bool GetVarint(std::string_view bytes, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (*pos >= bytes.size()) return false;
    uint8_t byte = static_cast<uint8_t>(bytes[(*pos)++]);
    *v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

template <typename T>
void PutFixed(T v, std::string* out) {
  for (size_t b = 0; b < sizeof(T); ++b) out->push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
}

template <typename T>
T GetFixed(std::string_view bytes, size_t pos) {
  T v = 0;
  for (size_t b = 0; b < sizeof(T); ++b) {
    v |= static_cast<T>(static_cast<uint8_t>(bytes[pos + b])) << (8 * b);
  }
  return v;
}

}  // namespace

std::string EncodeSignature(const Signature& signature) {
  std::string out;
  out.reserve(12 + 4 * signature.mins.size() + 8 * signature.anchors.size());
  out.push_back(static_cast<char>(kSignatureVersion));
  PutVarint(signature.mins.size(), &out);
  for (uint32_t v : signature.mins) PutFixed(v, &out);
  PutVarint(signature.anchors.size(), &out);
  for (uint64_t v : signature.anchors) PutFixed(v, &out);
  return out;
}

int SignatureVersion(std::string_view bytes) {
  return bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]);
}

StatusOr<Signature> DecodeSignature(std::string_view bytes) {
  if (bytes.empty()) return Status::Corruption("reuse signature: empty bytes");
  if (bytes[0] != 1 && bytes[0] != kSignatureVersion) {
    return Status::Corruption("reuse signature: unknown version " +
                              std::to_string(static_cast<unsigned char>(bytes[0])));
  }
  size_t pos = 1;
  Signature sig;
  uint64_t count = 0;
  if (!GetVarint(bytes, &pos, &count) || bytes.size() - pos < 4 * count) {
    return Status::Corruption("reuse signature: bad slot count or length at byte " +
                              std::to_string(pos));
  }
  sig.mins.resize(count);
  for (size_t i = 0; i < count; ++i, pos += 4) sig.mins[i] = GetFixed<uint32_t>(bytes, pos);
  if (!GetVarint(bytes, &pos, &count) || bytes.size() - pos != 8 * count) {
    return Status::Corruption("reuse signature: bad anchor count or length at byte " +
                              std::to_string(pos));
  }
  sig.anchors.resize(count);
  for (size_t i = 0; i < count; ++i, pos += 8) sig.anchors[i] = GetFixed<uint64_t>(bytes, pos);
  return sig;
}

}  // namespace headwater::reuse
