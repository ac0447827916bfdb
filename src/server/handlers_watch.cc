// Watches, alerts (JSON and Atom), ingest and the OpenAPI document of docs/API.md.
#include "common/paths.h"
#include "ingest/feed.h"
#include "ingest/fetcher.h"
#include "ingest/jsonl.h"
#include "pipeline/views.h"
#include "records/alert_feed.h"
#include "records/watch.h"
#include "server/api.h"

namespace headwater::server {

using json = nlohmann::json;

namespace {

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

ApiResponse HandleWatches(ApiContext& c, const httplib::Request&, const PathArgs&) {
  auto watches = c.store()->ListWatches();
  if (!watches.ok()) return StatusResponse(watches.status());
  json arr = json::array();
  for (const store::Watch& w : *watches) arr.push_back(pipeline::WatchJson(c.store(), w));
  return JsonResponse({{"watches", std::move(arr)}});
}

ApiResponse HandleWatchCreate(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object())
    return ErrorResponse(400, "body must be a JSON object {\"kind\",\"target\"}");
  if (!body.contains("kind") || !body["kind"].is_string())
    return ErrorResponse(400, "kind is required: story, outlet or query");
  auto kind = store::ParseWatchKind(body["kind"].get<std::string>());
  if (!kind)
    return ErrorResponse(400, "kind must be story, outlet or query, got \"" +
                                  body["kind"].get<std::string>() + "\"");
  if (!body.contains("target") ||
      !(body["target"].is_string() || body["target"].is_number_integer()))
    return ErrorResponse(400, "target is required: a story id, an outlet name or a query");
  std::string target = body["target"].is_string() ? body["target"].get<std::string>()
                                                  : std::to_string(body["target"].get<int64_t>());
  if (target.empty()) return ErrorResponse(400, "target must not be empty");
  auto id = records::AddWatch(c.store(), *kind, target, "", c.now());
  if (!id.ok()) return StatusResponse(id.status());
  auto watches = c.store()->ListWatches();
  if (!watches.ok()) return StatusResponse(watches.status());
  for (const store::Watch& w : *watches)
    if (w.id == *id) return JsonResponse(pipeline::WatchJson(c.store(), w), 201);
  return ErrorResponse(500, "the new watch " + std::to_string(*id) + " was not found");
}

ApiResponse HandleWatchDelete(ApiContext& c, const httplib::Request&, const PathArgs& args) {
  auto id = pipeline::ParseId(args.at(0), "watch id");
  if (!id.ok()) return StatusResponse(id.status());
  Status s = c.store()->DeleteWatch(*id);
  if (!s.ok()) return StatusResponse(s);
  return JsonResponse({{"deleted", std::to_string(*id)}});
}

ApiResponse HandleAlerts(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  auto limit = IntParam(req, "limit", 100, 1, 1000);
  if (!limit.ok()) return StatusResponse(limit.status());
  auto alerts = c.store()->ListAlerts(*limit);
  if (!alerts.ok()) return StatusResponse(alerts.status());
  json arr = json::array();
  for (const store::Alert& a : *alerts) arr.push_back(pipeline::AlertJson(a));
  return JsonResponse({{"alerts", std::move(arr)}});
}

ApiResponse HandleAlertsAtom(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  auto limit = IntParam(req, "limit", 100, 1, 1000);
  if (!limit.ok()) return StatusResponse(limit.status());
  auto alerts = c.store()->ListAlerts(*limit);
  if (!alerts.ok()) return StatusResponse(alerts.status());
  records::AlertFeedOptions o;
  std::string host = req.get_header_value("Host");
  if (!host.empty()) o.story_url_prefix = "http://" + host + "/stories/";
  ApiResponse r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = records::AlertsToAtom(*alerts, c.now(), o);
  return r;
}

ApiResponse HandleOpenApi(ApiContext&, const httplib::Request&, const PathArgs&) {
  auto path = FindDataFile("openapi.json");
  if (!path.ok()) return StatusResponse(path.status());
  auto text = ReadFile(*path);
  if (!text.ok()) return StatusResponse(text.status());
  ApiResponse r;
  r.body = std::move(*text);
  return r;
}

ApiResponse HandleIngest(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  ingest::ParseResult parsed;
  std::string label = "request body";
  if (type == "application/json") {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("feed_url") || !body["feed_url"].is_string())
      return ErrorResponse(400,
                           "feed_url is required: a JSON body {\"feed_url\":\"https://…\"} "
                           "(or send JSON Lines as application/x-ndjson)");
    std::string url = body["feed_url"].get<std::string>();
    if (!StartsWith(url, "http://") && !StartsWith(url, "https://"))
      return ErrorResponse(400, "feed_url must be an http(s) URL, got \"" + url + "\"");
    ingest::FetchOptions fo;
    fo.allow_loopback = c.options().allow_loopback_feeds;
    ingest::CurlFetcher fetcher(fo);
    ingest::HttpRequest get;
    get.url = url;
    auto resp = fetcher.Fetch(get);
    if (!resp.ok()) return ErrorResponse(400, "feed_url: " + resp.status().message());
    if (resp->status != 200)
      return ErrorResponse(400, "feed_url: the feed answered HTTP " + std::to_string(resp->status));
    auto feed = ingest::ParseFeed(resp->body, url);
    if (!feed.ok()) return ErrorResponse(400, "feed_url: " + feed.status().message());
    parsed = std::move(feed->parsed);
    label = url;
  } else if (type == "application/x-ndjson" || type == "application/jsonl" ||
             type == "application/x-jsonlines" || type == "text/plain") {
    if (req.body.empty()) return ErrorResponse(400, "body is empty: send one JSON article a line");
    parsed = ingest::ParseJsonl(req.body, "request body");
  } else {
    return ErrorResponse(400,
                         "Content-Type must be application/x-ndjson (JSON Lines) or "
                         "application/json ({\"feed_url\"}), got \"" +
                             type + "\"");
  }
  auto pipe = c.pipe();
  if (!pipe.ok()) return StatusResponse(pipe.status());
  auto summary = (*pipe)->Ingest(parsed.articles, parsed.errors, /*strict=*/false);
  if (!summary.ok()) return StatusResponse(summary.status());
  json errors = json::array();
  for (const ingest::LineError& e : summary->errors)
    errors.push_back({{"line", e.line},
                      {"field", e.field.empty() ? json(nullptr) : json(e.field)},
                      {"message", e.message}});
  json touched = json::array(), fresh = json::array();
  for (StoryId s : summary->stories_touched) touched.push_back(std::to_string(s));
  for (StoryId s : summary->stories_new) fresh.push_back(std::to_string(s));
  json doc = {{"source", label},
              {"lines", summary->lines},
              {"added", summary->added},
              {"duplicates", summary->duplicates},
              {"skipped", summary->skipped},
              {"reuse_edges", summary->reuse_edges},
              {"attributions", summary->attributions},
              {"stories_touched", std::move(touched)},
              {"stories_new", std::move(fresh)},
              {"errors", std::move(errors)},
              {"summary", summary->ToString()}};
  if (c.options().check_watches_after_ingest) {
    auto alerts = records::CheckWatches(c.store(), c.now());
    json arr = json::array();
    if (alerts.ok())
      for (const store::Alert& a : *alerts) arr.push_back(pipeline::AlertJson(a));
    doc["alerts"] = std::move(arr);
  }
  return JsonResponse(std::move(doc));
}

}  // namespace headwater::server
