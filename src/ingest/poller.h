// Polling followed feeds over HTTP(S): conditional GET (ETag / Last-Modified), exponential
// backoff per feed after errors, and a polite minimum interval between requests to one host.
// Fetching goes through a Fetcher (ingest/fetcher.h), so private addresses are refused and
// tests stay on loopback. Parsing is ingest/feed.h.
// Summary-only items: when an item's content is shorter than PageFetchOptions says a page would
// be, the item's page is fetched through the same fetcher (same refusals, size cap and per-host
// interval) and its main text extracted (normalize/html_text.h); the page's metadata wins where
// it has some, the feed's fills the rest. A page that cannot be fetched leaves the item as the
// feed gave it (the failure is listed in PollResult::page_errors, the feed still succeeds).
// Thread-safety: one poll at a time per feed list; the fetcher is used from the calling thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/time.h"
#include "ingest/feed.h"
#include "ingest/fetcher.h"
#include "store/store.h"

namespace headwater::ingest {

// When an item's page is fetched (the rule, in order):
//  1. the item's content, as plain text (markup stripped, runs of white space counted once), is
//     shorter than min_content_chars: a feed carrying only a summary (RSS description, Atom
//     summary, or a short content:encoded teaser) — a full article is rarely that short;
//  2. at most max_pages_per_feed pages per feed per poll (the rest keep their summaries);
//  3. the page is used only when it answers 2xx with an HTML (or untyped) body and its extracted
//     text is longer than the item's own; otherwise the item keeps the feed's content.
struct PageFetchOptions {
  bool enabled = true;
  size_t min_content_chars = 1000;  // ~160 words; the 181 benchmark pages' texts are all longer
  size_t max_pages_per_feed = 50;
};

struct PollOptions {
  int64_t interval_s = 900;         // a feed polled successfully is due again after this
  int64_t base_backoff_s = 300;     // after n consecutive failures: base * 2^(n-1) ...
  int64_t max_backoff_s = 86400;    // ... capped here
  int per_host_interval_ms = 1000;  // at least this long between two requests to one host
  FeedOptions feed;
  PageFetchOptions pages;
};

struct PollResult {
  int64_t feed_id = 0;
  std::string url;
  int http_status = 0;        // 0 when the request failed before a response
  bool not_modified = false;  // 304: nothing new
  ParseResult parsed;         // the items (empty unless 200)
  std::string error;          // "" on success
  int pages_fetched = 0;      // item pages requested (refused ones included)
  int pages_used = 0;         // items whose text now comes from their page
  std::vector<std::string> page_errors;  // "URL: reason" per page that could not be used
};

// Plain-text length of an item's content in code points: markup removed, each run of white
// space counted as one. Used for PageFetchOptions::min_content_chars.
size_t ContentChars(const normalize::Input& item);

// Fetches and extracts the page of every summary-only item of `result` (rule above), in order,
// waiting per_host_interval_ms between requests to a host already in `host_seen` (which it
// updates). Called by PollDueFeeds after a successful parse.
void FetchItemPages(PollResult* result, Fetcher* fetcher, const std::function<void(int)>& sleep_ms,
                    const PollOptions& options, std::map<std::string, bool>* host_seen);

// Polls every feed whose next_poll <= now, updating each Feed (validators, last_polled,
// next_poll, failures, last_error) in place; the caller stores them. sleep_ms waits between
// requests to one host (tests pass a recorder).
std::vector<PollResult> PollDueFeeds(std::vector<store::Feed>* feeds, Fetcher* fetcher,
                                     UnixSeconds now, const std::function<void(int)>& sleep_ms,
                                     const PollOptions& options = {});

}  // namespace headwater::ingest
