// stories, story, search, policy show.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "common/text.h"
#include "pipeline/views.h"
#include "provenance/export.h"

namespace headwater::cli {

using json = nlohmann::json;

int CmdStories(const Context& c, const StoriesArgs& a) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  store::StoryFilter f;
  f.verdict = a.verdict;
  f.country = a.country;
  f.lang = a.lang;
  f.limit = a.limit;
  if (!f.verdict.empty() && !pipeline::IsVerdictName(f.verdict)) {
    std::cerr << "headwater: --verdict must be one of " << pipeline::VerdictNames() << "; got \""
              << f.verdict << "\"\n";
    return kExitUsage;
  }
  if (!a.since.empty()) {
    f.since = ParseRfc3339(a.since);
    if (!f.since) {
      std::cerr << "headwater: --since: not a date (YYYY-MM-DD or RFC 3339): \"" << a.since << "\"\n";
      return kExitUsage;
    }
  }
  if (!a.query.empty()) f.query = store::FtsQueryForText(a.query);
  if (!a.outlet.empty()) {
    auto pipe = c.OpenPipeline(store->get(), false);
    if (!pipe.ok()) return PrintError(pipe.status());
    const Outlet* o = (*pipe)->outlets().FindByName(a.outlet);
    if (!o) o = (*pipe)->outlets().FindByDomain(a.outlet);
    if (!o) return PrintError(Status::NotFound("--outlet: no outlet named \"" + a.outlet + "\""));
    f.outlet = o->id;
  }
  auto list = (*store)->ListStories(f);
  if (!list.ok()) return PrintError(list.status());
  if (c.json || a.csv) {
    json arr = json::array();
    for (const auto& r : *list) arr.push_back(pipeline::StorySummaryJson(r));
    if (a.csv) {
      std::cout << provenance::StoriesCsvHeader();
      for (const json& s : arr) std::cout << provenance::StoryCsvRow(s);
      return kExitOk;
    }
    std::cout << json{{"schema", 1}, {"stories", arr}}.dump() << "\n";
    return kExitOk;
  }
  if (list->empty()) {
    std::cout << "no stories\n";
    return kExitOk;
  }
  for (const auto& r : *list) {
    json counts = json::parse(r.counts_json, nullptr, false);
    int articles = counts.is_object() ? counts.value("articles", 0) : 0;
    int origins = counts.is_object() ? counts.value("independent_origins", 0) : 0;
    std::cout << "#" << r.story.id << "  " << r.verdict << "  [" << (r.story.country.empty() ? "--" : r.story.country)
              << ", " << r.policy << "]  " << r.story.title << "\n      " << articles << " article"
              << (articles == 1 ? "" : "s") << ", " << origins << " independent origin"
              << (origins == 1 ? "" : "s") << ", " << FormatDate(r.story.first_seen) << " .. "
              << FormatDate(r.story.last_seen) << ", " << StoryStatusName(r.story.status) << "\n";
  }
  return kExitOk;
}

int CmdStory(const Context& c, const std::string& id_text, const std::string& format) {
  auto id = pipeline::ParseId(id_text, "story id");
  if (!id.ok()) {
    std::cerr << "headwater: " << id.status().message() << "\n";
    return kExitUsage;
  }
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto pipe = c.OpenPipeline(store->get(), false);
  if (!pipe.ok()) return PrintError(pipe.status());
  auto doc = (*pipe)->StoryDocument(*id);
  if (!doc.ok()) return PrintError(doc.status());
  if (format == "dot") {
    std::cout << provenance::ReportToDot(doc->report);
    return kExitOk;
  }
  if (format == "graphml") {
    std::cout << provenance::ReportToGraphML(doc->report);
    return kExitOk;
  }
  if (format == "claimreview") {
    std::cout << provenance::ReportToClaimReview(doc->report, doc->input, c.clock.Now()).dump(2)
              << "\n";
    return kExitOk;
  }
  if (c.json) {
    json j = doc->json;
    j["schema"] = 1;
    std::cout << j.dump() << "\n";
    return kExitOk;
  }
  std::cout << "Story #" << *id << ": " << doc->json.value("title", "") << "\n";
  std::cout << provenance::ReportToText(doc->report);
  return kExitOk;
}

int CmdSearch(const Context& c, const std::string& query, int limit) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  std::string q = store::FtsQueryForText(query);
  if (q.empty()) {
    std::cerr << "headwater: search: the query has no words\n";
    return kExitUsage;
  }
  auto hits = (*store)->Search(q, limit);
  if (!hits.ok()) return PrintError(hits.status());
  if (c.json) {
    json arr = json::array();
    for (const auto& h : *hits)
      arr.push_back({{"url", h.url}, {"title", h.title}, {"outlet", h.outlet},
                     {"story", std::to_string(h.story)}, {"snippet", h.snippet}});
    std::cout << json{{"schema", 1}, {"query", query}, {"hits", arr}}.dump() << "\n";
    return kExitOk;
  }
  if (hits->empty()) std::cout << "no matches\n";
  for (const auto& h : *hits)
    std::cout << "story #" << h.story << "  " << h.outlet << ": " << h.title << "\n    " << h.url
              << "\n    " << h.snippet << "\n";
  return kExitOk;
}

int CmdPolicyShow(const Context& c) {
  auto policies = c.policies.empty() ? provenance::PolicySet::LoadDefault()
                                     : provenance::PolicySet::Load(c.policies);
  if (!policies.ok()) return PrintError(policies.status());
  if (c.json) {
    json arr = json::array();
    for (const auto& p : policies->policies())
      arr.push_back({{"name", p.name}, {"countries", p.countries},
                     {"min_independent_origins", p.min_independent_origins},
                     {"min_in_country_origins", p.min_in_country_origins},
                     {"anonymous_only_counts", p.anonymous_only_counts},
                     {"denials_dispute", p.denials_dispute}});
    std::cout << json{{"schema", 1}, {"source", policies->source()}, {"policies", arr}}.dump() << "\n";
    return kExitOk;
  }
  std::cout << "# policies from " << policies->source() << "\n";
  for (const auto& p : policies->policies()) {
    std::cout << p.name << ": min_independent_origins = " << p.min_independent_origins
              << ", min_in_country_origins = " << p.min_in_country_origins
              << ", anonymous_only_counts = " << (p.anonymous_only_counts ? "true" : "false")
              << ", denials_dispute = " << (p.denials_dispute ? "true" : "false") << "\n";
    if (!p.countries.empty()) {
      std::cout << "    countries:";
      for (const auto& cc : p.countries) std::cout << " " << cc;
      std::cout << "\n";
    }
  }
  return kExitOk;
}

}  // namespace headwater::cli
