// outlets NAME: one outlet with its track record (records/track_record.h), overall and by year
// and by region, judged now under the policy file's [track_records] settings.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace headwater::cli {

using json = nlohmann::json;

namespace {

json RecordJson(int originated, int corroborated, int single_source, int refuted, double estimate) {
  return {{"originated", originated},
          {"corroborated", corroborated},
          {"single_source", single_source},
          {"refuted", refuted},
          {"estimate", estimate}};
}

std::string RecordText(int originated, int corroborated, int single_source, int refuted,
                       double estimate) {
  return fmt::format(
      "{} originated, {} corroborated, {} single-source, {} refuted (estimate {:.2f})", originated,
      corroborated, single_source, refuted, estimate);
}

}  // namespace

int CmdOutletShow(const Context& c, const std::string& name) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto pipe = c.OpenPipeline(store->get(), /*gazetteer=*/false);
  if (!pipe.ok()) return PrintError(pipe.status());
  const normalize::OutletRegistry& reg = (*pipe)->outlets();
  const Outlet* o = reg.FindByName(name);
  if (o == nullptr) o = reg.FindByDomain(name);
  if (o == nullptr) return PrintError(Status::NotFound("no outlet named \"" + name + "\""));
  auto record = (*pipe)->OutletTrackRecord(o->id);
  if (!record.ok()) return PrintError(record.status());
  const provenance::TrackRecord& t = *record;
  int min_age = (*pipe)->TrackRecordOptions().min_age_days;
  if (c.json) {
    json tr = RecordJson(t.originated, t.corroborated, t.single_source, t.refuted, t.estimate);
    json by_year = json::object(), by_region = json::object();
    for (const auto& s : t.by_year)
      by_year[s.key] =
          RecordJson(s.originated, s.corroborated, s.single_source, s.refuted, s.estimate);
    for (const auto& s : t.by_region)
      by_region[s.key] =
          RecordJson(s.originated, s.corroborated, s.single_source, s.refuted, s.estimate);
    tr["by_year"] = std::move(by_year);
    tr["by_region"] = std::move(by_region);
    tr["min_age_days"] = min_age;
    json out = {{"schema", 1},
                {"outlet",
                 {{"id", std::to_string(o->id)},
                  {"name", o->name},
                  {"aliases", o->aliases},
                  {"domains", o->domains},
                  {"country", o->country.empty() ? json(nullptr) : json(o->country)},
                  {"languages", o->languages},
                  {"kind", OutletKindName(o->kind)},
                  {"owner_group", o->owner_group.empty() ? json(nullptr) : json(o->owner_group)},
                  {"verified", o->verified}}},
                {"track_record", std::move(tr)}};
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::cout << o->name << "  [" << OutletKindName(o->kind)
            << (o->country.empty() ? "" : ", " + o->country) << (o->verified ? "" : ", unverified")
            << "]\n";
  std::cout << "Track record (stories first seen at least " << min_age << " days ago): "
            << RecordText(t.originated, t.corroborated, t.single_source, t.refuted, t.estimate)
            << "\n";
  for (const auto& s : t.by_year)
    std::cout << "  " << s.key << ": "
              << RecordText(s.originated, s.corroborated, s.single_source, s.refuted, s.estimate)
              << "\n";
  for (const auto& s : t.by_region)
    std::cout << "  " << s.key << ": "
              << RecordText(s.originated, s.corroborated, s.single_source, s.refuted, s.estimate)
              << "\n";
  return kExitOk;
}

}  // namespace headwater::cli
