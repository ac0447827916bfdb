// init, ingest, outlets.
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "ingest/jsonl.h"
#include "ingest/registry_import.h"
#include "normalize/gazetteer.h"

namespace headwater::cli {

using json = nlohmann::json;

int CmdInit(const Context& c) {
  auto store = c.OpenStore(true);
  if (!store.ok()) return PrintError(store.status());
  std::cout << "store " << c.db << " ready (schema version " << (*store)->SchemaVersion() << ")\n";
  return kExitOk;
}

int CmdIngest(const Context& c, const std::vector<std::string>& files, bool strict, bool timings) {
  auto store = c.OpenStore(true);
  if (!store.ok()) return PrintError(store.status());
  auto pipe = c.OpenPipeline(store->get());
  if (!pipe.ok()) return PrintError(pipe.status());
  bool tty = ::isatty(STDERR_FILENO);
  bool any_skipped = false;
  for (const std::string& file : files) {
    auto parsed = ingest::ReadJsonl(file);
    if (!parsed.ok()) return PrintError(parsed.status());
    pipeline::Progress progress;
    if (tty) {
      progress = [&](size_t done, size_t total) {
        if (done != total && done % 16 != 0) return;
        int width = 30;
        int filled = total ? static_cast<int>(width * done / total) : width;
        std::cerr << "\r" << file << " [" << std::string(filled, '#') << std::string(width - filled, ' ')
                  << "] " << done << "/" << total << std::flush;
        if (done == total) std::cerr << "\n";
      };
    }
    auto summary = (*pipe)->Ingest(parsed->articles, parsed->errors, strict, progress);
    if (!summary.ok()) {
      if (tty) std::cerr << "\n";
      return PrintError(summary.status());
    }
    for (const auto& e : summary->errors) std::cerr << "headwater: skipped " << e.ToString() << "\n";
    std::cout << file << ": " << summary->ToString() << "\n";
    if (timings) {
      std::cout << "  seconds per stage:";
      for (const auto& [stage, secs] : summary->stage_seconds) std::cout << " " << stage << " " << secs;
      std::cout << "\n";
    }
    any_skipped = any_skipped || summary->skipped > 0;
  }
  return any_skipped ? kExitSkipped : kExitOk;
}

int CmdOutletsList(const Context& c) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto outlets = (*store)->ListOutlets();
  if (!outlets.ok()) return PrintError(outlets.status());
  if (c.json) {
    json arr = json::array();
    for (const Outlet& o : *outlets)
      arr.push_back({{"id", std::to_string(o.id)}, {"name", o.name}, {"aliases", o.aliases},
                     {"domains", o.domains}, {"country", o.country.empty() ? json(nullptr) : json(o.country)},
                     {"languages", o.languages}, {"kind", OutletKindName(o.kind)},
                     {"owner_group", o.owner_group.empty() ? json(nullptr) : json(o.owner_group)},
                     {"verified", o.verified}});
    std::cout << json{{"schema", 1}, {"outlets", arr}}.dump() << "\n";
    return kExitOk;
  }
  for (const Outlet& o : *outlets) {
    std::cout << o.name << "  [" << OutletKindName(o.kind) << (o.country.empty() ? "" : ", " + o.country)
              << (o.verified ? "" : ", unverified") << "]";
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
