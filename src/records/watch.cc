#include "records/watch.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/text.h"
#include "common/url.h"

namespace headwater::records {

using json = nlohmann::json;

namespace {

// The part of a story a watch compares, from its stored record.
json Snapshot(const store::StoryRecord& r) {
  json counts = json::parse(r.counts_json, nullptr, false);
  if (!counts.is_object()) counts = json::object();
  json report = json::parse(r.report_json, nullptr, false);
  json denials = json::array();
  if (report.is_object() && report.contains("denials") && report["denials"].is_array())
    for (const json& d : report["denials"]) denials.push_back(d.value("who", "") + " " + d.value("published", ""));
  // Retractions, corrections and refutations said of the story (provenance/retraction.h).
  json retractions = json::array();
  if (report.is_object() && report.contains("retractions") && report["retractions"].is_array())
    for (const json& x : report["retractions"])
      retractions.push_back(x.value("kind", "") + " " + x.value("by", "") + " " + x.value("url", ""));
  return {{"verdict", r.verdict},
          {"independent_origins", counts.value("independent_origins", 0)},
          {"in_country_origins", counts.value("in_country_origins", 0)},
          {"denials", denials},
          {"retractions", retractions},
          {"status", StoryStatusName(r.story.status)}};
}

json Evidence(const store::StoryRecord& r, const std::string& what) {
  json out = json::array();
  json report = json::parse(r.report_json, nullptr, false);
  if (!report.is_object()) return out;
  if (what == "denials") {
    for (const json& d : report.value("denials", json::array()))
      if (d.contains("evidence")) out.push_back(d["evidence"]);
    return out;
  }
  if (what == "retractions") {
    for (const json& d : report.value("retractions", json::array()))
      if (d.contains("evidence") && !d["evidence"].is_null()) out.push_back(d["evidence"]);
    return out;
  }
  for (const json& o : report.value("origins", json::array()))
    for (const json& e : o.value("evidence", json::array())) {
      out.push_back(e);
      break;
    }
  if (out.empty()) {
    for (const json& a : report.value("articles", json::array())) {
      out.push_back({{"url", a.value("url", "")}, {"start", 0}, {"end", 0}, {"text", ""}});
      break;
    }
  }
  return out;
}



}  // namespace

StatusOr<std::vector<StoryId>> FollowedStories(store::Store* store, const store::Watch& w) {
  std::vector<StoryId> ids;
  switch (w.kind) {
    case store::WatchKind::kStory: {
      StoryId id = std::strtoll(w.target.c_str(), nullptr, 10);
      HW_ASSIGN_OR_RETURN(StoryId s, store::SurvivingStory(store, id));
      ids.push_back(s);
      break;
    }
    case store::WatchKind::kOutlet: {
      HW_ASSIGN_OR_RETURN(auto outlets, store->ListOutlets());
      std::string key = Fold(w.target);
      OutletId found = 0;
      for (const Outlet& o : outlets) {
        if (Fold(o.name) == key) found = o.id;
        for (const std::string& a : o.aliases)
          if (Fold(a) == key) found = o.id;
        for (const std::string& d : o.domains)
          if (d == key) found = o.id;
        if (found) break;
      }
      if (!found) return ids;
      store::StoryFilter f;
      f.outlet = found;
      HW_ASSIGN_OR_RETURN(auto list, store->ListStories(f));
      for (const auto& r : list) ids.push_back(r.story.id);
      break;
    }
    case store::WatchKind::kQuery: {
      store::StoryFilter f;
      f.query = store::FtsQueryForText(w.target);
      if (f.query.empty()) return ids;
      HW_ASSIGN_OR_RETURN(auto list, store->ListStories(f));
      for (const auto& r : list) ids.push_back(r.story.id);
      break;
    }
  }
  return ids;
}

static StatusOr<json> CurrentState(store::Store* store, const store::Watch& w) {
  json state = json::object();
  HW_ASSIGN_OR_RETURN(auto ids, FollowedStories(store, w));
  for (StoryId id : ids) {
    HW_ASSIGN_OR_RETURN(auto r, store->GetStory(id));
    if (r) state[std::to_string(id)] = Snapshot(*r);
  }
  return state;
}

StatusOr<int64_t> AddWatch(store::Store* store, store::WatchKind kind, const std::string& target,
                           const std::string& webhook, UnixSeconds now) {
  store::Watch w;
  w.kind = kind;
  w.target = target;
  w.created = now;
  w.webhook = webhook;
  if (kind == store::WatchKind::kStory) {
    char* end = nullptr;
    long long id = std::strtoll(target.c_str(), &end, 10);
    if (target.empty() || *end != '\0' || id <= 0)
      return Status::InvalidArgument("story watch: \"" + target + "\" is not a story id");
    HW_ASSIGN_OR_RETURN(auto r, store->GetStory(id));
    if (!r) return Status::NotFound("story watch: no story with id " + target);
  }
  if (kind == store::WatchKind::kOutlet) {
    HW_ASSIGN_OR_RETURN(auto outlets, store->ListOutlets());
    bool known = false;
    std::string key = Fold(target);
    for (const Outlet& o : outlets) {
      known = known || Fold(o.name) == key;
      for (const std::string& a : o.aliases) known = known || Fold(a) == key;
      for (const std::string& d : o.domains) known = known || d == key;
    }
    if (!known) return Status::NotFound("outlet watch: no outlet named \"" + target + "\"");
  }
  if (kind == store::WatchKind::kQuery && store::FtsQueryForText(target).empty())
    return Status::InvalidArgument("query watch: the query has no words");
  HW_ASSIGN_OR_RETURN(json state, CurrentState(store, w));
  w.state_json = state.dump();
  return store->AddWatch(w);
}

StatusOr<std::vector<store::Alert>> CheckWatches(store::Store* store, UnixSeconds now) {
  std::vector<store::Alert> alerts;
  HW_RETURN_IF_ERROR(store->Begin());
  auto body = [&]() -> Status {
    HW_ASSIGN_OR_RETURN(auto watches, store->ListWatches());
    for (const store::Watch& w : watches) {
      json before = json::parse(w.state_json, nullptr, false);
      if (!before.is_object()) before = json::object();
      HW_ASSIGN_OR_RETURN(json after, CurrentState(store, w));
      for (auto it = after.begin(); it != after.end(); ++it) {
        StoryId sid = std::strtoll(it.key().c_str(), nullptr, 10);
        HW_ASSIGN_OR_RETURN(auto record, store->GetStory(sid));
        if (!record) continue;
        const json& now_s = it.value();
        auto add = [&](const std::string& what, const std::string& from, const std::string& to) -> Status {
          store::Alert a;
          a.watch_id = w.id;
          a.story_id = sid;
          a.what = what;
          a.from = from;
          a.to = to;
          a.at = now;
          a.evidence_json = Evidence(*record, what).dump();
          HW_ASSIGN_OR_RETURN(a.id, store->AddAlert(a));
          alerts.push_back(std::move(a));
          return Status::Ok();
        };
        if (!before.contains(it.key())) {
          if (w.kind != store::WatchKind::kStory)
            HW_RETURN_IF_ERROR(add("new_story", "", now_s.value("verdict", "")));
          continue;
        }
        const json& was = before[it.key()];
        if (was.value("verdict", "") != now_s.value("verdict", ""))
          HW_RETURN_IF_ERROR(add("verdict", was.value("verdict", ""), now_s.value("verdict", "")));
        if (was.value("independent_origins", 0) != now_s.value("independent_origins", 0))
          HW_RETURN_IF_ERROR(add("origins", std::to_string(was.value("independent_origins", 0)),
                                 std::to_string(now_s.value("independent_origins", 0))));
        if (was.value("in_country_origins", 0) != now_s.value("in_country_origins", 0))
          HW_RETURN_IF_ERROR(add("in_country", std::to_string(was.value("in_country_origins", 0)),
                                 std::to_string(now_s.value("in_country_origins", 0))));
        if (was.value("denials", json::array()) != now_s.value("denials", json::array()))
          HW_RETURN_IF_ERROR(add("denials", std::to_string(was.value("denials", json::array()).size()),
                                 std::to_string(now_s.value("denials", json::array()).size())));
        // A state remembered before retractions were tracked has no list: compare only when the
        // earlier check saw one, so an upgrade does not alert on old news.
        if (was.contains("retractions") &&
            was["retractions"] != now_s.value("retractions", json::array()))
          HW_RETURN_IF_ERROR(add("retractions", std::to_string(was["retractions"].size()),
                                 std::to_string(now_s.value("retractions", json::array()).size())));
        if (was.value("status", "") == "dormant" && now_s.value("status", "") == "active")
          HW_RETURN_IF_ERROR(add("revived", "dormant", "active"));
      }
      HW_RETURN_IF_ERROR(store->UpdateWatchState(w.id, after.dump()));
    }
    return Status::Ok();
  };
  Status s = body();
  if (s.ok()) s = store->Commit();
  if (!s.ok()) {
    (void)store->Rollback();
    return s;
  }
  return alerts;
}

}  // namespace headwater::records
