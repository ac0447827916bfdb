// init, ingest (JSON Lines, feeds, OPML lists, WARC archives by type), outlets.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "ingest/feed.h"
#include "ingest/jsonl.h"
#include "ingest/registry_import.h"
#include "ingest/warc.h"
#include "normalize/gazetteer.h"
#include "pipeline/views.h"

namespace headwater::cli {

using json = nlohmann::json;

int CmdInit(const Context& c) {
  auto store = c.OpenStore(true);
  if (!store.ok()) return PrintError(store.status());
  std::cout << "store " << c.db << " ready (schema version " << (*store)->SchemaVersion() << ")\n";
  return kExitOk;
}

namespace {

enum class InputKind { kJsonl, kFeed, kOpml, kWarc };

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

// By extension first (.jsonl, .xml/.rss/.atom/.rdf, .opml, .warc/.warc.gz), then by content: WARC
// version line or gzip magic, an XML root element, else JSON Lines.
InputKind KindOf(const std::string& file) {
  if (EndsWith(file, ".jsonl") || EndsWith(file, ".ndjson")) return InputKind::kJsonl;
  if (EndsWith(file, ".warc") || EndsWith(file, ".warc.gz")) return InputKind::kWarc;
  if (EndsWith(file, ".opml")) return InputKind::kOpml;
  std::string head(64 << 10, '\0');
  std::ifstream in(file, std::ios::binary);
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.rfind("WARC/", 0) == 0 || head.rfind("\x1f\x8b", 0) == 0) return InputKind::kWarc;
  std::string xml = ingest::SniffXmlKind(head);
  if (xml == "opml") return InputKind::kOpml;
  if (!xml.empty()) return InputKind::kFeed;
  if (EndsWith(file, ".xml") || EndsWith(file, ".rss") || EndsWith(file, ".atom") ||
      EndsWith(file, ".rdf"))
    return InputKind::kFeed;  // let the feed parser say what is wrong with it
  return InputKind::kJsonl;
}

class Ingester {
 public:
  Ingester(pipeline::Pipeline* pipe, bool strict, bool timings)
      : pipe_(pipe), strict_(strict), timings_(timings), tty_(::isatty(STDERR_FILENO)) {}

  // Ingests one file of any kind; false when it stopped on an error (already printed).
  bool File(const std::string& file, bool from_opml = false) {
    switch (KindOf(file)) {
      case InputKind::kJsonl: {
        auto parsed = ingest::ReadJsonl(file);
        if (!parsed.ok()) return Fail(parsed.status());
        return Batch(file, file, *parsed);
      }
      case InputKind::kFeed: {
        auto feed = ingest::ReadFeed(file);
        if (!feed.ok()) return Fail(feed.status());
        if (!feed->warning.empty()) std::cerr << "headwater: warning: " << feed->warning << "\n";
        std::string label = file + " (" + feed->format +
                            (feed->title.empty() ? "" : " \"" + feed->title + "\"") + ")";
        return Batch(file, label, feed->parsed);
      }
      case InputKind::kOpml:
        if (from_opml)
          return Fail(
              Status::InvalidArgument(file + ": an OPML list inside an OPML list is not followed"));
        return Opml(file);
      case InputKind::kWarc:
        return Warc(file);
    }
    return false;
  }

  int ExitCode() const { return failed_ ? kExitError : any_skipped_ ? kExitSkipped : kExitOk; }

 private:
  bool Fail(const Status& s) {
    PrintError(s);
    failed_ = true;
    return false;
  }

  bool Batch(const std::string& file, const std::string& label, const ingest::ParseResult& parsed) {
    pipeline::Progress progress;
    if (tty_) {
      progress = [&](size_t done, size_t total) {
        if (done != total && done % 16 != 0) return;
        int width = 30;
        int filled = total ? static_cast<int>(width * done / total) : width;
        std::cerr << "\r" << file << " [" << std::string(filled, '#')
                  << std::string(width - filled, ' ') << "] " << done << "/" << total << std::flush;
        if (done == total) std::cerr << "\n";
      };
    }
    auto summary = pipe_->Ingest(parsed.articles, parsed.errors, strict_, progress);
    if (!summary.ok()) {
      if (tty_) std::cerr << "\n";
      return Fail(summary.status());
    }
    for (const auto& e : summary->errors)
      std::cerr << "headwater: skipped " << e.ToString() << "\n";
    std::cout << label << ": " << summary->ToString() << "\n";
    if (timings_) {
      std::cout << "  seconds per stage:";
      for (const auto& [stage, secs] : summary->stage_seconds) std::cout << " " << stage << " " << secs;
      std::cout << "\n";
    }
    any_skipped_ = any_skipped_ || summary->skipped > 0;
    return true;
  }

  bool Warc(const std::string& file) {
    auto warc = ingest::ReadWarc(file);
    if (!warc.ok()) return Fail(warc.status());
    // --strict: a damaged archive stops before anything of it is committed.
    if (strict_ && !warc->error.ok()) return Fail(warc->error);
    bool ok = Batch(file,
                    file + " (WARC" + (warc->gzip ? ", gzip, " : ", ") +
                        std::to_string(warc->parsed.lines) + " records)",
                    warc->parsed);
    if (std::string skipped = warc->SkippedSummary(); !skipped.empty())
      std::cout << file << ": " << skipped << "\n";
    if (!warc->error.ok()) {
      std::cerr << "headwater: " << warc->error.message() << " (the " << warc->parsed.lines
                << " records before it were read)\n";
      failed_ = true;
      return false;
    }
    return ok;
  }

