#include "ingest/warc.h"

#include <unicode/ucnv.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "common/text.h"
#include "common/time.h"
#include "common/url.h"

namespace headwater::ingest {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string_view body;

  std::string Header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return "";
  }
};

// Parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\nbody". False when it is not HTTP.
bool ParseHttp(std::string_view block, size_t max_header, HttpResponse* r) {
  if (block.substr(0, 5) != "HTTP/") return false;
  size_t end = block.find("\r\n\r\n");
  size_t body_at = end == std::string_view::npos ? end : end + 4;
  size_t lf = block.find("\n\n");
  if (lf != std::string_view::npos && (end == std::string_view::npos || lf < end)) {
    end = lf;
    body_at = lf + 2;
  }
  if (end == std::string_view::npos || end > max_header) return false;
  std::string_view head = block.substr(0, end);
  r->body = block.substr(body_at);
  size_t i = 0;
  bool first = true;
  while (i <= head.size()) {
    size_t nl = head.find('\n', i);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = TrimSpace(head.substr(i, nl - i));
    i = nl + 1;
    if (first) {
      first = false;
      size_t sp = line.find(' ');
      if (sp == std::string_view::npos) return false;
      std::string_view code = line.substr(sp + 1, 3);
      if (code.size() != 3 || !std::all_of(code.begin(), code.end(), ::isdigit)) return false;
      r->status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    r->headers.emplace_back(Lower(TrimSpace(line.substr(0, colon))),
                            std::string(TrimSpace(line.substr(colon + 1))));
  }
  return r->status != 0;
}

// Undoes chunked transfer coding. False when the body is not well-formed chunks.
bool Dechunk(std::string_view body, std::string* out) {
  size_t i = 0;
  while (true) {
    size_t nl = body.find('\n', i);
    if (nl == std::string_view::npos) return false;
    std::string_view size_line = TrimSpace(body.substr(i, nl - i));
    size_line = size_line.substr(0, size_line.find(';'));  // chunk extensions
    if (size_line.empty() || size_line.size() > 12) return false;
    uint64_t n = 0;
    for (char c : size_line) {
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
              : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                          : -1;
      if (d < 0) return false;
      n = n * 16 + d;
    }
    i = nl + 1;
    if (n == 0) return true;  // trailers, if any, are ignored
    if (n > body.size() - i) return false;
    out->append(body.substr(i, n));
    i += n;
    if (body.substr(i, 2) == "\r\n")
      i += 2;
    else if (body.substr(i, 1) == "\n")
      i += 1;
  }
}

// Inflates gzip or zlib/raw deflate data up to max bytes. False on corrupt or truncated input.
bool Inflate(std::string_view in, bool raw, size_t max, std::string* out, std::string* why) {
  z_stream zs{};
  if (inflateInit2(&zs, raw ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  char chunk[64 << 10];
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out->append(chunk, sizeof chunk - zs.avail_out);
    if (out->size() > max) {
      *why = "decoded body above " + std::to_string(max) + " bytes";
      inflateEnd(&zs);
      return false;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    *why = rc == Z_BUF_ERROR ? "truncated compressed body"
                             : std::string("corrupt compressed body") +
                                   (zs.msg ? std::string(": ") + zs.msg : "");
    return false;
  }
  return true;
}

bool LooksLikeHtml(std::string_view body) {
  std::string head = Lower(body.substr(0, 1024));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos;
}

// The charset a page declares: the HTTP Content-Type's, else a <meta charset> or http-equiv
// Content-Type in its first 4 KB; "" when none.
std::string DeclaredCharset(std::string_view content_type_lower, std::string_view body) {
  auto after = [](std::string_view s, size_t at) {
    size_t end = s.find_first_of("\"'; >/", at);
    return std::string(
        s.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
  };
  size_t at = content_type_lower.find("charset=");
  if (at != std::string_view::npos) return after(content_type_lower, at + 8);
  std::string head = Lower(body.substr(0, 4096));
  at = head.find("charset=");
  if (at == std::string::npos) return "";
  at += 8;
  if (at < head.size() && (head[at] == '"' || head[at] == '\'')) ++at;
  return after(head, at);
}

// Converts a body that is not valid UTF-8 from its declared charset (windows-1252 when none is
// declared or the declared one is UTF-8, the usual truth of such pages) with ICU. Returns false,
// leaving the body as is, when ICU does not know the charset.
bool ToUtf8(std::string* body, std::string charset) {
  if (charset.empty() || charset == "utf-8" || charset == "utf8") charset = "windows-1252";
  UErrorCode status = U_ZERO_ERROR;
  int32_t cap = static_cast<int32_t>(std::min<size_t>(body->size() * 3 + 16, INT32_MAX));
  std::string out(static_cast<size_t>(cap), '\0');
  int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), cap, body->data(),
                           static_cast<int32_t>(body->size()), &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<size_t>(n));
  *body = std::move(out);
  return true;
}

// The value of attribute `name` (lower-case) in a lower-cased tag; "" when absent.
std::string_view AttrValue(std::string_view lower_tag, std::string_view original,
                           std::string_view name) {
  size_t i = 0;
  while ((i = lower_tag.find(name, i)) != std::string_view::npos) {
    size_t j = i + name.size();
    bool starts = i > 0 && std::isspace(static_cast<unsigned char>(lower_tag[i - 1]));
    while (j < lower_tag.size() && lower_tag[j] == ' ') ++j;
    if (starts && j < lower_tag.size() && lower_tag[j] == '=') {
      ++j;
      while (j < lower_tag.size() && lower_tag[j] == ' ') ++j;
      if (j < lower_tag.size() && (lower_tag[j] == '"' || lower_tag[j] == '\'')) {
        size_t end = lower_tag.find(lower_tag[j], j + 1);
        if (end == std::string_view::npos) return "";
        return original.substr(j + 1, end - j - 1);
      }
      size_t end = lower_tag.find_first_of(" >/", j);
      return original.substr(j, (end == std::string_view::npos ? lower_tag.size() : end) - j);
    }
    i = j;
  }
  return "";
}

// The page states its own published time in a form the HTML extractor (normalize/html_text)
// reads: a <meta> named article:published_time, datePublished, pubdate or date whose content is
// an RFC 3339 time.
bool PageHasPublished(std::string_view html) {
  const char* p = html.data();
  const char* end = html.data() + html.size();
  std::string lower;
  while ((p = static_cast<const char*>(std::memchr(p, '<', end - p))) != nullptr) {
    ++p;
    if (end - p < 5 || Lower(std::string_view(p, 4)) != "meta" ||
        !std::isspace(static_cast<unsigned char>(p[4])))
      continue;
    const char* close =
        static_cast<const char*>(std::memchr(p, '>', std::min<ptrdiff_t>(end - p, 4096)));
    if (!close) continue;
    std::string_view tag(p - 1, close - p + 2);
    lower = Lower(tag);
    std::string_view key;
    for (const char* attr : {"property", "name", "itemprop"}) {
      key = AttrValue(lower, lower, attr);
      if (!key.empty()) break;
    }
    if (key != "article:published_time" && key != "datepublished" && key != "pubdate" &&
        key != "date")
      continue;
    if (ParseRfc3339(TrimSpace(AttrValue(lower, tag, "content")))) return true;
  }
  return false;
}

}  // namespace

std::string WarcResult::SkippedSummary() const {
  size_t total = 0;
  std::string parts;
  for (const auto& [k, n] : skipped) {
    total += n;
    parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + k;
  }
  return total ? std::to_string(total) + " records skipped: " + parts : "";
}

bool WarcRecordToArticle(const WarcRecord& r, std::string_view file, const WarcOptions& o,
                         RawArticle* out, std::string* skip, LineError* err) {
  err->file = std::string(file);
  err->line = r.index;
  if (r.type != "response") {
    *skip = r.type.empty() ? "untyped" : r.type;
    return false;
  }
  if (r.oversized) {
    err->field = "Content-Length";
    err->message = "response record of " + std::to_string(r.content_length) +
                   " bytes, above the limit of " + std::to_string(o.max_record_bytes) + "; skipped";
    return false;
  }
  if (Lower(r.Header("Content-Type")).find("application/http") == std::string::npos) {
    *skip = "response (not HTTP)";
    return false;
  }
  HttpResponse http;
  if (!ParseHttp(r.block, o.max_body_bytes, &http)) {
    err->message = "response record whose block is not an HTTP response";
    return false;
  }
  if (http.status < 200 || http.status > 299) {
    *skip = "response (HTTP " + std::to_string(http.status / 100) + "xx)";
    return false;
  }
  std::string body(http.body);
  if (Lower(http.Header("transfer-encoding")).find("chunked") != std::string::npos) {
    std::string plain;
    if (Dechunk(body, &plain)) {
      body = std::move(plain);
    } else if (!body.empty() && std::isxdigit(static_cast<unsigned char>(body[0])) &&
               body.find('\n') < 20) {  // it does look chunked, but is broken
      err->field = "Transfer-Encoding";
      err->message = "malformed or truncated chunked body";
      return false;
    }  // else: the archiver already removed the chunking but kept the header (as Common Crawl does)
  }
  std::string coding = Lower(http.Header("content-encoding"));
  if (!coding.empty() && coding != "identity") {
    bool gz = body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
              static_cast<unsigned char>(body[1]) == 0x8b;
    if (coding == "gzip" || coding == "x-gzip" || coding == "deflate") {
      if (gz || coding == "deflate") {
        std::string plain, why;
        bool ok = Inflate(body, false, o.max_body_bytes, &plain, &why);
        if (!ok && coding == "deflate") {
          plain.clear();
          ok = Inflate(body, true, o.max_body_bytes, &plain, &why);
        }
        if (!ok) {
          err->field = "Content-Encoding";
          err->message = coding + ": " + why;
          return false;
        }
        body = std::move(plain);
      }  // gzip declared but not gzip bytes: already decoded by the archiver
    } else if (!LooksLikeHtml(body)) {
      err->field = "Content-Encoding";
      err->message = "unsupported content coding \"" + SanitizeUtf8(coding.substr(0, 30)) + "\"";
      return false;
    }
  }
  std::string type = Lower(http.Header("content-type"));
  bool html = type.find("html") != std::string::npos || (type.empty() && LooksLikeHtml(body));
  if (!html) {
    *skip = "response (not HTML)";
    return false;
  }
  std::string url = r.Header("WARC-Target-URI");
  if (url.size() >= 2 && url.front() == '<' && url.back() == '>')
    url = url.substr(1, url.size() - 2);
  if (!CanonicalUrl(url)) {
    err->field = "WARC-Target-URI";
    err->message = "not an absolute http(s) URL: \"" + SanitizeUtf8(url.substr(0, 80)) + "\"";
    return false;
  }
  if (body.size() < (size_t{1} << 30) && !IsValidUtf8(body))
    ToUtf8(&body, DeclaredCharset(type, body));
  out->file = std::string(file);
  out->line = r.index;
  out->input.url = url;
  if (!PageHasPublished(body)) {
    std::string date = r.Header("WARC-Date");
    if (!date.empty()) {
      out->input.published = ParseRfc3339(date);
      if (!out->input.published) {
        err->field = "WARC-Date";
        err->message = "not an RFC 3339 time: \"" + SanitizeUtf8(date.substr(0, 40)) + "\"";
        return false;
      }
    }
  }
  out->input.html = std::move(body);
  return true;
}

StatusOr<WarcResult> ReadWarc(const std::string& path, const WarcOptions& o) {
  HW_ASSIGN_OR_RETURN(std::unique_ptr<WarcReader> reader, WarcReader::Open(path, o));
  WarcResult result;
  result.gzip = reader->gzip();
  WarcRecord record;
  while (true) {
    auto more = reader->Next(&record);
    if (!more.ok()) {
      result.error = more.status();
      break;
    }
    if (!*more) break;
    ++result.parsed.lines;
    RawArticle raw;
    std::string skip;
    LineError err;
    if (WarcRecordToArticle(record, path, o, &raw, &skip, &err))
      result.parsed.articles.push_back(std::move(raw));
    else if (!skip.empty())
      ++result.skipped[skip];
    else
      result.parsed.errors.push_back(std::move(err));
  }
  return result;
}

}  // namespace headwater::ingest
