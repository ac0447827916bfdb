#include "ingest/poller.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "common/url.h"

namespace headwater::ingest {

std::vector<PollResult> PollDueFeeds(std::vector<store::Feed>* feeds, Fetcher* fetcher,
                                     UnixSeconds now, const std::function<void(int)>& sleep_ms,
                                     const PollOptions& o) {
  std::vector<PollResult> results;
  std::map<std::string, bool> host_seen;  // hosts already requested in this poll
  for (store::Feed& f : *feeds) {
    if (f.next_poll > now) continue;
    std::string host = HostOf(f.url);
    if (host_seen[host] && sleep_ms && o.per_host_interval_ms > 0) sleep_ms(o.per_host_interval_ms);
    host_seen[host] = true;

    PollResult r;
    r.feed_id = f.id;
    r.url = f.url;
    HttpRequest req;
    req.url = f.url;
    if (!f.etag.empty()) req.headers["If-None-Match"] = f.etag;
    if (!f.last_modified.empty()) req.headers["If-Modified-Since"] = f.last_modified;
    auto resp = fetcher->Fetch(req);
    f.last_polled = now;
    if (resp.ok() && resp->status == 304) {
      r.http_status = 304;
      r.not_modified = true;
    } else if (resp.ok() && resp->status >= 200 && resp->status < 300) {
      r.http_status = resp->status;
      auto parsed = ParseFeed(resp->body, f.url, o.feed);
      if (parsed.ok()) {
        r.parsed = std::move(parsed->parsed);
        FetchItemPages(&r, fetcher, sleep_ms, o, &host_seen);
        if (f.title.empty()) f.title = parsed->title;
        if (auto it = resp->headers.find("etag"); it != resp->headers.end()) f.etag = it->second;
        if (auto it = resp->headers.find("last-modified"); it != resp->headers.end())
          f.last_modified = it->second;
      } else {
        r.error = parsed.status().message();
      }
    } else if (resp.ok()) {
      r.http_status = resp->status;
      r.error = f.url + ": HTTP " + std::to_string(resp->status);
    } else {
      r.error = resp.status().message();
    }
    if (r.error.empty()) {
      f.failures = 0;
      f.last_error.clear();
      f.next_poll = now + o.interval_s;
    } else {
      ++f.failures;
      f.last_error = r.error;
      int64_t wait = o.base_backoff_s;
      for (int i = 1; i < f.failures && wait < o.max_backoff_s; ++i) wait *= 2;
      f.next_poll = now + std::min(wait, o.max_backoff_s);
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace headwater::ingest
