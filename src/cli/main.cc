// `headwater`: parses the command line (CLI11) and dispatches to a verb in cli/.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli.h"

using namespace headwater::cli;

int main(int argc, char** argv) {
  CLI::App app{
      "headwater: who actually reported this, and who is only repeating it?\n"
      "Ingests articles, groups them into stories, traces each story to its original sources\n"
      "and says whether it is corroborated.",
      "headwater"};
  app.require_subcommand(1);
  app.fallthrough();
  Context ctx;
  app.add_option("--db", ctx.db, "store file (SQLite), default ./headwater.db");
  app.add_option("--policies", ctx.policies, "policy file (TOML); default: the built-in policies.toml");
  app.footer(
      "Examples:\n"
      "  headwater init\n"
      "  headwater outlets import demo/outlets.csv\n"
      "  headwater ingest demo/batch1.jsonl            (--strict: a bad line stops the batch)\n"
      "  headwater stories --verdict single-source --country MX --json\n"
      "  headwater story 1            (--json, --dot, --graphml, --claimreview)\n"
      "  headwater search \"camp Juárez\"\n"
      "  headwater watch add story 1 | watch add outlet \"Frontier Vigil\" | watch add query \"border camp\"\n"
      "  headwater watch list ; headwater watch check --json ; headwater watch alerts --atom\n"
      "  headwater policy show\n"
      "  headwater feeds add https://example.org/rss.xml ; headwater feeds poll ; headwater feeds list\n"
      "  headwater attributions post.txt --lang en --outlet \"Judicial Watch\" --json\n"
      "  headwater reuse --min-class partial --json ; headwater reuse URL_A URL_B\n"
      "  headwater extract page.html.gz --url https://example.com/a --json\n"
      "  headwater serve --port 8080      (HTTP API + web UI; docs/API.md)\n"
      "  headwater token create --name ci (a bearer token for the API's write endpoints)\n"
      "Exit codes: 0 ok, 1 error, 2 usage, 3 done but some input lines were skipped.");

  auto* init = app.add_subcommand("init", "create an empty store (idempotent)");

  auto* ingest = app.add_subcommand("ingest", "ingest JSON Lines, RSS/Atom feeds, OPML lists or WARC archives, running every stage");
  std::vector<std::string> ingest_files;
  bool strict = false;
  ingest->add_option("FILE", ingest_files, "JSON Lines (.jsonl), feeds (.xml/.rss/.atom), OPML (.opml) or WARC (.warc, .warc.gz) files (docs/FORMATS.md)")->required();
  ingest->add_flag("--strict", strict, "stop at the first bad line; nothing of the batch is committed");
  bool timings = false;
  ingest->add_flag("--timings", timings, "print the seconds spent in each stage");

  auto* outlets = app.add_subcommand("outlets", "list outlets, or import a registry");
  outlets->add_flag("--json", ctx.json, "JSON output");
  std::string outlet_name;
  outlets->add_option("NAME", outlet_name, "show one outlet (name, alias or domain) with its track record");
  auto* outlets_import = outlets->add_subcommand("import", "import outlets (CSV, TOML, MBFC CSV)");
  std::vector<std::string> registry_files;
  outlets_import->add_option("FILE", registry_files, "registry files")->required();

  auto* stories = app.add_subcommand("stories", "list stories with their verdicts");
  StoriesArgs sargs;
  stories->add_option("--verdict", sargs.verdict, "corroborated|disputed|partly-corroborated|single-source|unsourced");
  stories->add_option("--country", sargs.country, "primary country (ISO alpha-2)");
  stories->add_option("--since", sargs.since, "last seen on or after this date (RFC 3339 or YYYY-MM-DD)");
  stories->add_option("--outlet", sargs.outlet, "stories with an article from this outlet");
  stories->add_option("--lang", sargs.lang, "stories with an article in this language");
  stories->add_option("--query", sargs.query, "stories whose articles match this text");
  stories->add_option("--limit", sargs.limit, "at most this many");
  stories->add_flag("--json", ctx.json, "JSON output (../shared/CLI.md)");
  stories->add_flag("--csv", sargs.csv, "CSV output, one line per story");

  auto* story = app.add_subcommand("story", "the report of one story");
  std::string story_id;
  bool dot = false;
  story->add_option("ID", story_id, "story id")->required();
  story->add_flag("--json", ctx.json, "JSON output");
  story->add_flag("--dot", dot, "the provenance graph in Graphviz DOT");
  std::string story_format;
  story->add_flag("--graphml{graphml}", story_format, "the provenance graph in GraphML");
  story->add_flag("--claimreview{claimreview}", story_format,
                  "the verdict as schema.org ClaimReview JSON-LD");

  auto* search = app.add_subcommand("search", "full-text search over articles");
  std::string query;
  int limit = 20;
  search->add_option("QUERY", query, "words to find")->required();
  search->add_option("--limit", limit, "at most this many hits");
  search->add_flag("--json", ctx.json, "JSON output");

  auto* watch = app.add_subcommand("watch", "follow stories and get alerts when they change");
  watch->require_subcommand(1);
  auto* watch_add = watch->add_subcommand("add", "watch story ID | outlet NAME | query TEXT");
  std::string watch_kind, webhook;
  std::vector<std::string> watch_target;
  watch_add->add_option("KIND", watch_kind, "story, outlet or query")->required();
  watch_add->add_option("TARGET", watch_target, "story id, outlet name, or query text")->required();
  watch_add->add_option("--webhook", webhook, "URL to POST alerts to");
  auto* watch_list = watch->add_subcommand("list", "list watches");
  auto* watch_check = watch->add_subcommand("check", "report what changed since the last check");
  auto* watch_alerts = watch->add_subcommand("alerts", "the alerts raised so far, newest first");
  bool atom = false;
  int alert_limit = 100;
  watch_alerts->add_flag("--atom", atom, "an Atom feed (for feed readers)");
  watch_alerts->add_option("--limit", alert_limit, "at most this many alerts");
  watch_alerts->add_flag("--json", ctx.json, "JSON output");
  watch->add_flag("--json", ctx.json, "JSON output");
  watch_check->add_flag("--json", ctx.json, "JSON output");
  watch_list->add_flag("--json", ctx.json, "JSON output");

  auto* feeds = app.add_subcommand("feeds", "follow RSS/Atom feeds over HTTP(S)");
  feeds->require_subcommand(1);
  auto* feeds_add = feeds->add_subcommand("add", "follow feeds");
  std::vector<std::string> feed_urls;
  feeds_add->add_option("URL", feed_urls, "feed URLs")->required();
  auto* feeds_list = feeds->add_subcommand("list", "the feeds followed");
  feeds_list->add_flag("--json", ctx.json, "JSON output");
  auto* feeds_poll = feeds->add_subcommand("poll", "fetch the feeds that are due and ingest what is new");
  bool poll_loopback = false;
  feeds_poll->add_flag("--allow-loopback", poll_loopback,
                       "let feed URLs point at 127.0.0.1 or ::1 (a local server); private ranges stay refused");
  bool poll_no_pages = false;
  feeds_poll->add_flag(
      "--no-pages", poll_no_pages,
      "ingest summary-only items as the feed gives them (do not fetch their pages)");

  auto* policy = app.add_subcommand("policy", "corroboration policies");
  policy->require_subcommand(1);
  auto* policy_show = policy->add_subcommand("show", "print the policies in force and where they come from");
  policy_show->add_flag("--json", ctx.json, "JSON output");

  auto* attributions = app.add_subcommand("attributions", "every attribution of one text or stored article");
  std::string attr_what, attr_lang, attr_outlet;
  attributions->add_option("FILE_OR_URL", attr_what, "a UTF-8 text file, or the URL of a stored article")->required();
  attributions->add_option("--lang", attr_lang, "en, es or pt (default: detect)");
  attributions->add_option("--outlet", attr_outlet, "whose text it is (name, alias or domain)");
  attributions->add_flag("--json", ctx.json, "JSON output");

  auto* reuse = app.add_subcommand("reuse", "text reuse pairs: who copied whom");
  std::vector<std::string> reuse_urls;
  std::string min_class = "partial";
  reuse->add_option("URLS", reuse_urls, "two article URLs to explain one pair");
  reuse->add_option("--min-class", min_class, "partial or whole");
  reuse->add_flag("--json", ctx.json, "JSON output");

  auto* extract = app.add_subcommand("extract", "what ingest would store for web pages (files or URLs)");
  std::vector<std::string> extract_pages;
  std::string extract_url;
  extract->add_option("PAGE", extract_pages, ".html or .html.gz files, or http(s) URLs")->required();
  bool allow_loopback = false;
  extract->add_flag("--allow-loopback", allow_loopback,
                    "let URLs point at 127.0.0.1 or ::1 (a local test server); private ranges stay refused");
  extract->add_option("--url", extract_url, "the pages' URL (base for links)");
  extract->add_flag("--json", ctx.json, "JSON Lines output (../shared/CLI.md)");

  auto* serve = app.add_subcommand("serve", "serve the HTTP JSON API and the web UI (docs/API.md)");
  ServeArgs serve_args;
  serve->add_option("--port", serve_args.port, "port to listen on (0 = any free port), default 8080");
  serve->add_option("--bind", serve_args.bind, "address to listen on, default 127.0.0.1");
  serve->add_flag("--public-read", serve_args.public_read,
                  "on a non-loopback address, serve reads without a token (writes still need one)");
  serve->add_option("--web-root", serve_args.web_root, "directory of the built web UI");
  serve->add_option("--threads", serve_args.threads,
                    "worker threads = keep-alive clients served at once (1-16384), default 256");

  auto* token = app.add_subcommand("token", "API tokens for `headwater serve`");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "make a token; printed once, only its hash is stored");
  std::string token_name;
  token_create->add_option("--name", token_name, "a name to remember what the token is for");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  if (*init) return CmdInit(ctx);
  if (*ingest) return CmdIngest(ctx, ingest_files, strict, timings);
  if (*outlets) {
    if (*outlets_import) return CmdOutletsImport(ctx, registry_files);
    return outlet_name.empty() ? CmdOutletsList(ctx) : CmdOutletShow(ctx, outlet_name);
  }
  if (*stories) return CmdStories(ctx, sargs);
  if (*story) return CmdStory(ctx, story_id, dot ? "dot" : story_format);
  if (*search) return CmdSearch(ctx, query, limit);
  if (*watch_add) return CmdWatchAdd(ctx, watch_kind, watch_target, webhook);
  if (*watch_list) return CmdWatchList(ctx);
  if (*watch_check) return CmdWatchCheck(ctx);
  if (*watch_alerts) return CmdWatchAlerts(ctx, atom, alert_limit);
  if (*policy_show) return CmdPolicyShow(ctx);
  if (*feeds_add) return CmdFeedsAdd(ctx, feed_urls);
  if (*feeds_list) return CmdFeedsList(ctx);
  if (*feeds_poll) return CmdFeedsPoll(ctx, poll_loopback, !poll_no_pages);
  if (*attributions) return CmdAttributions(ctx, attr_what, attr_lang, attr_outlet);
  if (*extract) return CmdExtract(ctx, extract_pages, extract_url, allow_loopback);
  if (*reuse) return CmdReuse(ctx, reuse_urls, min_class);
  if (*serve) return CmdServe(ctx, serve_args);
  if (*token_create) return CmdTokenCreate(ctx, token_name);
  std::cerr << app.help();
  return kExitUsage;
}
