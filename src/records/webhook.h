// Webhook delivery of alerts: each watch with a webhook URL gets one HTTP POST per check with
// its new alerts as JSON ({"schema":1,"alerts":[…]}, the shape of `watch check --json`),
// retried with exponential backoff on transport errors, 429 and 5xx. A refused address (private
// or loopback, see ingest/fetcher.h) or another 4xx is final and not retried.
// Thread-safety: functions use the given fetcher and sleeper from the calling thread.
#pragma once

#include <string>
#include <vector>

#include "ingest/fetcher.h"
#include "store/store.h"

namespace headwater::records {

struct WebhookOptions {
  int max_attempts = 4;          // per watch and check
  int initial_backoff_ms = 500;  // then doubled after each failed attempt
  double backoff_factor = 2.0;
};

// Waits between attempts; tests pass one that only records the waits.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepMs(int ms) = 0;
};
class RealSleeper final : public Sleeper {
 public:
  void SleepMs(int ms) override;
};

struct Delivery {
  int64_t watch_id = 0;
  std::string url;
  size_t alerts = 0;
  int attempts = 0;
  bool delivered = false;
  std::string error;  // the last failure when not delivered
};

// The JSON document POSTed for a set of alerts.
std::string AlertsJson(const std::vector<store::Alert>& alerts);

// Delivers each watch's alerts to its webhook (watches without a webhook or without alerts are
// skipped). Returns one Delivery per attempted watch.
std::vector<Delivery> DeliverWebhooks(const std::vector<store::Watch>& watches,
                                      const std::vector<store::Alert>& alerts,
                                      ingest::Fetcher* fetcher, Sleeper* sleeper,
                                      const WebhookOptions& options = {});

}  // namespace headwater::records
