// JSON Lines input: one article per line (docs/FORMATS.md). Parsing validates every field and
// reports a bad line with its file, line number and field; it never throws.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "normalize/normalizer.h"

namespace headwater::ingest {

struct JsonlOptions {
  size_t max_file_bytes = size_t{4} << 30;   // refuse larger files outright
  size_t max_line_bytes = size_t{32} << 20;  // a longer line is an error for that line
  size_t max_field_bytes = size_t{16} << 20;  // text/html above this is an error
  size_t max_links = 10000;
};

struct LineError {
  std::string file;
  size_t line = 0;
  std::string field;  // "" when the line itself is bad (not JSON, not an object)
  std::string message;
  // "batch.jsonl:12: field `published`: not an RFC 3339 time: \"yesterday\"".
  std::string ToString() const;
};

struct RawArticle {
  std::string file;
  size_t line = 0;
  normalize::Input input;
};

struct ParseResult {
  std::vector<RawArticle> articles;
  std::vector<LineError> errors;
  size_t lines = 0;  // non-blank lines seen
};

// Parses data (the content of `file`), one JSON object per line. Blank lines are skipped.
ParseResult ParseJsonl(std::string_view data, std::string_view file, const JsonlOptions& options = {});

// Reads and parses a file; I/O errors and oversized files are a Status naming the file.
StatusOr<ParseResult> ReadJsonl(const std::string& path, const JsonlOptions& options = {});

}  // namespace headwater::ingest
