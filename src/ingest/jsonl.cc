#include "ingest/jsonl.h"

#include <nlohmann/json.hpp>

#include "common/paths.h"
#include "common/text.h"
#include "common/url.h"

namespace headwater::ingest {

using json = nlohmann::json;

std::string LineError::ToString() const {
  std::string s = file + ":" + std::to_string(line) + ": ";
  if (!field.empty()) s += "field `" + field + "`: ";
  return s + message;
}

namespace {

std::string Quote(std::string_view v) {
  std::string s(v.substr(0, 60));
  return json(SanitizeUtf8(s)).dump() + (v.size() > 60 ? "…" : "");
}

// Reads an optional string field; false (and an error) when present but not a string or too big.
bool OptString(const json& obj, const char* field, std::string* out, const JsonlOptions& o,
               LineError* err) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string()) {
    err->field = field;
    err->message = std::string("must be a string, got ") + it->type_name();
    return false;
  }
  const std::string& v = it->get_ref<const std::string&>();
  if (v.size() > o.max_field_bytes) {
    err->field = field;
    err->message = "is " + std::to_string(v.size()) + " bytes, above the limit of " +
                   std::to_string(o.max_field_bytes);
    return false;
  }
  *out = v;
  return true;
}

bool ParseObject(const json& obj, const JsonlOptions& o, normalize::Input* in, LineError* err) {
  if (!obj.is_object()) {
    err->message = std::string("expected a JSON object, got ") + obj.type_name();
    return false;
  }
  if (!OptString(obj, "url", &in->url, o, err)) return false;
  if (in->url.empty()) {
    err->field = "url";
    err->message = "is required";
    return false;
  }
  if (!CanonicalUrl(in->url)) {
    err->field = "url";
    err->message = "not an absolute http(s) URL: " + Quote(in->url);
    return false;
  }
  if (!OptString(obj, "outlet", &in->outlet, o, err)) return false;
  if (!OptString(obj, "title", &in->title, o, err)) return false;
  if (!OptString(obj, "text", &in->text, o, err)) return false;
  if (!OptString(obj, "html", &in->html, o, err)) return false;
  if (!OptString(obj, "byline", &in->byline, o, err)) return false;
  std::string published;
  if (!OptString(obj, "published", &published, o, err)) return false;
  if (!published.empty()) {
    in->published = ParseRfc3339(published);
    if (!in->published) {
      err->field = "published";
      err->message = "not an RFC 3339 time: " + Quote(published);
      return false;
    }
  }
  if (!OptString(obj, "lang", &in->lang, o, err)) return false;
  if (!in->lang.empty()) {
    bool ok = (in->lang.size() == 2 || in->lang == "und");
    for (char c : in->lang) ok = ok && c >= 'a' && c <= 'z';
    if (!ok) {
      err->field = "lang";
      err->message = "not an ISO 639-1 code (two lower-case letters): " + Quote(in->lang);
      return false;
    }
  }
  auto links = obj.find("links");
  if (links != obj.end() && !links->is_null()) {
    if (!links->is_array()) {
      err->field = "links";
      err->message = std::string("must be an array of URLs, got ") + links->type_name();
      return false;
    }
    if (links->size() > o.max_links) {
      err->field = "links";
      err->message = "has " + std::to_string(links->size()) + " entries, above the limit of " +
                     std::to_string(o.max_links);
      return false;
    }
    for (size_t i = 0; i < links->size(); ++i) {
      const json& l = (*links)[i];
      if (!l.is_string() || !CanonicalUrl(l.get<std::string>())) {
        err->field = "links[" + std::to_string(i) + "]";
        err->message = "not an absolute http(s) URL: " + (l.is_string() ? Quote(l.get<std::string>()) : l.dump());
        return false;
      }
      in->links.push_back(l.get<std::string>());
    }
  }
  return true;
}

}  // namespace

ParseResult ParseJsonl(std::string_view data, std::string_view file, const JsonlOptions& o) {
  ParseResult result;
  size_t line_no = 0;
  size_t pos = 0;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a leading BOM is not content
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimSpace(line).empty()) continue;
    ++result.lines;
    LineError err;
    err.file = std::string(file);
    err.line = line_no;
    if (line.size() > o.max_line_bytes) {
      err.message = "line is " + std::to_string(line.size()) + " bytes, above the limit of " +
                    std::to_string(o.max_line_bytes);
      result.errors.push_back(err);
      continue;
    }
    size_t bad = 0;
    if (!IsValidUtf8(line, &bad)) {
      err.message = "invalid UTF-8 at byte " + std::to_string(bad) + " of the line";
      result.errors.push_back(err);
      continue;
    }
    json obj = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (obj.is_discarded()) {
      err.message = "not valid JSON";
      try {
        json reparsed = json::parse(line);  // throws with the position and reason
        (void)reparsed;
      } catch (const json::parse_error& e) {
        err.message = std::string("not valid JSON: ") + e.what();
      }
      result.errors.push_back(err);
      continue;
    }
    RawArticle raw;
    raw.file = std::string(file);
    raw.line = line_no;
    if (!ParseObject(obj, o, &raw.input, &err)) {
      result.errors.push_back(err);
      continue;
    }
    result.articles.push_back(std::move(raw));
  }
  return result;
}

StatusOr<ParseResult> ReadJsonl(const std::string& path, const JsonlOptions& o) {
  HW_ASSIGN_OR_RETURN(std::string data, ReadFile(path, o.max_file_bytes));
  return ParseJsonl(data, path, o);
}

}  // namespace headwater::ingest
