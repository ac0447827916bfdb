// feeds add / list / poll: follow feeds over HTTP(S) and ingest what is new.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "common/url.h"
#include "ingest/poller.h"
#include "records/webhook.h"

namespace headwater::cli {

using json = nlohmann::json;

int CmdFeedsAdd(const Context& c, const std::vector<std::string>& urls) {
  for (const std::string& u : urls) {
    if (!ParseUrl(u)) {
      std::cerr << "headwater: feeds add: not an absolute http(s) URL: \"" << u << "\"\n";
      return kExitUsage;
    }
  }
  auto store = c.OpenStore(true);
  if (!store.ok()) return PrintError(store.status());
  for (const std::string& u : urls) {
    auto id = (*store)->AddFeed(u, "");
    if (!id.ok()) return PrintError(id.status());
    std::cout << "feed " << *id << ": " << u << "\n";
  }
  return kExitOk;
}

int CmdFeedsList(const Context& c) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto feeds = (*store)->ListFeeds();
  if (!feeds.ok()) return PrintError(feeds.status());
  if (c.json) {
    json arr = json::array();
    for (const auto& f : *feeds)
      arr.push_back({{"id", std::to_string(f.id)}, {"url", f.url}, {"title", f.title},
                     {"last_polled", f.last_polled ? json(FormatRfc3339(f.last_polled)) : json(nullptr)},
                     {"next_poll", f.next_poll ? json(FormatRfc3339(f.next_poll)) : json(nullptr)},
                     {"failures", f.failures}, {"last_error", f.last_error}});
    std::cout << json{{"schema", 1}, {"feeds", arr}}.dump() << "\n";
    return kExitOk;
  }
  if (feeds->empty()) std::cout << "no feeds\n";
  for (const auto& f : *feeds) {
    std::cout << "feed " << f.id << ": " << f.url << (f.title.empty() ? "" : "  " + f.title);
    if (f.last_polled) std::cout << "\n    last polled " << FormatRfc3339(f.last_polled);
    if (f.failures) std::cout << ", " << f.failures << " failure(s): " << f.last_error;
    std::cout << "\n";
  }
  return kExitOk;
}

int CmdFeedsPoll(const Context& c, bool allow_loopback, bool fetch_pages) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto feeds = (*store)->ListFeeds();
  if (!feeds.ok()) return PrintError(feeds.status());
  ingest::FetchOptions fo;
  fo.allow_loopback = allow_loopback;
  ingest::CurlFetcher fetcher(fo);
  records::RealSleeper sleeper;
  ingest::PollOptions po;
  po.pages.enabled = fetch_pages;
  auto results = ingest::PollDueFeeds(
      &*feeds, &fetcher, c.clock.Now(), [&](int ms) { sleeper.SleepMs(ms); }, po);
  auto pipe = c.OpenPipeline(store->get());
  if (!pipe.ok()) return PrintError(pipe.status());
  int rc = kExitOk;
  for (const auto& r : results) {
    if (!r.error.empty()) {
      std::cerr << "headwater: " << r.url << ": " << r.error << "\n";
      rc = kExitError;
    } else if (r.not_modified) {
      std::cout << r.url << ": not modified\n";
    } else {
      auto summary = (*pipe)->Ingest(r.parsed.articles, r.parsed.errors, false);
      if (!summary.ok()) return PrintError(summary.status());
      for (const std::string& e : r.page_errors)
        std::cerr << "headwater: note: item page kept as a summary: " << e << "\n";
      std::cout << r.url << ": " << summary->ToString();
      if (r.pages_fetched > 0)
        std::cout << " (" << r.pages_used << " of " << r.pages_fetched << " item pages used)";
      std::cout << "\n";
      if (summary->skipped > 0 && rc == kExitOk) rc = kExitSkipped;
    }
  }
  // Feed state is saved after the articles, so a crash re-polls rather than loses items.
  for (const auto& f : *feeds) {
    Status s = (*store)->UpdateFeed(f);
    if (!s.ok()) return PrintError(s);
  }
  if (results.empty()) std::cout << "no feed is due\n";
  return rc;
}

}  // namespace headwater::cli
