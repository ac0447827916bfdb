// Reads outlet registries into Outlet records (docs/FORMATS.md):
//  - Headwater CSV, header `name,aliases,domains,country,languages,kind,owner_group`
//    (list fields separated by '|');
//  - the same fields in TOML: an array of tables `[[outlet]]`;
//  - MBFC-style CSV (`source,country,bias,factual_reporting,...,media_type,...`) as in
//    ../shared/data/outlet-registry/idiap-mbfc/mbfc.csv: domain as name, free-text country;
//  - the Fundus publisher TSV (`country_code,name,domain,languages`).
// The format is told by the header (or the .toml extension). Errors name the file, line and
// field; a file with any bad row imports nothing.
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/status.h"

namespace headwater::ingest {

// Maps a free-text country ("usa", "united kingdom (33/180 press freedom)", "Mexico") or a code
// to ISO alpha-2; "" when unknown.
using CountryNormalizer = std::function<std::string(std::string_view)>;

struct RegistryImport {
  std::vector<Outlet> outlets;  // verified = true
  std::string format;           // "headwater-csv", "toml", "mbfc-csv", "fundus-tsv"
  size_t skipped = 0;           // rows skipped as documented (e.g. MBFC rows without a domain)
};

StatusOr<RegistryImport> ParseRegistry(std::string_view data, const std::string& file,
                                       const CountryNormalizer& country);
StatusOr<RegistryImport> ReadRegistry(const std::string& path, const CountryNormalizer& country);

}  // namespace headwater::ingest
