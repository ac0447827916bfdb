// Article text compressed with a zstd dictionary trained on the store's own articles (schema 4).
//
// Articles are short (the bench corpus averages about 1 KB), and zstd alone packs 1 KB of news
// text to only ~0.63 of its size; with a ~110 KB dictionary trained on the store's first
// thousand articles it packs to ~0.51 (measured on the 10k bench corpus: docs/BENCHMARKS.md).
// The dictionaries live in the store (table text_dicts), each under a small integer id, and every
// encoded value names the id it was made with, so a dictionary can be replaced later without
// rewriting old rows.
//
// Format of an encoded value: the 4 bytes "\0hwd", the dictionary id (4 bytes, little endian),
// then one zstd frame with its content size. Anything else is read through store/packed.h's
// Unpack (legacy plain text, "\0hwz" frames without a dictionary) and so returned unchanged when
// it is plain text.
//
// Thread-safety: a TextCodec is used by one thread at a time (as the store that owns it); the
// compression contexts are per thread, the digested dictionaries are read-only once added.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace headwater::store {

struct TextCodecOptions {
  // Texts shorter than this are kept as they are (a frame and its header cost ~12 bytes).
  size_t min_bytes = 64;
  // zstd level for article text. 3 (zstd's default): with the dictionary it packs the 10k bench
  // corpus's texts to 0.51 of raw against 0.56 at level 1; texts are compressed once, on insert.
  int level = 3;
  // Size of a trained dictionary. 110 KB (zstd's --train default): 32 KB gives 0.53, 1 MB 0.47
  // of raw on the bench corpus but must be trained on ~10 MB of text to be worth it.
  size_t dict_bytes = 112640;
  // A dictionary is trained once this many articles have been stored without one (and at least
  // train_min_total_bytes of their text), on the most recent train_samples of them.
  size_t train_samples = 1000;
  size_t train_min_total_bytes = 256 * 1024;
};

inline constexpr std::string_view kDictMarker{"\0hwd", 4};

class TextCodec {
 public:
  // Called with a dictionary id the codec does not hold (a dictionary trained by another
  // connection after this one loaded its dictionaries): returns the dictionary's bytes, or
  // NotFound.
  using DictLoader = std::function<StatusOr<std::string>(uint32_t id)>;

  explicit TextCodec(TextCodecOptions options = {});
  ~TextCodec();
  TextCodec(const TextCodec&) = delete;
  TextCodec& operator=(const TextCodec&) = delete;

  const TextCodecOptions& options() const { return options_; }
  void SetLoader(DictLoader loader) { loader_ = std::move(loader); }

  // Makes dictionary `id` available for decoding, and the one Encode uses when it is the
  // highest id held. InvalidArgument when zstd cannot load the bytes.
  Status AddDictionary(uint32_t id, std::string_view bytes);
  // Forgets every dictionary (the store reloads them after a rollback).
  void Clear();
  bool has_dictionary() const { return !dicts_.empty(); }
  uint32_t current_id() const { return dicts_.empty() ? 0 : dicts_.rbegin()->first; }

  // The value to store for `raw`: dictionary-encoded with the current dictionary when that is
  // smaller, else packed without one (store/packed.h) when that is smaller, else `raw` itself.
  std::string Encode(std::string_view raw) const;

  // The text of a stored value (any of the forms above). Corruption when the value names a
  // dictionary that neither the codec nor its loader has, or its frame does not decode.
  StatusOr<std::string> Decode(std::string_view stored);

  // True when `stored` is dictionary-encoded (starts with kDictMarker and an id).
  static bool IsDictEncoded(std::string_view stored);

  // A dictionary of at most `dict_bytes` trained on `samples`. InvalidArgument when zstd cannot
  // train one (too few or too small samples).
  static StatusOr<std::string> Train(const std::vector<std::string>& samples, size_t dict_bytes);

 private:
  struct Dict;
  TextCodecOptions options_;
  std::map<uint32_t, std::unique_ptr<Dict>> dicts_;
  DictLoader loader_;
};

}  // namespace headwater::store
