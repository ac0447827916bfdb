#include "normalize/dateline.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace headwater::normalize {

const Gazetteer* TestGazetteer();  // gazetteer_test.cc

namespace {

#define REQUIRE_GAZETTEER(var)                                                        \
  const Gazetteer* var = TestGazetteer();                                             \
  if (var == nullptr) {                                                               \
    if (::headwater::testing::CiMode()) FAIL() << "gazetteer not built";              \
    GTEST_SKIP() << "gazetteer/gazetteer.tsv not built (scripts/build-gazetteer.sh)"; \
  }

struct Case {
  const char* text;
  const char* dateline;  // expected Dateline::text
  const char* place;
  const char* country;
  const char* credit;
};

TEST(DatelineTest, WireDatelinesInThreeLanguages) {
  REQUIRE_GAZETTEER(g);
  const Case cases[] = {
      {"CIUDAD JUÁREZ, Mexico (AP) — Soldiers patrolled the border on Tuesday.",
       "CIUDAD JUÁREZ, Mexico (AP) —", "Ciudad Juárez", "MX", "AP"},
      {"WASHINGTON (Reuters) - The Senate voted on Tuesday.", "WASHINGTON (Reuters) -",
       "Washington", "US", "Reuters"},
      {"EL PASO, Texas — Border agents said", "EL PASO, Texas —", "El Paso", "US", ""},
      {"CIUDAD JUÁREZ, Chih.—Elementos de la policía", "CIUDAD JUÁREZ, Chih.—", "Ciudad Juárez",
       "MX", ""},
      {"MÉXICO, D.F. (EFE).- El gobierno informó", "MÉXICO, D.F. (EFE).-", "Mexico City", "MX",
       "EFE"},
      {"Ciudad de México, 14 de abril (Notimex).- La Secretaría",
       "Ciudad de México, 14 de abril (Notimex).-", "Mexico City", "MX", "Notimex"},
      {"SÃO PAULO (Reuters) - O governo", "SÃO PAULO (Reuters) -", "São Paulo", "BR", "Reuters"},
      {"NUEVO LAREDO, Tamps. — Un grupo", "NUEVO LAREDO, Tamps. —", "Nuevo Laredo", "MX", ""},
      {"  SANTA FE, N.M. (AP) -- Lawmakers", "SANTA FE, N.M. (AP) --", "Santa Fe", "US", "AP"},
  };
  for (const Case& c : cases) {
    Dateline d = ParseDateline(c.text, g);
    EXPECT_EQ(d.text, c.dateline) << c.text;
    EXPECT_EQ(d.place, c.place) << c.text;
    EXPECT_EQ(d.country, c.country) << c.text;
    EXPECT_EQ(d.credit, c.credit) << c.text;
    EXPECT_EQ(std::string_view(c.text).substr(d.begin, d.end - d.begin), d.text) << c.text;
  }
}

TEST(DatelineTest, QualifierChoosesAmongNamesakes) {
  REQUIRE_GAZETTEER(g);
  // Victoria, Texas versus the many other Victorias; the qualifier decides.
  Dateline tx = ParseDateline("VICTORIA, Texas (AP) — A jury", g);
  EXPECT_EQ(tx.country, "US");
  Dateline tamps = ParseDateline("VICTORIA, Tamps.— Autoridades estatales", g);
  EXPECT_EQ(tamps.country, "MX");
}

TEST(DatelineTest, NotDatelines) {
  REQUIRE_GAZETTEER(g);
  const char* texts[] = {
      "WASHINGTON is a city on the Potomac.",
      "Washington is a city - and a state.",
      "The mayor of El Paso, Texas, said the wall works.",
      "BREAKING NEWS - something happened",
      "",
      "In 2014 - a year of crises - the border",
      "WINSTON-SALEM is growing",
  };
  for (const char* t : texts) {
    Dateline d = ParseDateline(t, g);
    EXPECT_TRUE(d.empty()) << t << " -> " << d.text;
  }
  // Only the first line counts.
  EXPECT_TRUE(ParseDateline("Some headline\nWASHINGTON (AP) — text", g).empty());
}

TEST(DatelineTest, WorksWithoutGazetteer) {
  Dateline d = ParseDateline("CIUDAD JUÁREZ, Chih.—Elementos de la policía", nullptr);
  EXPECT_EQ(d.place, "Ciudad Juárez");
  EXPECT_EQ(d.country, "MX");
  Dateline w = ParseDateline("WASHINGTON (Reuters) - The Senate", nullptr);
  EXPECT_EQ(w.place, "Washington");
  EXPECT_EQ(w.credit, "Reuters");
  EXPECT_EQ(w.country, "");
}

}  // namespace
}  // namespace headwater::normalize
