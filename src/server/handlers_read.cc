// The read endpoints of docs/API.md: stories (list, report, graph), articles, outlets, search,
// health. Each validates its parameters first and names the bad one in a 400.
#include <algorithm>
#include <map>
#include <set>

#include "attribution/attribution_json.h"
#include "common/text.h"
#include "pipeline/views.h"
#include "records/track_record.h"
#include "server/api.h"

namespace headwater::server {

using json = nlohmann::json;

StatusOr<int> IntParam(const httplib::Request& req, const char* name, int fallback, int lo,
                       int hi) {
  if (!req.has_param(name)) return fallback;
  std::string v = req.get_param_value(name);
  auto n = pipeline::ParseId(v, name);
  long long x = n.ok() ? *n : (v == "0" ? 0 : -1);
  if (x < lo || x > hi)
    return Status::InvalidArgument(std::string(name) + " must be an integer from " +
                                   std::to_string(lo) + " to " + std::to_string(hi) + ", got \"" +
                                   v + "\"");
  return static_cast<int>(x);
}

namespace {

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// A date parameter (RFC 3339 or YYYY-MM-DD). end_of_day: a bare date means its last second.
StatusOr<std::optional<UnixSeconds>> DateParam(const httplib::Request& req, const char* name,
                                               bool end_of_day) {
  std::string v = Param(req, name);
  if (v.empty()) return std::optional<UnixSeconds>();
  auto t = ParseRfc3339(v);
  if (!t)
    return Status::InvalidArgument(std::string(name) +
                                   " must be a date (YYYY-MM-DD or RFC 3339), got \"" + v + "\"");
  if (end_of_day && v.size() == 10) *t += 86399;
  return std::optional<UnixSeconds>(*t);
}

// The outlet named by a parameter: its id, name, alias or domain.
const Outlet* FindOutlet(const normalize::OutletRegistry& registry, const std::string& v) {
  if (auto id = pipeline::ParseId(v, "outlet"); id.ok())
    if (const Outlet* o = registry.Get(*id)) return o;
  if (const Outlet* o = registry.FindByName(v)) return o;
  return registry.FindByDomain(v);
}

json TrackRecordJson(const provenance::TrackRecord& t) {
  return {{"originated", t.originated},
          {"corroborated", t.corroborated},
          {"single_source", t.single_source},
          {"refuted", t.refuted},
          {"estimate", t.estimate}};
}

json TimeOrNull(const std::optional<UnixSeconds>& t) {
  return t ? json(FormatRfc3339(*t)) : json(nullptr);
}

}  // namespace

ApiResponse HandleHealth(ApiContext& c, const httplib::Request&, const PathArgs&) {
  auto articles = c.store()->CountArticles();
  if (!articles.ok()) return StatusResponse(articles.status());
  auto stories = c.store()->CountStories({});
  if (!stories.ok()) return StatusResponse(stories.status());
  return JsonResponse({{"status", "ok"},
                       {"schema_version", c.store()->SchemaVersion()},
                       {"articles", *articles},
                       {"stories", *stories}});
}

ApiResponse HandleStories(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  store::StoryFilter f;
  f.verdict = Param(req, "verdict");
  if (!f.verdict.empty() && !pipeline::IsVerdictName(f.verdict))
    return ErrorResponse(400, "verdict must be one of " + std::string(pipeline::VerdictNames()) +
                                  "; got \"" + f.verdict + "\"");
  f.country = Param(req, "country");
  if (!f.country.empty()) {
    bool ok = f.country.size() == 2 && std::isalpha(static_cast<unsigned char>(f.country[0])) &&
              std::isalpha(static_cast<unsigned char>(f.country[1]));
    if (!ok)
      return ErrorResponse(
          400, "country must be an ISO 3166-1 alpha-2 code (e.g. MX), got \"" + f.country + "\"");
    for (char& ch : f.country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  f.lang = Param(req, "lang");
  if (!f.lang.empty()) {
    bool ok =
        f.lang.size() >= 2 && f.lang.size() <= 3 &&
        std::all_of(f.lang.begin(), f.lang.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    if (!ok)
      return ErrorResponse(
          400, "lang must be an ISO 639-1 code (e.g. es) or und, got \"" + f.lang + "\"");
  }
  f.status = Param(req, "status");
  if (!f.status.empty() && f.status != "active" && f.status != "dormant")
    return ErrorResponse(400, "status must be active or dormant, got \"" + f.status + "\"");
  auto since = DateParam(req, "since", false);
  if (!since.ok()) return StatusResponse(since.status());
  f.since = *since;
  auto until = DateParam(req, "until", true);
  if (!until.ok()) return StatusResponse(until.status());
  f.until = *until;
  std::string q = Param(req, "q");
  if (!q.empty()) {
    f.query = store::FtsQueryForText(q);
    if (f.query.empty()) return ErrorResponse(400, "q has no words to search for: \"" + q + "\"");
  }
  auto limit = IntParam(req, "limit", c.options().default_limit, 1, c.options().max_limit);
  if (!limit.ok()) return StatusResponse(limit.status());
  auto offset = IntParam(req, "offset", 0, 0, 1 << 30);
  if (!offset.ok()) return StatusResponse(offset.status());
  f.limit = *limit;
  f.offset = *offset;
  std::string outlet = Param(req, "outlet");
  if (!outlet.empty()) {
    auto pipe = c.pipe();
    if (!pipe.ok()) return StatusResponse(pipe.status());
    const Outlet* o = FindOutlet((*pipe)->outlets(), outlet);
    if (!o)
      return ErrorResponse(400, "outlet: no outlet with the id, name or domain \"" + outlet + "\"");
    f.outlet = o->id;
  }
  auto total = c.store()->CountStories(f);
  if (!total.ok()) return StatusResponse(total.status());
  auto list = c.store()->ListStories(f);
  if (!list.ok()) return StatusResponse(list.status());
  json stories = json::array();
  for (const auto& r : *list) stories.push_back(pipeline::StorySummaryJson(r));
  return JsonResponse({{"total", *total},
                       {"limit", f.limit},
                       {"offset", f.offset},
                       {"stories", std::move(stories)}});
}

namespace {

// The report of the story named by args[0] (following merges), or an error response.
StatusOr<pipeline::StoryReport> LoadReport(ApiContext& c, const PathArgs& args) {
  HW_ASSIGN_OR_RETURN(int64_t id, pipeline::ParseId(args.at(0), "story id"));
  HW_ASSIGN_OR_RETURN(pipeline::Pipeline * pipe, c.pipe());
  return pipe->StoryDocument(id);
}

}  // namespace

ApiResponse HandleStory(ApiContext& c, const httplib::Request&, const PathArgs& args) {
  auto doc = LoadReport(c, args);
  if (!doc.ok()) return StatusResponse(doc.status());
  return JsonResponse(std::move(doc->json));
}

json GraphJson(const pipeline::StoryReport& doc) {
  std::map<ArticleId, const Article*> articles;
  for (const Article& a : doc.input.articles) articles[a.id] = &a;
  std::set<std::string> denial_urls;
  for (const provenance::Denial& d : doc.report.denials) denial_urls.insert(d.url);
  std::set<size_t> denying_nodes;
  for (const provenance::OriginInfo& o : doc.report.origins)
    if (o.denies) denying_nodes.insert(o.nodes.begin(), o.nodes.end());
  json nodes = json::array();
  for (size_t i = 0; i < doc.report.nodes.size(); ++i) {
    const provenance::Node& n = doc.report.nodes[i];
    std::string role = n.role == provenance::NodeRole::kOrigin ? "origin"
                       : n.role == provenance::NodeRole::kEcho ? "echo"
                                                               : "other";
    if (denying_nodes.count(i) || (role != "echo" && !n.external && denial_urls.count(n.url)))
      role = "denial";
    auto a = articles.find(n.article);
    nodes.push_back({{"id", n.id},
                     {"label", n.outlet},
                     {"kind", n.external ? "external" : "article"},
                     {"role", role},
                     {"url", n.external ? json(nullptr) : json(n.url)},
                     {"outlet", n.outlet},
                     {"country", n.country.empty() ? json(nullptr) : json(n.country)},
                     {"published", TimeOrNull(n.published)},
                     {"article", n.external ? json(nullptr) : json(std::to_string(n.article))},
                     {"title", a == articles.end() ? json(nullptr) : json(a->second->title)},
                     {"outlet_kind", n.kind},
                     {"independent_group", n.group}});
  }
  // The report's own edges carry evidence with code-point offsets already.
  json edges = json::array();
  json graph = doc.json.value("graph", json::object());
  for (const json& e : graph.value("edges", json::array())) {
    json out = {{"source", e.value("from", "")},
                {"target", e.value("to", "")},
                {"kind", e.value("kind", "")},
                {"self", e.value("self", false)},
                {"evidence", e.contains("evidence") ? e["evidence"] : json(nullptr)}};
    if (out["kind"] == "copies") out["class"] = e.value("class", json(nullptr));
    edges.push_back(std::move(out));
  }
  return {{"story", doc.json.value("id", "")},
          {"nodes", std::move(nodes)},
          {"edges", std::move(edges)}};
}

ApiResponse HandleStoryGraph(ApiContext& c, const httplib::Request&, const PathArgs& args) {
  auto doc = LoadReport(c, args);
  if (!doc.ok()) return StatusResponse(doc.status());
  return JsonResponse(GraphJson(*doc));
}

ApiResponse HandleArticle(ApiContext& c, const httplib::Request&, const PathArgs& args) {
  auto id = pipeline::ParseId(args.at(0), "article id");
  if (!id.ok()) return StatusResponse(id.status());
  auto a = c.store()->GetArticle(*id);
  if (!a.ok()) return StatusResponse(a.status());
  auto attrs = c.store()->AttributionsOf(*id);
  if (!attrs.ok()) return StatusResponse(attrs.status());
  auto pipe = c.pipe();
  if (!pipe.ok()) return StatusResponse(pipe.status());
  CodePointIndex index(a->text);
  json list = json::array();
  for (const Attribution& at : *attrs)
    list.push_back(attribution::AttributionToJson(at, index, &(*pipe)->outlets()));
  return JsonResponse({{"id", std::to_string(a->id)},
                       {"url", a->url},
                       {"canonical_url", a->canonical_url},
                       {"outlet", a->outlet_name},
                       {"outlet_id", std::to_string(a->outlet_id)},
                       {"published", TimeOrNull(a->published)},
                       {"lang", a->lang},
                       {"title", a->title},
                       {"byline", a->byline.empty() ? json(nullptr) : json(a->byline)},
                       {"text", a->text},
                       {"story", a->story_id ? json(std::to_string(a->story_id)) : json(nullptr)},
                       {"attributions", std::move(list)}});
}

ApiResponse HandleOutlets(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  auto limit = IntParam(req, "limit", c.options().default_limit, 1, c.options().max_limit);
  if (!limit.ok()) return StatusResponse(limit.status());
  auto offset = IntParam(req, "offset", 0, 0, 1 << 30);
  if (!offset.ok()) return StatusResponse(offset.status());
  std::string country = Param(req, "country");
  if (!country.empty() && country.size() != 2)
    return ErrorResponse(
        400, "country must be an ISO 3166-1 alpha-2 code (e.g. MX), got \"" + country + "\"");
  for (char& ch : country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string q = Fold(Param(req, "q"));
  auto outlets = c.store()->ListOutlets();
  if (!outlets.ok()) return StatusResponse(outlets.status());
  json page = json::array();
  int64_t total = 0;
  for (const Outlet& o : *outlets) {
    if (!country.empty() && o.country != country) continue;
    if (!q.empty()) {
      bool hit = Fold(o.name).find(q) != std::string::npos;
      for (const std::string& a : o.aliases) hit = hit || Fold(a).find(q) != std::string::npos;
      for (const std::string& d : o.domains) hit = hit || d.find(q) != std::string::npos;
      if (!hit) continue;
    }
    if (total >= *offset && total < int64_t{*offset} + *limit)
      page.push_back(pipeline::OutletJson(o));
    ++total;
  }
  return JsonResponse(
      {{"total", total}, {"limit", *limit}, {"offset", *offset}, {"outlets", std::move(page)}});
}

ApiResponse HandleOutlet(ApiContext& c, const httplib::Request&, const PathArgs& args) {
  auto id = pipeline::ParseId(args.at(0), "outlet id");
  if (!id.ok()) return StatusResponse(id.status());
  auto pipe = c.pipe();
  if (!pipe.ok()) return StatusResponse(pipe.status());
  const Outlet* o = (*pipe)->outlets().Get(*id);
  if (!o) return ErrorResponse(404, "no outlet with id " + args.at(0));
  auto outcomes = (*pipe)->Outcomes();
  if (!outcomes.ok()) return StatusResponse(outcomes.status());
  provenance::TrackRecord total = records::ComputeTrackRecord(o->id, **outcomes, c.now());
  json record = TrackRecordJson(total);
  json by_year = json::array();
  for (const auto& [year, t] : records::TrackRecordByYear(o->id, **outcomes, c.now())) {
    json y = TrackRecordJson(t);
    y["year"] = year;
    by_year.push_back(std::move(y));
  }
  record["by_year"] = std::move(by_year);
  std::set<StoryId> originated;
  for (const records::StoryOutcome& s : **outcomes)
    if (std::find(s.origin_outlets.begin(), s.origin_outlets.end(), o->id) !=
        s.origin_outlets.end())
      originated.insert(s.story);
  store::StoryFilter f;
  f.outlet = o->id;
  f.limit = c.options().max_limit;
  auto list = c.store()->ListStories(f);
  if (!list.ok()) return StatusResponse(list.status());
  json stories = json::array();
  for (const auto& r : *list) {
    json s = pipeline::StorySummaryJson(r);
    s["originated"] = originated.count(r.story.id) > 0;
    stories.push_back(std::move(s));
  }
  json doc = pipeline::OutletJson(*o);
  doc["track_record"] = std::move(record);
  doc["stories"] = std::move(stories);
  return JsonResponse(std::move(doc));
}

ApiResponse HandleSearch(ApiContext& c, const httplib::Request& req, const PathArgs&) {
  std::string q = Param(req, "q");
  if (q.empty()) return ErrorResponse(400, "q is required: the words to search for");
  std::string fts = store::FtsQueryForText(q);
  if (fts.empty()) return ErrorResponse(400, "q has no words to search for: \"" + q + "\"");
  auto limit = IntParam(req, "limit", 20, 1, c.options().max_limit);
  if (!limit.ok()) return StatusResponse(limit.status());
  auto hits = c.store()->Search(fts, *limit);
  if (!hits.ok()) return StatusResponse(hits.status());
  json articles = json::array();
  for (const store::SearchHit& h : *hits) {
    auto a = c.store()->GetArticle(h.article);
    articles.push_back({{"id", std::to_string(h.article)},
                        {"url", h.url},
                        {"title", h.title},
                        {"outlet", h.outlet},
                        {"published", a.ok() ? TimeOrNull(a->published) : json(nullptr)},
                        {"snippet", h.snippet},
                        {"story", h.story ? json(std::to_string(h.story)) : json(nullptr)}});
  }
  return JsonResponse({{"query", q}, {"articles", std::move(articles)}});
}

}  // namespace headwater::server
