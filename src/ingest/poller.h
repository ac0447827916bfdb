// Polling followed feeds over HTTP(S): conditional GET (ETag / Last-Modified), exponential
// backoff per feed after errors, and a polite minimum interval between requests to one host.
// Fetching goes through a Fetcher (ingest/fetcher.h), so private addresses are refused and
// tests stay on loopback. Parsing is ingest/feed.h.
// Thread-safety: one poll at a time per feed list; the fetcher is used from the calling thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/time.h"
#include "ingest/feed.h"
#include "ingest/fetcher.h"
#include "store/store.h"

namespace headwater::ingest {

struct PollOptions {
  int64_t interval_s = 900;         // a feed polled successfully is due again after this
  int64_t base_backoff_s = 300;     // after n consecutive failures: base * 2^(n-1) ...
  int64_t max_backoff_s = 86400;    // ... capped here
  int per_host_interval_ms = 1000;  // at least this long between two requests to one host
  FeedOptions feed;
};

struct PollResult {
  int64_t feed_id = 0;
  std::string url;
  int http_status = 0;        // 0 when the request failed before a response
  bool not_modified = false;  // 304: nothing new
  ParseResult parsed;         // the items (empty unless 200)
  std::string error;          // "" on success
};

// Polls every feed whose next_poll <= now, updating each Feed (validators, last_polled,
// next_poll, failures, last_error) in place; the caller stores them. sleep_ms waits between
// requests to one host (tests pass a recorder).
std::vector<PollResult> PollDueFeeds(std::vector<store::Feed>* feeds, Fetcher* fetcher,
                                     UnixSeconds now, const std::function<void(int)>& sleep_ms,
                                     const PollOptions& options = {});

}  // namespace headwater::ingest
