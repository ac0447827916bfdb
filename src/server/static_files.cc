// The static files of the web UI (ServeStatic in api.h): files under the UI directory with a
// MIME type by extension, index.html for client-side routes, ETag / If-None-Match -> 304.
// Thread-safety: stateless; safe from any thread.
#include <httplib.h>

#include <filesystem>
#include <map>
#include <string>

#include "common/paths.h"
#include "server/api.h"
#include "server/response_cache.h"

namespace headwater::server {
namespace {

void Send(const ApiResponse& r, httplib::Response& res) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

const char* MimeType(const std::string& path) {
  static const std::map<std::string, const char*> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"}};
  std::string ext = std::filesystem::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

void ServeStatic(const std::string& web_root, const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    return Send(ErrorResponse(405, req.method + " is not allowed on " + req.path), res);
  }
  if (web_root.empty()) {
    if (req.path != "/" && req.path != "/index.html")
      return Send(ErrorResponse(404, "no such file: " + req.path + " (the web UI is not built)"),
                  res);
    res.set_content(
        "<!doctype html><meta charset=utf-8><title>Headwater</title><h1>Headwater</h1>"
        "<p>The web UI is not built. The JSON API is at <a "
        "href=\"/api/stories\">/api/stories</a>;"
        " see <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>",
        "text/html; charset=utf-8");
    return;
  }
  std::vector<std::string> segs = PathSegments(req.path);
  for (const std::string& s : segs)
    if (s == ".." || s == "." || s.find('\\') != std::string::npos)
      return Send(ErrorResponse(404, "no such file: " + req.path), res);
  std::string rel;
  for (const std::string& s : segs) rel += "/" + s;
  std::string file = web_root + (rel.empty() ? "/index.html" : rel);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    // Client-side routes (/stories/12, /search) get the app; missing assets get 404.
    bool looks_like_file = !segs.empty() && segs.back().find('.') != std::string::npos;
    if (looks_like_file) return Send(ErrorResponse(404, "no such file: " + req.path), res);
    file = web_root + "/index.html";
  }
  auto text = ReadFile(file, size_t{64} << 20);
  if (!text.ok()) return Send(ErrorResponse(404, "no such file: " + req.path), res);
  std::string etag = MakeEtag(*text);
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "no-cache");
  if (EtagMatches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  res.set_content(std::move(*text), MimeType(file));
}

}  // namespace headwater::server
