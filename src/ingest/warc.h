// Web archives: WARC/1.0 (and 1.1) files, plain or gzip-compressed (one gzip member per record, as
// Common Crawl writes them, or one member for the whole file). `response` records whose HTTP
// payload is HTML become RawArticles: WARC-Target-URI -> url, the HTTP body (chunked transfer
// coding and gzip/deflate content coding undone) -> html, WARC-Date -> published when the page
// carries no published meta tag of its own. Every other record (warcinfo, request, metadata,
// revisit, non-HTML or non-2xx responses) is skipped and counted by kind.
//
// Reading streams: memory is bounded by one record (WarcOptions::max_record_bytes); a larger
// record is skipped (a LineError) without being held. A truncated gzip member or record, or bytes
// that are not a WARC record, stop the reading with a Status naming the file and the record's
// offset (for gzip, the compressed offset of the member holding the record); records before it
// are kept.
// Thread-safety: a WarcReader is single-threaded; ReadWarc is a pure function.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "ingest/jsonl.h"

namespace headwater::ingest {

struct WarcOptions {
  size_t max_record_bytes = size_t{32} << 20;  // larger record blocks are skipped, never held
  size_t max_header_bytes = size_t{64} << 10;  // WARC or HTTP header block above this = corrupt
  size_t max_body_bytes = size_t{32} << 20;    // decoded (gunzipped) HTTP body cap
};

struct WarcRecord {
  size_t index = 0;     // 1-based position in the file
  uint64_t offset = 0;  // file offset of the record (gzip: of the member holding its start)
  std::string type;     // WARC-Type
  std::vector<std::pair<std::string, std::string>> headers;  // names as written
  uint64_t content_length = 0;
  bool oversized = false;  // content_length > max_record_bytes: block is empty
  std::string block;

  // Value of a header (case-insensitive name); "" when absent.
  std::string Header(std::string_view name) const;
};

class WarcReader {
 public:
  // Opens a file; gzip is recognised by its magic bytes, not its name.
  static StatusOr<std::unique_ptr<WarcReader>> Open(const std::string& path,
                                                    const WarcOptions& options = {});
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // Reads the next record into *record: true, or false at a clean end of file. A non-ok Status
  // (naming the file and record offset) on truncation or corruption; the reader is then done.
  StatusOr<bool> Next(WarcRecord* record);
  bool gzip() const;

 private:
  struct Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct WarcResult {
  ParseResult parsed;                     // parsed.lines = records read; line = record index
  std::map<std::string, size_t> skipped;  // "warcinfo", "request", "response (not HTML)", ...
  Status error;  // not ok when reading stopped early; the records before it are in `parsed`
  bool gzip = false;

  // "3 skipped: 1 warcinfo, 2 request" or "" when nothing was skipped.
  std::string SkippedSummary() const;
};

// Turns one record into an article (true), a skip (false, *skip_reason set) or an error (false,
// *err set with line = record index).
bool WarcRecordToArticle(const WarcRecord& record, std::string_view file,
                         const WarcOptions& options, RawArticle* out, std::string* skip_reason,
                         LineError* err);

// Reads a whole WARC file. A Status only when the file cannot be opened; a reading error part way
// is WarcResult::error.
StatusOr<WarcResult> ReadWarc(const std::string& path, const WarcOptions& options = {});

}  // namespace headwater::ingest
