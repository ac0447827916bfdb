#include "ingest/registry_import.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace headwater::ingest {
namespace {

std::string NoCountry(std::string_view) { return ""; }

TEST(RegistryImport, ReadsHeadwaterCsv) {
  std::string csv =
      "name,aliases,domains,country,languages,kind,owner_group\n"
      "Judicial Watch,JW|Judicial Watch Inc.,judicialwatch.org,US,en,advocacy,\n"
      "\"El Diario, Juárez\",,www.diario.mx|eldiario.mx,mx,es,news,Grupo Diario\n";
  auto r = ParseRegistry(csv, "r.csv", NoCountry);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "headwater-csv");
  ASSERT_EQ(r->outlets.size(), 2u);
  EXPECT_EQ(r->outlets[0].aliases, (std::vector<std::string>{"JW", "Judicial Watch Inc."}));
  EXPECT_EQ(r->outlets[0].kind, OutletKind::kAdvocacy);
  EXPECT_EQ(r->outlets[1].name, "El Diario, Juárez");
  EXPECT_EQ(r->outlets[1].domains, (std::vector<std::string>{"diario.mx", "eldiario.mx"}));
  EXPECT_EQ(r->outlets[1].country, "MX");
  EXPECT_EQ(r->outlets[1].owner_group, "Grupo Diario");
  EXPECT_TRUE(r->outlets[1].verified);
}

TEST(RegistryImport, BadRowsNameFileLineAndField) {
  std::string header = "name,aliases,domains,country,languages,kind,owner_group\n";
  auto bad_kind = ParseRegistry(header + "A,,a.com,US,en,tabloid,\n", "r.csv", NoCountry);
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.status().message().find("r.csv:2: field `kind`"), std::string::npos);
  auto bad_country = ParseRegistry(header + "A,,a.com,USA,en,news,\n", "r.csv", NoCountry);
  ASSERT_FALSE(bad_country.ok());
  EXPECT_NE(bad_country.status().message().find("field `country`"), std::string::npos);
  auto short_row = ParseRegistry(header + "A,,a.com\n", "r.csv", NoCountry);
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.status().message().find("expected 7 fields"), std::string::npos);
  auto unknown = ParseRegistry("foo,bar\n1,2\n", "x.csv", NoCountry);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown registry header"), std::string::npos);
}

TEST(RegistryImport, ReadsToml) {
  std::string toml =
      "[[outlet]]\nname = \"Judicial Watch\"\naliases = [\"JW\"]\ndomains = [\"judicialwatch.org\"]\n"
      "country = \"US\"\nkind = \"advocacy\"\n\n[[outlet]]\nname = \"Folha\"\ndomains = "
      "\"folha.uol.com.br\"\ncountry = \"BR\"\nlanguages = [\"pt\"]\nkind = \"news\"\n";
  auto r = ParseRegistry(toml, "r.toml", NoCountry);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->outlets.size(), 2u);
  EXPECT_EQ(r->outlets[1].domains, (std::vector<std::string>{"folha.uol.com.br"}));
  auto bad = ParseRegistry("[[outlet]]\nname = \"A\"\nkind = 3\n", "r.toml", NoCountry);
  ASSERT_FALSE(bad.ok());
}

TEST(RegistryImport, ReadsTheSharedMbfcCsv) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("outlet-registry/idiap-mbfc/mbfc.csv", path);
  auto country = [](std::string_view c) -> std::string {
    if (c == "usa") return "US";
    if (c == "united kingdom") return "GB";
    return "";
  };
  auto r = ReadRegistry(path, country);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "mbfc-csv");
  // SOURCE.md: 4,497 domains.
  EXPECT_GE(r->outlets.size() + r->skipped, 4490u);
  EXPECT_GE(r->outlets.size(), 4400u);
  size_t us = 0;
  for (const Outlet& o : r->outlets) us += o.country == "US";
  EXPECT_GT(us, 3400u);  // "usa" and "usa (44/180 press freedom)" both map to US
}

TEST(RegistryImport, ReadsTheFundusPublishers) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("outlet-registry/fundus-publishers/publishers.tsv", path);
  auto r = ReadRegistry(path, NoCountry);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "fundus-tsv");
  EXPECT_EQ(r->outlets.size(), 180u);
}

}  // namespace
}  // namespace headwater::ingest
