// zstd framing of stored values (see packed.h).
#include "store/packed.h"

#include <zstd.h>

namespace headwater::store {
namespace internal {
namespace {

struct Contexts {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_DCtx* d = ZSTD_createDCtx();
  ~Contexts() {
    ZSTD_freeCCtx(c);
    ZSTD_freeDCtx(d);
  }
};

Contexts& ThreadContexts() {
  thread_local Contexts contexts;
  return contexts;
}

}  // namespace

ZSTD_CCtx* ThreadCCtx() { return ThreadContexts().c; }
ZSTD_DCtx* ThreadDCtx() { return ThreadContexts().d; }

}  // namespace internal

std::string Pack(std::string_view raw, const PackOptions& options) {
  if (raw.size() < options.min_bytes) return std::string(raw);
  std::string out(kPackMarker.size() + ZSTD_compressBound(raw.size()), '\0');
  out.replace(0, kPackMarker.size(), kPackMarker);
  size_t n =
      ZSTD_compressCCtx(internal::ThreadCCtx(), out.data() + kPackMarker.size(),
                        out.size() - kPackMarker.size(), raw.data(), raw.size(), options.level);
  if (ZSTD_isError(n) || kPackMarker.size() + n >= raw.size()) return std::string(raw);
  out.resize(kPackMarker.size() + n);
  return out;
}

bool LooksPacked(std::string_view stored) {
  return stored.size() > kPackMarker.size() && stored.substr(0, kPackMarker.size()) == kPackMarker;
}

std::string Unpack(std::string_view stored) {
  if (!LooksPacked(stored)) return std::string(stored);
  std::string_view frame = stored.substr(kPackMarker.size());
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  // Not a frame, or one without its size: not ours, keep the bytes as they are.
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > (size_t{1} << 34))
    return std::string(stored);
  std::string out(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompressDCtx(internal::ThreadDCtx(), out.data(), out.size(), frame.data(),
                                 frame.size());
  if (ZSTD_isError(n) || n != size) return std::string(stored);
  return out;
}

}  // namespace headwater::store
