// Where run-time data lives. The binary finds its data (policies, gazetteer) without
// environment variables: first <exe dir>/../share/headwater (an installed layout), then the
// directories baked in at build time (the source tree's share/ and build/share/).
// HEADWATER_DATA_DIR, when set, is looked at first (for packagers; never required).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace headwater {

// The directories searched, in order.
std::vector<std::string> DataDirs();

// The first existing "<dir>/<relative>" over DataDirs(), or NotFound naming every place tried.
StatusOr<std::string> FindDataFile(std::string_view relative);

// ../shared/data beside the checkout (as baked in at build time), or "" when absent.
std::string SharedDataDir();

// Reads a whole file (refusing files above max_bytes) into a string.
StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes = size_t{1} << 31);

}  // namespace headwater
