// Internal to server/: the endpoint handlers of docs/API.md and what they get to work with.
// Handlers are plain functions of (context, request) returning an ApiResponse; routing,
// authorization, caching and transactions are done around them by server.cc.
// Thread-safety: a handler uses its context's store and pipeline from the calling thread only.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "pipeline/pipeline.h"
#include "server/server.h"
#include "store/store.h"

namespace headwater::server {

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// {"error":{"code","message"}} with the code of the status (400 bad_request, 401 unauthorized,
// 404 not_found, 405 method_not_allowed, 413 payload_too_large, else internal).
ApiResponse ErrorResponse(int status, std::string_view message);
// InvalidArgument -> 400, NotFound -> 404, PermissionDenied -> 400 (a refused URL),
// ResourceExhausted -> 413, anything else 500.
ApiResponse StatusResponse(const Status& s);
// The document with "schema": 1 added first.
ApiResponse JsonResponse(nlohmann::json doc, int status = 200);

// An integer query parameter in [lo, hi], or `fallback` when absent; InvalidArgument naming
// the parameter otherwise.
StatusOr<int> IntParam(const httplib::Request& req, const char* name, int fallback, int lo, int hi);

// What a handler works with: one store connection (a reader inside a read transaction, or the
// writer), a pipeline over it opened on first use, the options and the time of the request.
class ApiContext {
 public:
  virtual ~ApiContext() = default;
  virtual store::Store* store() = 0;
  virtual StatusOr<pipeline::Pipeline*> pipe() = 0;
  virtual const ServerOptions& options() const = 0;
  virtual UnixSeconds now() const = 0;
};

// The path segments after the route's prefix, e.g. {"12"} for /api/stories/12.
using PathArgs = std::vector<std::string>;

// Reads (GET): servable from any reader, cacheable.
ApiResponse HandleHealth(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleStories(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleStory(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleStoryGraph(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleArticle(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleOutlets(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleOutlet(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleSearch(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleWatches(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleAlerts(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleAlertsAtom(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleOpenApi(ApiContext& c, const httplib::Request& req, const PathArgs& args);

// Writes (token always): run on the writer connection under the writer mutex.
ApiResponse HandleWatchCreate(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleWatchDelete(ApiContext& c, const httplib::Request& req, const PathArgs& args);
ApiResponse HandleIngest(ApiContext& c, const httplib::Request& req, const PathArgs& args);

// The path segments of a request path: "/api/stories/12/" -> {"api", "stories", "12"}.
std::vector<std::string> PathSegments(std::string_view path);

// Answers a request outside /api/ from the web UI directory `web_root` ("" = not built: "/"
// gets a short page naming the API, anything else 404): files by extension, index.html for
// paths without an extension (client-side routes), 405 for methods other than GET and HEAD.
void ServeStatic(const std::string& web_root, const httplib::Request& req, httplib::Response& res);

// The graph document of GET /api/stories/{id}/graph from a story report.
nlohmann::json GraphJson(const pipeline::StoryReport& doc);

}  // namespace headwater::server
