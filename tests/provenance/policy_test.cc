// PolicySet: parsing share/policies.toml, choosing by country, and errors naming file/table/key.
#include "provenance/policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/paths.h"
#include "test_util.h"

namespace headwater::provenance {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kValid[] = R"(
# comment
[policies.default]
min_independent_origins = 2

[policies.latin-america]
countries = ["MX", "gt", "CO"]
min_independent_origins = 2
min_in_country_origins = 2
anonymous_only_counts = false
denials_dispute = true
)";

TEST(PolicySetTest, ParsesAndChoosesByCountry) {
  auto set = PolicySet::Parse(kValid, "p.toml");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->policies().size(), 2u);
  EXPECT_EQ(set->policies()[0].name, "default");
  const Policy& la = set->ForCountry("MX");
  EXPECT_EQ(la.name, "latin-america");
  EXPECT_EQ(la.min_in_country_origins, 2);
  EXPECT_FALSE(la.anonymous_only_counts);
  EXPECT_TRUE(la.denials_dispute);
  EXPECT_EQ(set->ForCountry("gt").name, "latin-america");  // codes compare upper-cased
  EXPECT_EQ(set->ForCountry("US").name, "default");
  EXPECT_EQ(set->ForCountry("").name, "default");
  const Policy& d = set->ForCountry("FR");
  EXPECT_EQ(d.min_independent_origins, 2);
  EXPECT_EQ(d.min_in_country_origins, 0);
  EXPECT_TRUE(d.anonymous_only_counts);
  EXPECT_FALSE(d.denials_dispute);
}

TEST(PolicySetTest, ShippedFileHasDefaultAndLatinAmerica) {
  auto set = PolicySet::LoadDefault();
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  const Policy& d = set->ForCountry("US");
  EXPECT_EQ(d.name, "default");
  EXPECT_EQ(d.min_independent_origins, 2);
  EXPECT_EQ(d.min_in_country_origins, 0);
  for (const char* cc : {"MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "HT", "PR",
                         "CO", "VE", "EC", "PE", "BO", "CL", "AR", "UY", "PY", "BR"}) {
    const Policy& p = set->ForCountry(cc);
    EXPECT_EQ(p.name, "latin-america") << cc;
    EXPECT_EQ(p.min_independent_origins, 2);
    EXPECT_EQ(p.min_in_country_origins, 2);
  }
  EXPECT_EQ(set->ForCountry("ES").name, "default");
  EXPECT_EQ(set->ForCountry("CA").name, "default");
}

TEST(PolicySetTest, UnknownKeyIsNamedWithFileAndTable) {
  auto set = PolicySet::Parse("[policies.default]\nmin_independant_origins = 2\n", "my.toml");
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(set.status().message(),
              AllOf(HasSubstr("my.toml"), HasSubstr("[policies.default]"),
                    HasSubstr("min_independant_origins"), HasSubstr("line 2")));
}

TEST(PolicySetTest, WrongTypeIsNamed) {
  auto set = PolicySet::Parse(
      "[policies.default]\n[policies.latin-america]\nmin_in_country_origins = \"two\"\n", "p.toml");
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(set.status().message(),
              AllOf(HasSubstr("p.toml"), HasSubstr("[policies.latin-america]"),
                    HasSubstr("min_in_country_origins"), HasSubstr("integer")));
  auto b = PolicySet::Parse("[policies.default]\ndenials_dispute = 1\n", "p.toml");
  ASSERT_FALSE(b.ok());
  EXPECT_THAT(b.status().message(), HasSubstr("denials_dispute"));
}

TEST(PolicySetTest, OutOfRangeAndBadCountryAreNamed) {
  auto zero = PolicySet::Parse("[policies.default]\nmin_independent_origins = 0\n", "p.toml");
  ASSERT_FALSE(zero.ok());
  EXPECT_THAT(zero.status().message(), HasSubstr("min_independent_origins"));
  auto bad =
      PolicySet::Parse("[policies.default]\n[policies.x]\ncountries = [\"Mexico\"]\n", "p.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(),
              AllOf(HasSubstr("[policies.x]"), HasSubstr("countries"), HasSubstr("Mexico")));
  auto more = PolicySet::Parse(
      "[policies.default]\nmin_independent_origins = 1\nmin_in_country_origins = 2\n", "p.toml");
  ASSERT_FALSE(more.ok());
  EXPECT_THAT(more.status().message(), HasSubstr("min_in_country_origins"));
}

TEST(PolicySetTest, MissingDefaultAndDuplicateCountryAreErrors) {
  auto none = PolicySet::Parse("[policies.la]\ncountries = [\"MX\"]\n", "p.toml");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("[policies.default] is missing"));
  auto dup = PolicySet::Parse(
      "[policies.default]\n[policies.a]\ncountries = [\"MX\"]\n[policies.b]\ncountries = "
      "[\"MX\"]\n",
      "p.toml");
  ASSERT_FALSE(dup.ok());
  EXPECT_THAT(dup.status().message(), AllOf(HasSubstr("MX"), HasSubstr("already listed")));
  auto top = PolicySet::Parse("min_independent_origins = 2\n[policies.default]\n", "p.toml");
  ASSERT_FALSE(top.ok());
  EXPECT_THAT(top.status().message(), HasSubstr("min_independent_origins"));
}

TEST(PolicySetTest, SyntaxErrorNamesFileAndLine) {
  auto set = PolicySet::Parse("[policies.default]\nmin_independent_origins = = 2\n", "bad.toml");
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(set.status().message(), AllOf(HasSubstr("bad.toml:2:"), HasSubstr("TOML")));
}

TEST(PolicySetTest, LoadReadsAFileAndNamesIt) {
  std::string dir = headwater::testing::TempDir();
  std::string path = dir + "/policies.toml";
  {
    std::ofstream f(path);
    f << "[policies.default]\nmin_independent_origins = 3\n";
  }
  auto set = PolicySet::Load(path);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->ForCountry("US").min_independent_origins, 3);
  auto missing = PolicySet::Load(dir + "/nope.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("nope.toml"));
}

TEST(PolicySetTest, BuiltInIsTheDefaultPolicy) {
  PolicySet set = PolicySet::BuiltIn();
  EXPECT_EQ(set.ForCountry("MX").name, "default");
  EXPECT_EQ(set.ForCountry("MX").min_independent_origins, 2);
}

TEST(PolicySetTest, TrackRecordsTable) {
  auto set = PolicySet::Parse(
      "[policies.default]\n[track_records]\nmin_age_days = 30\ncorrections_refute = true\n",
      "p.toml");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->track_records().min_age_days, 30);
  EXPECT_EQ(set->track_records().corrections_refute, true);
  auto none = PolicySet::Parse("[policies.default]\n", "p.toml");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->track_records().min_age_days.has_value());
  auto bad = PolicySet::Parse("[policies.default]\n[track_records]\nmin_age = 3\n", "p.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("[track_records] key 'min_age'"), std::string::npos)
      << bad.status().message();
  auto range =
      PolicySet::Parse("[policies.default]\n[track_records]\nmin_age_days = -1\n", "p.toml");
  EXPECT_FALSE(range.ok());
}

}  // namespace
}  // namespace headwater::provenance
