#include "pipeline/views.h"

#include <charconv>

#include "provenance/provenance.h"
#include "records/watch.h"

namespace headwater::pipeline {

using json = nlohmann::json;

json ParseTopLevelKeys(std::string_view text, std::initializer_list<std::string_view> keys) {
  json::parser_callback_t keep = [&keys](int depth, json::parse_event_t event, json& parsed) {
    if (depth != 1 || event != json::parse_event_t::key) return true;
    const std::string& k = parsed.get_ref<const std::string&>();
    for (std::string_view want : keys)
      if (k == want) return true;
    return false;
  };
  return json::parse(text.begin(), text.end(), keep, /*allow_exceptions=*/false);
}

json StorySummaryJson(const store::StoryRecord& r) {
  json doc =
      ParseTopLevelKeys(r.report_json, {"id", "title", "verdict", "policy", "country", "status",
                                        "first_seen", "last_seen", "counts", "articles"});
  json s = json::object();
  for (const char* k : {"id", "title", "verdict", "policy", "country", "status", "first_seen",
                        "last_seen", "counts", "articles"})
    s[k] = doc.is_object() && doc.contains(k) ? doc[k] : json(nullptr);
  s["id"] = std::to_string(r.story.id);
  return s;
}

std::string StoredReportJson(json document) {
  if (document.is_object())
    for (const char* k : {"graph", "timeline", "explanation", "echoes", "places", "key_terms"})
      document.erase(k);
  return document.dump();
}

json AlertJson(const store::Alert& a) {
  json ev = json::parse(a.evidence_json, nullptr, false);
  return {{"watch", std::to_string(a.watch_id)},
          {"story", std::to_string(a.story_id)},
          {"what", a.what},
          {"from", a.from},
          {"to", a.to},
          {"at", FormatRfc3339(a.at)},
          {"evidence", ev.is_array() ? ev : json::array()}};
}

json WatchJson(store::Store* store, const store::Watch& w) {
  auto followed = records::FollowedStories(store, w);
  json ids = json::array();
  if (followed.ok())
    for (StoryId s : *followed) ids.push_back(std::to_string(s));
  return {{"id", std::to_string(w.id)},
          {"kind", store::WatchKindName(w.kind)},
          {"target", w.target},
          {"created", FormatRfc3339(w.created)},
          {"stories", ids}};
}

json OutletJson(const Outlet& o) {
  return {{"id", std::to_string(o.id)},
          {"name", o.name},
          {"domain", o.domains.empty() ? json(nullptr) : json(o.domains.front())},
          {"domains", o.domains},
          {"aliases", o.aliases},
          {"country", o.country.empty() ? json(nullptr) : json(o.country)},
          {"languages", o.languages},
          {"kind", OutletKindName(o.kind)},
          {"group", o.IndependenceGroup()},
          {"owner_group", o.owner_group.empty() ? json(nullptr) : json(o.owner_group)},
          {"verified", o.verified}};
}

StatusOr<int64_t> ParseId(std::string_view text, std::string_view what) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v <= 0)
    return Status::InvalidArgument(std::string(what) + " must be a positive number, got \"" +
                                   std::string(text) + "\"");
  return v;
}

bool IsVerdictName(std::string_view verdict) {
  return provenance::ParseVerdict(verdict).has_value();
}

const char* VerdictNames() {
  return "corroborated, disputed, partly-corroborated, single-source, unsourced";
}

}  // namespace headwater::pipeline
