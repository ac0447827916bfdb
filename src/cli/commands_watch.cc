// watch add / list / check.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "pipeline/views.h"
#include "records/alert_feed.h"
#include "records/watch.h"
#include "records/webhook.h"
#include "common/url.h"

namespace headwater::cli {

using json = nlohmann::json;

int CmdWatchAdd(const Context& c, const std::string& kind_text, const std::vector<std::string>& target,
                const std::string& webhook) {
  auto kind = store::ParseWatchKind(kind_text);
  if (!kind) {
    std::cerr << "headwater: watch add: KIND must be story, outlet or query; got \"" << kind_text << "\"\n";
    return kExitUsage;
  }
  std::string t;
  for (const std::string& part : target) t += (t.empty() ? "" : " ") + part;
  if (!webhook.empty() && !ParseUrl(webhook)) {
    std::cerr << "headwater: watch add: --webhook must be an absolute http(s) URL, got \"" << webhook
              << "\"\n";
    return kExitUsage;
  }
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto id = records::AddWatch(store->get(), *kind, t, webhook, c.clock.Now());
  if (!id.ok()) return PrintError(id.status());
  std::cout << "watch " << *id << ": " << kind_text << " " << t << "\n";
  return kExitOk;
}

int CmdWatchList(const Context& c) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto watches = (*store)->ListWatches();
  if (!watches.ok()) return PrintError(watches.status());
  if (c.json) {
    json arr = json::array();
    for (const auto& w : *watches) arr.push_back(pipeline::WatchJson(store->get(), w));
    std::cout << json{{"schema", 1}, {"watches", arr}}.dump() << "\n";
    return kExitOk;
  }
  if (watches->empty()) std::cout << "no watches\n";
  for (const auto& w : *watches) {
    auto followed = records::FollowedStories(store->get(), w);
    std::cout << "watch " << w.id << ": " << store::WatchKindName(w.kind) << " " << w.target
              << "  (since " << FormatRfc3339(w.created) << ", "
              << (followed.ok() ? followed->size() : 0) << " stories followed)\n";
  }
  return kExitOk;
}

using pipeline::AlertJson;

int CmdWatchAlerts(const Context& c, bool atom, int limit) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto alerts = (*store)->ListAlerts(limit);
  if (!alerts.ok()) return PrintError(alerts.status());
  if (atom) {
    std::cout << records::AlertsToAtom(*alerts, c.clock.Now());
    return kExitOk;
  }
  if (c.json) {
    json arr = json::array();
    for (const auto& a : *alerts) arr.push_back(AlertJson(a));
    std::cout << json{{"schema", 1}, {"alerts", arr}}.dump() << "\n";
    return kExitOk;
  }
  if (alerts->empty()) std::cout << "no alerts\n";
  for (const auto& a : *alerts)
    std::cout << FormatRfc3339(a.at) << "  watch " << a.watch_id << ", " << records::AlertSummary(a) << "\n";
  return kExitOk;
}

int CmdWatchCheck(const Context& c) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto alerts = records::CheckWatches(store->get(), c.clock.Now());
  if (!alerts.ok()) return PrintError(alerts.status());
  // Alerts are stored before delivery: a receiver that is down loses nothing (watch alerts).
  std::vector<records::Delivery> deliveries;
  if (!alerts->empty()) {
    auto watches = (*store)->ListWatches();
    if (!watches.ok()) return PrintError(watches.status());
    ingest::CurlFetcher fetcher;
    records::RealSleeper sleeper;
    deliveries = records::DeliverWebhooks(*watches, *alerts, &fetcher, &sleeper);
  }
  for (const auto& d : deliveries)
    std::cerr << "webhook of watch " << d.watch_id << " (" << d.url << "): "
              << (d.delivered ? "delivered " + std::to_string(d.alerts) + " alert(s)"
                              : "not delivered: " + d.error)
              << " after " << d.attempts << " attempt(s)\n";
  if (c.json) {
    json arr = json::array();
    for (const auto& a : *alerts) arr.push_back(AlertJson(a));
    std::cout << json{{"schema", 1}, {"alerts", arr}}.dump() << "\n";
    return kExitOk;
  }
  if (alerts->empty()) std::cout << "no changes since the last check\n";
  for (const auto& a : *alerts) {
    std::cout << "watch " << a.watch_id << ", story #" << a.story_id << ": " << a.what;
    if (a.what == "new_story") std::cout << " (" << a.to << ")";
    else std::cout << " " << a.from << " -> " << a.to;
    json ev = json::parse(a.evidence_json, nullptr, false);
    if (ev.is_array() && !ev.empty()) std::cout << "\n    evidence: " << ev[0].value("url", "");
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace headwater::cli
