#include "ingest/registry_import.h"

#include <toml++/toml.h>

#include "common/csv.h"
#include "common/paths.h"
#include "common/text.h"
#include "common/url.h"

namespace headwater::ingest {

namespace {

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find('|', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = TrimSpace(s.substr(i, j - i));
    if (!part.empty()) out.emplace_back(part);
    i = j + 1;
  }
  return out;
}

std::string Where(const std::string& file, size_t line, std::string_view field) {
  return file + ":" + std::to_string(line) + ": field `" + std::string(field) + "`: ";
}

Status CheckCountry(const std::string& file, size_t line, std::string* country) {
  if (country->empty()) return Status::Ok();
  if (country->size() != 2)
    return Status::InvalidArgument(Where(file, line, "country") +
                                   "not an ISO 3166-1 alpha-2 code: \"" + *country + "\"");
  for (char& c : *country) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c < 'A' || c > 'Z')
      return Status::InvalidArgument(Where(file, line, "country") + "not an ISO code: \"" +
                                     *country + "\"");
  }
  return Status::Ok();
}

std::string NormalizeDomain(std::string_view d) {
  std::string s(TrimSpace(d));
  if (s.find("://") == std::string::npos) s = "https://" + s;
  return HostOf(s);
}

StatusOr<Outlet> MakeOutlet(const std::string& file, size_t line, std::string name,
                            std::vector<std::string> aliases, std::vector<std::string> domains,
                            std::string country, std::vector<std::string> languages,
                            std::string kind, std::string owner_group) {
  Outlet o;
  o.name = std::string(TrimSpace(name));
  if (o.name.empty()) return Status::InvalidArgument(Where(file, line, "name") + "is empty");
  o.aliases = std::move(aliases);
  for (const std::string& d : domains) {
    std::string host = NormalizeDomain(d);
    if (host.empty())
      return Status::InvalidArgument(Where(file, line, "domains") + "not a domain: \"" + d + "\"");
    o.domains.push_back(host);
  }
  o.country = std::string(TrimSpace(country));
  HW_RETURN_IF_ERROR(CheckCountry(file, line, &o.country));
  o.languages = std::move(languages);
  auto k = ParseOutletKind(std::string(TrimSpace(kind)));
  if (!k)
    return Status::InvalidArgument(Where(file, line, "kind") + "unknown kind \"" + kind +
                                   "\" (news, wire, blog, advocacy, government, ngo, social)");
  o.kind = *k;
  o.owner_group = std::string(TrimSpace(owner_group));
  o.verified = true;
  return o;
}

StatusOr<RegistryImport> ParseHeadwaterCsv(const std::vector<CsvRow>& rows, const std::string& file) {
  RegistryImport r;
  r.format = "headwater-csv";
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    if (row.fields.size() != 7)
      return Status::InvalidArgument(file + ":" + std::to_string(row.line) + ": expected 7 fields, got " +
                                     std::to_string(row.fields.size()));
    const auto& f = row.fields;
    HW_ASSIGN_OR_RETURN(Outlet o, MakeOutlet(file, row.line, f[0], SplitList(f[1]), SplitList(f[2]),
                                             f[3], SplitList(f[4]), f[5], f[6]));
    r.outlets.push_back(std::move(o));
  }
  return r;
}

OutletKind MbfcKind(std::string_view media_type) {
  std::string m = Fold(media_type);
  if (m.find("agency") != std::string::npos) return OutletKind::kWire;
  if (m.find("organization") != std::string::npos || m.find("foundation") != std::string::npos)
    return OutletKind::kNgo;
  if (m.find("government") != std::string::npos) return OutletKind::kGovernment;
  if (m.empty()) return OutletKind::kUnknown;
  return OutletKind::kNews;
}

StatusOr<RegistryImport> ParseMbfcCsv(const std::vector<CsvRow>& rows, const std::string& file,
                                      const CountryNormalizer& country_of) {
  RegistryImport r;
  r.format = "mbfc-csv";
  const auto& header = rows[0].fields;
  int c_source = -1, c_country = -1, c_type = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "source") c_source = static_cast<int>(i);
    if (header[i] == "country") c_country = static_cast<int>(i);
    if (header[i] == "media_type") c_type = static_cast<int>(i);
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    if (row.fields.size() != header.size())
      return Status::InvalidArgument(file + ":" + std::to_string(row.line) + ": expected " +
                                     std::to_string(header.size()) + " fields, got " +
                                     std::to_string(row.fields.size()));
    std::string domain = NormalizeDomain(row.fields[c_source]);
    if (domain.empty()) {
      ++r.skipped;
      continue;
    }
    Outlet o;
    o.name = domain;
    o.domains = {domain};
    if (c_country >= 0 && country_of) {
      std::string free = row.fields[c_country];
      size_t paren = free.find('(');
      if (paren != std::string::npos) free = free.substr(0, paren);
      o.country = country_of(TrimSpace(free));
    }
    o.kind = c_type >= 0 ? MbfcKind(row.fields[c_type]) : OutletKind::kUnknown;
    o.verified = true;
    r.outlets.push_back(std::move(o));
  }
  return r;
}