  // Feeds given as local paths (relative to the OPML file) or file:// URLs are ingested; http(s)
  // feeds are listed, since fetching is not available yet.
  bool Opml(const std::string& file) {
    auto feeds = ingest::ReadOpml(file);
    if (!feeds.ok()) return Fail(feeds.status());
    std::string dir = std::filesystem::path(file).parent_path().string();
    std::vector<const ingest::OpmlFeed*> remote;
    std::vector<std::string> local;
    for (const ingest::OpmlFeed& f : *feeds) {
      std::string url = f.url;
      if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
        remote.push_back(&f);
        continue;
      }
      if (url.rfind("file://", 0) == 0) url = url.substr(7);
      if (!url.empty() && url[0] != '/' && !dir.empty()) url = dir + "/" + url;
      local.push_back(url);
    }
    std::cout << file << ": " << feeds->size() << " feed" << (feeds->size() == 1 ? "" : "s") << " ("
              << local.size() << " local, " << remote.size() << " remote)\n";
    bool ok = true;
    for (const std::string& path : local) {
      ok = File(path, /*from_opml=*/true) && ok;
      if (!ok && strict_) return false;  // --strict: the first failing feed stops the run
    }
    for (const ingest::OpmlFeed* f : remote)
      std::cout << "  " << f->url << (f->title.empty() ? "" : "  " + f->title) << "\n";
    if (!remote.empty())
      std::cout << file << ": fetching feeds over HTTP is not available yet; " << remote.size()
                << " remote feed" << (remote.size() == 1 ? " was" : "s were")
                << " listed, not fetched\n";
    return ok;
  }

  pipeline::Pipeline* pipe_;
  bool strict_;
  bool timings_;
  bool tty_;
  bool failed_ = false;
  bool any_skipped_ = false;
};

}  // namespace

int CmdIngest(const Context& c, const std::vector<std::string>& files, bool strict, bool timings) {
  auto store = c.OpenStore(true);
  if (!store.ok()) return PrintError(store.status());
  auto pipe = c.OpenPipeline(store->get());
  if (!pipe.ok()) return PrintError(pipe.status());
  Ingester ingester(pipe->get(), strict, timings);
  auto before = (*store)->CountArticles();
  for (const std::string& file : files) {
    // --strict: the first failing file stops the run; otherwise the rest of the batch goes on.
    if (!ingester.File(file) && strict) break;
  }
  // After a bulk load the store rewrites itself without the space its growing rows left unused.
  auto after = (*store)->CountArticles();
  if (before.ok() && after.ok()) {
    auto compacted = (*store)->MaybeCompact(*after - *before);
    if (!compacted.ok()) return PrintError(compacted.status());
  }
  return ingester.ExitCode();
}

int CmdOutletsList(const Context& c) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto outlets = (*store)->ListOutlets();
  if (!outlets.ok()) return PrintError(outlets.status());
  if (c.json) {
    json arr = json::array();
    for (const Outlet& o : *outlets) arr.push_back(pipeline::OutletJson(o));
    std::cout << json{{"schema", 1}, {"outlets", arr}}.dump() << "\n";
    return kExitOk;
  }
  for (const Outlet& o : *outlets) {
    std::cout << o.name << "  [" << OutletKindName(o.kind)
              << (o.country.empty() ? "" : ", " + o.country) << (o.verified ? "" : ", unverified")
              << "]";
    if (!o.domains.empty()) std::cout << "  " << o.domains.front();
    if (!o.owner_group.empty()) std::cout << "  group: " << o.owner_group;
    std::cout << "\n";
  }
  return kExitOk;
}

int CmdOutletsImport(const Context& c, const std::vector<std::string>& files) {
  auto store = c.OpenStore(true);
  if (!store.ok()) return PrintError(store.status());
  auto pipe = c.OpenPipeline(store->get(), /*gazetteer=*/false);
  if (!pipe.ok()) return PrintError(pipe.status());
  std::unique_ptr<normalize::Gazetteer> gazetteer;
  ingest::CountryNormalizer country = [&](std::string_view name) -> std::string {
    if (!gazetteer) {
      auto g = normalize::Gazetteer::LoadDefault();
      if (!g.ok()) return "";
      gazetteer = std::move(g).value();
    }
    const normalize::GazetteerEntry* e = gazetteer->CountryByCode(name);
    if (!e) e = gazetteer->CountryByName(name);
    if (!e) e = gazetteer->CountryByShortForm(name);
    return e ? e->country : std::string();
  };
  for (const std::string& f : files) {
    auto parsed = ingest::ReadRegistry(f, country);
    if (!parsed.ok()) return PrintError(parsed.status());
    auto n = (*pipe)->ImportOutlets(parsed->outlets);
    if (!n.ok()) return PrintError(Status(n.status().code(), f + ": " + n.status().message()));
    std::cout << f << ": " << *n << " outlets imported (" << parsed->format << ")";
    if (parsed->skipped) std::cout << ", " << parsed->skipped << " rows without a domain skipped";
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace headwater::cli
