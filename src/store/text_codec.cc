// Dictionary compression of article text (see text_codec.h).
//
// Encoding: the current (highest-id) dictionary is digested once into a ZSTD_CDict at the
// codec's level, so compressing a 1 KB text costs no dictionary load; decoding uses a ZSTD_DDict
// per id. A value whose dictionary-encoded form is not smaller than the dictionary-less packed
// form (or the raw text) is stored in that smaller form, so encoding never grows a value beyond
// raw.
#include "store/text_codec.h"

#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
#include <zstd.h>

#include <cstring>

#include "store/packed.h"

namespace headwater::store {
namespace {

constexpr size_t kHeaderBytes = kDictMarker.size() + 4;

uint32_t ReadId(std::string_view stored) {
  uint32_t id = 0;
  for (int i = 0; i < 4; ++i)
    id |= static_cast<uint32_t>(static_cast<unsigned char>(stored[kDictMarker.size() + i]))
          << (8 * i);
  return id;
}

}  // namespace

struct TextCodec::Dict {
  ZSTD_CDict* cdict = nullptr;
  ZSTD_DDict* ddict = nullptr;
  ~Dict() {
    ZSTD_freeCDict(cdict);
    ZSTD_freeDDict(ddict);
  }
};

TextCodec::TextCodec(TextCodecOptions options) : options_(options) {}
TextCodec::~TextCodec() = default;

void TextCodec::Clear() { dicts_.clear(); }

Status TextCodec::AddDictionary(uint32_t id, std::string_view bytes) {
  auto d = std::make_unique<Dict>();
  d->cdict = ZSTD_createCDict(bytes.data(), bytes.size(), options_.level);
  d->ddict = ZSTD_createDDict(bytes.data(), bytes.size());
  if (d->cdict == nullptr || d->ddict == nullptr)
    return Status::InvalidArgument("text dictionary " + std::to_string(id) +
                                   ": zstd cannot load it");
  dicts_[id] = std::move(d);
  return Status::Ok();
}

bool TextCodec::IsDictEncoded(std::string_view stored) {
  return stored.size() > kHeaderBytes && stored.substr(0, kDictMarker.size()) == kDictMarker;
}

std::string TextCodec::Encode(std::string_view raw) const {
  if (raw.size() < options_.min_bytes) return std::string(raw);
  if (dicts_.empty()) return Pack(raw, PackOptions{options_.min_bytes, options_.level});
  uint32_t id = current_id();
  std::string out(kHeaderBytes + ZSTD_compressBound(raw.size()), '\0');
  std::memcpy(out.data(), kDictMarker.data(), kDictMarker.size());
  for (int i = 0; i < 4; ++i)
    out[kDictMarker.size() + i] = static_cast<char>((id >> (8 * i)) & 0xff);
  size_t n = ZSTD_compress_usingCDict(internal::ThreadCCtx(), out.data() + kHeaderBytes,
                                      out.size() - kHeaderBytes, raw.data(), raw.size(),
                                      dicts_.rbegin()->second->cdict);
  if (ZSTD_isError(n) || kHeaderBytes + n >= raw.size()) return std::string(raw);
  out.resize(kHeaderBytes + n);
  return out;
}

StatusOr<std::string> TextCodec::Decode(std::string_view stored) {
  if (!IsDictEncoded(stored)) return Unpack(stored);
  uint32_t id = ReadId(stored);
  auto it = dicts_.find(id);
  if (it == dicts_.end() && loader_) {
    auto bytes = loader_(id);
    if (bytes.ok()) {
      HW_RETURN_IF_ERROR(AddDictionary(id, *bytes));
      it = dicts_.find(id);
    }
  }
  if (it == dicts_.end())
    return Status::Corruption("article text names text dictionary " + std::to_string(id) +
                              ", which the store does not have");
  std::string_view frame = stored.substr(kHeaderBytes);
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > (size_t{1} << 34))
    return Status::Corruption("article text: not a zstd frame with its size");
  std::string out(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompress_usingDDict(internal::ThreadDCtx(), out.data(), out.size(),
                                        frame.data(), frame.size(), it->second->ddict);
  if (ZSTD_isError(n) || n != size)
    return Status::Corruption(std::string("article text: zstd: ") +
                              (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short frame"));
  return out;
}

StatusOr<std::string> TextCodec::Train(const std::vector<std::string>& samples, size_t dict_bytes) {
  std::string joined;
  std::vector<size_t> sizes;
  sizes.reserve(samples.size());
  for (const std::string& s : samples) {
    if (s.empty()) continue;
    joined += s;
    sizes.push_back(s.size());
  }
  if (sizes.size() < 8) return Status::InvalidArgument("text dictionary: too few samples to train");
  std::string dict(dict_bytes, '\0');
  size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(),
                                   static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n))
    return Status::InvalidArgument(std::string("text dictionary: zstd cannot train one: ") +
                                   ZDICT_getErrorName(n));
  dict.resize(n);
  return dict;
}

}  // namespace headwater::store
