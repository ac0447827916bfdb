// The `headwater` command line: one function per verb, sharing a Context (store path, output
// mode). Verbs print to stdout, errors to stderr, and return the process exit code:
// 0 success, 1 error, 2 usage error, 3 success with skipped input lines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace headwater::cli {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkipped = 3;

struct Context {
  std::string db = "headwater.db";
  std::string policies;  // --policies FILE, "" = default
  bool json = false;
  SystemClock clock;

  // Opens the store (creating it only when create is true) and the pipeline.
  StatusOr<std::unique_ptr<store::Store>> OpenStore(bool create) const;
  StatusOr<std::unique_ptr<pipeline::Pipeline>> OpenPipeline(store::Store* store,
                                                              bool gazetteer = true) const;
};

int PrintError(const Status& s);

int CmdInit(const Context& c);
int CmdIngest(const Context& c, const std::vector<std::string>& files, bool strict,
              bool timings = false);
int CmdOutletsList(const Context& c);
int CmdOutletsImport(const Context& c, const std::vector<std::string>& files);
// `outlets NAME`: one outlet (name, alias or domain) with its track record, by year and region.
int CmdOutletShow(const Context& c, const std::string& name);
struct StoriesArgs {
  std::string verdict, country, since, outlet, lang, query;
  int limit = 0;
  bool csv = false;
};
int CmdStories(const Context& c, const StoriesArgs& a);
// format: "" (text, or JSON with --json), "dot", "graphml", "claimreview".
int CmdStory(const Context& c, const std::string& id, const std::string& format);
int CmdSearch(const Context& c, const std::string& query, int limit);
int CmdWatchAdd(const Context& c, const std::string& kind, const std::vector<std::string>& target,
                const std::string& webhook);
int CmdWatchList(const Context& c);
int CmdWatchCheck(const Context& c);
int CmdWatchAlerts(const Context& c, bool atom, int limit);
int CmdPolicyShow(const Context& c);
int CmdFeedsAdd(const Context& c, const std::vector<std::string>& urls);
int CmdFeedsList(const Context& c);
int CmdFeedsPoll(const Context& c, bool allow_loopback, bool fetch_pages = true);
int CmdAttributions(const Context& c, const std::string& what, const std::string& lang,
                    const std::string& outlet);
// PAGE: a .html or .html.gz file (URLs are refused for now); url: base URL for links ("" = the
// page's canonical URL).
// PAGE: a .html / .html.gz file or an http(s) URL (fetched; loopback only with allow_loopback).
int CmdExtract(const Context& c, const std::vector<std::string>& pages, const std::string& url,
               bool allow_loopback = false);
struct ServeArgs {
  int port = 8080;
  std::string bind = "127.0.0.1";
  bool public_read = false;
  std::string web_root;
  int threads = 256;  // worker threads = keep-alive clients served at once (ServerOptions)
};
// Serves the HTTP API and web UI until SIGINT/SIGTERM; prints "Serving http://ADDR:PORT/".
int CmdServe(const Context& c, const ServeArgs& a);
// Prints a new API token as the last line of stdout; only its hash is stored.
int CmdTokenCreate(const Context& c, const std::string& name);
int CmdReuse(const Context& c, const std::vector<std::string>& urls, const std::string& min_class);

}  // namespace headwater::cli
