// Compressed column values: large JSON and blob values the store never searches by SQL (story
// reports, attributions, named blobs, reuse passages) are kept as a zstd frame behind a marker,
// so values written before compression existed still read unchanged (no schema migration).
//
// Format of a packed value: the 4 bytes "\0hwz" followed by one zstd frame (any level, no
// dictionary, content size in the frame header). A value is read as packed only
// when it starts with that marker AND the frame decompresses; anything else is returned as is.
// JSON text never starts with a NUL byte, so legacy text values are never mistaken for packed.
// Thread-safety: the functions are pure and safe from any thread.
#pragma once

#include <string>
#include <string_view>

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace headwater::store {

namespace internal {
// One zstd compression and one decompression context per thread, kept for the thread's life
// (ZSTD_compress/ZSTD_decompress create and free one per call: an allocation of their tables
// for every stored or read value). Shared by packed.cc and text_codec.cc.
ZSTD_CCtx_s* ThreadCCtx();
ZSTD_DCtx_s* ThreadDCtx();
}  // namespace internal

struct PackOptions {
  // Values shorter than this are stored as they are (a frame header costs ~10 bytes and small
  // JSON barely compresses without a dictionary).
  size_t min_bytes = 96;
  // zstd level. 1 rather than zstd's default 3: on the 10k bench corpus's story reports it
  // packs 18.75 MB to 4.63 MB against 4.53 MB at level 3, in about half the time (reports are
  // re-packed every time a batch touches their story, so this is on the ingest's hot path).
  int level = 1;
};

inline constexpr std::string_view kPackMarker{"\0hwz", 4};

// The value to store for `raw`: packed when that is smaller than `raw`, else `raw` itself.
std::string Pack(std::string_view raw, const PackOptions& options = {});

// True when `stored` starts with the packed marker.
bool LooksPacked(std::string_view stored);

// The original value of a stored one: unpacked when it is a valid packed value, else `stored`
// unchanged (legacy rows, short values kept raw).
std::string Unpack(std::string_view stored);

}  // namespace headwater::store
