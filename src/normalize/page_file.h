// Reading saved web pages: a file that is plain HTML or gzip (by its magic bytes, whatever its
// name), decompressed with zlib up to a size cap so a gzip bomb stays bounded.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace headwater::normalize {

struct PageFileOptions {
  // Decompressed pages are cut at this many bytes (ExtractHtml cuts again at its own cap).
  size_t max_bytes = size_t{64} << 20;
};

// Gunzips data (one or more gzip members); stops at o.max_bytes of output. A truncated or
// corrupt stream is an error (kCorruption) naming what went wrong.
StatusOr<std::string> Gunzip(std::string_view data, const PageFileOptions& o = {});

// The page's bytes: gunzipped when the file starts with the gzip magic, else as stored.
StatusOr<std::string> ReadPageFile(const std::string& path, const PageFileOptions& o = {});

}  // namespace headwater::normalize