StatusOr<RegistryImport> ParseFundusTsv(const std::vector<CsvRow>& rows, const std::string& file) {
  RegistryImport r;
  r.format = "fundus-tsv";
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    // The published file wraps one row's language list onto its own line ("        en"): a
    // single field of language codes continues the previous row's languages.
    if (row.fields.size() == 1 && !r.outlets.empty()) {
      std::vector<std::string> more = SplitList(row.fields[0]);
      bool codes = !more.empty();
      for (const std::string& l : more) codes = codes && l.size() == 2;
      if (codes) {
        for (std::string& l : more) r.outlets.back().languages.push_back(std::move(l));
        continue;
      }
    }
    if (row.fields.size() < 3)
      return Status::InvalidArgument(file + ":" + std::to_string(row.line) + ": expected 4 fields");
    std::string cc = row.fields[0];
    if (cc == "UK") cc = "GB";
    if (cc.size() != 2) cc = "";  // Fundus uses "IND", "ISL" for some: not alpha-2
    std::vector<std::string> langs = row.fields.size() > 3 ? SplitList(row.fields[3]) : std::vector<std::string>{};
    HW_ASSIGN_OR_RETURN(Outlet o, MakeOutlet(file, row.line, row.fields[1], {}, {row.fields[2]}, cc,
                                             langs, "news", ""));
    r.outlets.push_back(std::move(o));
  }
  return r;
}

StatusOr<RegistryImport> ParseToml(std::string_view data, const std::string& file) {
  RegistryImport r;
  r.format = "toml";
  toml::table root;
  try {  // toml++ reports syntax errors by exception: caught here, returned as a Status
    root = toml::parse(data, file);
  } catch (const toml::parse_error& err) {
    return Status::InvalidArgument(file + ":" + std::to_string(err.source().begin.line) + ": " +
                                   std::string(err.description()));
  }
  const toml::array* arr = root["outlet"].as_array();
  if (!arr) return Status::InvalidArgument(file + ": expected an array of [[outlet]] tables");
  for (const toml::node& n : *arr) {
    const toml::table* t = n.as_table();
    size_t line = n.source().begin.line;
    if (!t) return Status::InvalidArgument(file + ":" + std::to_string(line) + ": [[outlet]] must be a table");
    Status type_error;
    auto str = [&](const char* key) -> std::string {
      const toml::node* v = t->get(key);
      if (!v) return "";
      if (auto s = v->value<std::string>()) return *s;
      if (type_error.ok()) type_error = Status::InvalidArgument(Where(file, line, key) + "must be a string");
      return "";
    };
    auto list = [&](const char* key, std::vector<std::string>* out) -> Status {
      const toml::node* v = t->get(key);
      if (!v) return Status::Ok();
      if (const toml::array* a = v->as_array()) {
        for (const toml::node& e : *a) {
          auto s = e.value<std::string>();
          if (!s) return Status::InvalidArgument(Where(file, line, key) + "must be an array of strings");
          out->push_back(*s);
        }
        return Status::Ok();
      }
      if (auto s = v->value<std::string>()) {
        *out = SplitList(*s);
        return Status::Ok();
      }
      return Status::InvalidArgument(Where(file, line, key) + "must be a string or an array of strings");
    };
    std::vector<std::string> aliases, domains, languages;
    HW_RETURN_IF_ERROR(list("aliases", &aliases));
    HW_RETURN_IF_ERROR(list("domains", &domains));
    HW_RETURN_IF_ERROR(list("languages", &languages));
    std::string name = str("name"), country = str("country"), kind = str("kind"),
                owner = str("owner_group");
    HW_RETURN_IF_ERROR(type_error);
    HW_ASSIGN_OR_RETURN(Outlet o, MakeOutlet(file, line, name, aliases, domains, country,
                                             languages, kind, owner));
    r.outlets.push_back(std::move(o));
  }
  return r;
}

}  // namespace

StatusOr<RegistryImport> ParseRegistry(std::string_view data, const std::string& file,
                                       const CountryNormalizer& country) {
  if (!IsValidUtf8(data)) return Status::InvalidArgument(file + ": not valid UTF-8");
  if (file.size() > 5 && file.compare(file.size() - 5, 5, ".toml") == 0) return ParseToml(data, file);
  size_t nl = data.find('\n');
  std::string_view first = data.substr(0, nl);
  char delim = first.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<CsvRow> rows = ParseCsv(data, delim);
  if (rows.empty()) return Status::InvalidArgument(file + ": empty registry");
  std::vector<std::string> header;
  for (const std::string& h : rows[0].fields) header.emplace_back(TrimSpace(h));
  static const std::vector<std::string> kHeadwater = {"name", "aliases", "domains", "country",
                                                      "languages", "kind", "owner_group"};
  if (header == kHeadwater) return ParseHeadwaterCsv(rows, file);
  if (!header.empty() && header[0] == "source") return ParseMbfcCsv(rows, file, country);
  if (header.size() >= 3 && header[0] == "country_code" && header[1] == "name")
    return ParseFundusTsv(rows, file);
  return Status::InvalidArgument(file + ":1: unknown registry header; expected "
                                 "`name,aliases,domains,country,languages,kind,owner_group`, an "
                                 "MBFC-style `source,country,...` header, or a .toml file");
}

StatusOr<RegistryImport> ReadRegistry(const std::string& path, const CountryNormalizer& country) {
  HW_ASSIGN_OR_RETURN(std::string data, ReadFile(path, size_t{256} << 20));
  return ParseRegistry(data, path, country);
}

}  // namespace headwater::ingest
