#include "records/webhook.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

namespace headwater::records {

using json = nlohmann::json;

void RealSleeper::SleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

std::string AlertsJson(const std::vector<store::Alert>& alerts) {
  json arr = json::array();
  for (const store::Alert& a : alerts) {
    json ev = json::parse(a.evidence_json, nullptr, false);
    arr.push_back({{"watch", std::to_string(a.watch_id)}, {"story", std::to_string(a.story_id)},
                   {"what", a.what}, {"from", a.from}, {"to", a.to}, {"at", FormatRfc3339(a.at)},
                   {"evidence", ev.is_array() ? ev : json::array()}});
  }
  return json{{"schema", 1}, {"alerts", arr}}.dump();
}

std::vector<Delivery> DeliverWebhooks(const std::vector<store::Watch>& watches,
                                      const std::vector<store::Alert>& alerts,
                                      ingest::Fetcher* fetcher, Sleeper* sleeper,
                                      const WebhookOptions& o) {
  std::map<int64_t, std::vector<store::Alert>> by_watch;
  for (const store::Alert& a : alerts) by_watch[a.watch_id].push_back(a);
  std::vector<Delivery> out;
  for (const store::Watch& w : watches) {
    auto it = by_watch.find(w.id);
    if (w.webhook.empty() || it == by_watch.end()) continue;
    Delivery d;
    d.watch_id = w.id;
    d.url = w.webhook;
    d.alerts = it->second.size();
    ingest::HttpRequest req;
    req.method = "POST";
    req.url = w.webhook;
    req.body = AlertsJson(it->second);
    req.headers["Content-Type"] = "application/json";
    double wait = o.initial_backoff_ms;
    for (d.attempts = 1; d.attempts <= o.max_attempts; ++d.attempts) {
      auto r = fetcher->Fetch(req);
      bool retry = false;
      if (!r.ok()) {
        d.error = r.status().message();
        retry = r.status().code() != StatusCode::kPermissionDenied &&
                r.status().code() != StatusCode::kInvalidArgument;
      } else if (r->status >= 200 && r->status < 300) {
        d.delivered = true;
        d.error.clear();
        break;
      } else {
        d.error = "HTTP " + std::to_string(r->status);
        retry = r->status == 429 || r->status >= 500;
      }
      if (!retry || d.attempts == o.max_attempts) break;
      sleeper->SleepMs(static_cast<int>(wait));
      wait *= o.backoff_factor;
    }
    if (d.attempts > o.max_attempts) d.attempts = o.max_attempts;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace headwater::records
