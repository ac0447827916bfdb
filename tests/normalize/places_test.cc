#include "normalize/places.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "common/paths.h"
#include "normalize/dateline.h"
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

const PlaceMention* Find(const std::vector<PlaceMention>& ps, std::string_view name) {
  for (const PlaceMention& p : ps) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string Dump(const std::vector<PlaceMention>& ps) {
  std::string s;
  for (const PlaceMention& p : ps) {
    s += p.name + "/" + p.admin1 + "/" + p.country + " x" + std::to_string(p.mentions) + "; ";
  }
  return s;
}

TEST(PlacesTest, ResolvesAndCountsNamedPlaces) {
  REQUIRE_GAZETTEER(g);
  auto ps = FindPlaces(
      "Soldiers arrived in Ciudad Juárez on Monday. Officials in El Paso, Texas, said the "
      "border crossing into Ciudad Juarez stayed open.",
      *g, "");
  const PlaceMention* cj = Find(ps, "Ciudad Juárez");
  ASSERT_NE(cj, nullptr) << Dump(ps);
  EXPECT_EQ(cj->country, "MX");
  EXPECT_EQ(cj->admin1, "Chihuahua");
  EXPECT_EQ(cj->mentions, 2);  // accented and accent-free spellings merge
  const PlaceMention* ep = Find(ps, "El Paso");
  ASSERT_NE(ep, nullptr) << Dump(ps);
  EXPECT_EQ(ep->country, "US");
  EXPECT_EQ(ep->admin1, "Texas");
  ASSERT_NE(Find(ps, "Texas"), nullptr) << Dump(ps);
  EXPECT_EQ(ps[0].name, "Ciudad Juárez");  // most mentioned first
}

TEST(PlacesTest, AmbiguousNamesFollowContext) {
  REQUIRE_GAZETTEER(g);
  // "Juárez": Ciudad Juárez (Chihuahua) next to El Paso, Juárez (Coahuila) next to Monclova.
  auto border = FindPlaces("Agents in El Paso watched Juárez closely.", *g, "");
  const PlaceMention* j1 = Find(border, "Ciudad Juárez");
  ASSERT_NE(j1, nullptr) << Dump(border);
  auto coah = FindPlaces("Officials in Monclova and Juárez, Coahuila, met.", *g, "");
  const PlaceMention* j2 = Find(coah, "Juárez");
  ASSERT_NE(j2, nullptr) << Dump(coah);
  EXPECT_EQ(j2->admin1, "Coahuila");

  // "Georgia": the US state next to Atlanta, the country next to Tbilisi.
  auto us = FindPlaces("Voters in Atlanta, Georgia, lined up.", *g, "");
  ASSERT_NE(Find(us, "Georgia"), nullptr) << Dump(us);
  EXPECT_EQ(Find(us, "Georgia")->country, "US");
  auto ge = FindPlaces("Protesters in Tbilisi said Georgia must choose.", *g, "");
  ASSERT_NE(Find(ge, "Georgia"), nullptr) << Dump(ge);
  EXPECT_EQ(Find(ge, "Georgia")->country, "GE");
  // With no other place, the outlet's country decides.
  auto us_outlet = FindPlaces("The storm reached Georgia on Monday.", *g, "US");
  ASSERT_NE(Find(us_outlet, "Georgia"), nullptr) << Dump(us_outlet);
  EXPECT_EQ(Find(us_outlet, "Georgia")->country, "US");

  // "Victoria": Texas, Canada or Tamaulipas by neighbours.
  auto vtx = FindPlaces("The trial moved from Houston to Victoria last week.", *g, "");
  ASSERT_NE(Find(vtx, "Victoria"), nullptr) << Dump(vtx);
  EXPECT_EQ(Find(vtx, "Victoria")->country, "US");
  auto vca = FindPlaces("Ferries from Vancouver to Victoria were cancelled.", *g, "");
  ASSERT_NE(Find(vca, "Victoria"), nullptr) << Dump(vca);
  EXPECT_EQ(Find(vca, "Victoria")->country, "CA");

  // "Chihuahua" with Ciudad Juárez is in Mexico whichever reading wins.
  auto chih = FindPlaces("Ciudad Juárez is the largest city in Chihuahua.", *g, "");
  ASSERT_NE(Find(chih, "Chihuahua"), nullptr) << Dump(chih);
  EXPECT_EQ(Find(chih, "Chihuahua")->country, "MX");
}

TEST(PlacesTest, DatelineGivesContext) {
  REQUIRE_GAZETTEER(g);
  std::string text =
      "VICTORIA, Tamps.— Autoridades de Victoria informaron que la carretera sigue cerrada.";
  Dateline d = ParseDateline(text, g);
  ASSERT_EQ(d.country, "MX");
  auto ps = FindPlaces(text, *g, "", {}, &d);
  // "Victoria" in Tamaulipas is its capital, Ciudad Victoria (the title dropped).
  ASSERT_NE(Find(ps, "Ciudad Victoria"), nullptr) << Dump(ps);
  EXPECT_EQ(Find(ps, "Ciudad Victoria")->admin1, "Tamaulipas");
  EXPECT_EQ(PrimaryCountry(ps, &d), "MX");
}

TEST(PlacesTest, CommonWordsAreNotPlaces) {
  REQUIRE_GAZETTEER(g);
  // Police, Hope, March, Of, Mayor... are GeoNames towns somewhere; none is a place here.
  auto ps = FindPlaces(
      "Police said on Tuesday that the mayor had hope. Of the suspects, two fled in March. The "
      "police chief, Bob Hope, and Mayor Smith spoke. Hope remains.",
      *g, "");
  EXPECT_TRUE(ps.empty()) << Dump(ps);
  auto lower = FindPlaces("ciudad juárez and el paso in lower case", *g, "");
  EXPECT_TRUE(lower.empty()) << Dump(lower);
}

// Regression: "Middle East" was read as a Baltimore neighbourhood and "Rio Grande" (the river)
// as a town in New Jersey or a Puerto Rican municipality, holding each other up, in a British
// article about the US-Mexico border (demo/batch1.jsonl, Albion Herald).
TEST(PlacesTest, WorldRegionsAndRiversAreNotTowns) {
  REQUIRE_GAZETTEER(g);
  auto ps = FindPlaces(
      "A group in the United States alleges a camp near Ciudad Juárez, the Mexican city that "
      "faces El Paso across the Rio Grande. Some recruits came from North Africa and the Middle "
      "East.",
      *g, "GB");
  EXPECT_EQ(Find(ps, "Middle East"), nullptr) << Dump(ps);
  EXPECT_EQ(Find(ps, "Rio Grande"), nullptr) << Dump(ps);
  EXPECT_EQ(Find(ps, "Río Grande"), nullptr) << Dump(ps);
  for (const PlaceMention& p : ps) EXPECT_TRUE(p.country == "US" || p.country == "MX") << Dump(ps);
  ASSERT_NE(Find(ps, "El Paso"), nullptr) << Dump(ps);
  EXPECT_EQ(Find(ps, "El Paso")->admin1, "Texas");
  // With Maryland places around it, "Middle East" is still the region, and its words do not
  // match anything shorter ("East").
  auto md =
      FindPlaces("Officials in Washington and Baltimore discussed the Middle East.", *g, "US");
  EXPECT_EQ(Find(md, "Middle East"), nullptr) << Dump(md);
  ASSERT_NE(Find(md, "Baltimore"), nullptr) << Dump(md);
  EXPECT_EQ(Find(md, "Washington")->admin1, "District of Columbia") << Dump(md);
  auto seas = FindPlaces("Ships crossed the Atlantic and the Pacific to the Far East.", *g, "");
  EXPECT_TRUE(seas.empty()) << Dump(seas);
  // The list is an option: emptied, the gazetteer reading comes back when context allows.
  PlaceOptions keep;
  keep.not_places.clear();
  auto raw = FindPlaces("Officials in Washington and Baltimore discussed the Middle East.", *g,
                        "US", keep);
  EXPECT_NE(Find(raw, "Middle East"), nullptr) << Dump(raw);
}

// A regional seat of a country nothing else in the text points to needs context; a capital
// (prominence 3) stands alone.
TEST(PlacesTest, MinorSeatsNeedContextCapitalsDoNot) {
  REQUIRE_GAZETTEER(g);
  auto alone = FindPlaces("Water levels in the Rio Grande fell again.", *g, "");
  EXPECT_TRUE(alone.empty()) << Dump(alone);
  auto pr = FindPlaces("Río Grande, Puerto Rico, opened a new school.", *g, "");
  ASSERT_NE(Find(pr, "Río Grande"), nullptr) << Dump(pr);
  EXPECT_EQ(Find(pr, "Río Grande")->country, "PR");
  auto capital = FindPlaces("Talks resumed in Tbilisi on Monday.", *g, "");
  EXPECT_NE(Find(capital, "Tbilisi"), nullptr) << Dump(capital);
}

TEST(PlacesTest, DemonymsAndShortForms) {
  REQUIRE_GAZETTEER(g);
  auto ps = FindPlaces("Mexican officials and the U.S. embassy met US agents in the UK.", *g, "");
  ASSERT_NE(Find(ps, "Mexico"), nullptr) << Dump(ps);
  ASSERT_NE(Find(ps, "United States"), nullptr) << Dump(ps);
  EXPECT_EQ(Find(ps, "United States")->mentions, 2);
  ASSERT_NE(Find(ps, "United Kingdom"), nullptr) << Dump(ps);
  PlaceOptions no_demonyms;
  no_demonyms.count_demonyms = false;
  EXPECT_EQ(Find(FindPlaces("Mexican officials met.", *g, "", no_demonyms), "Mexico"), nullptr);
  // An all-capitals headline: "IN" and "IT" are words there, not codes.
  auto head = FindPlaces("WHY IT MATTERS IN TEXAS", *g, "");
  EXPECT_EQ(Find(head, "Italy"), nullptr) << Dump(head);
  EXPECT_EQ(Find(head, "India"), nullptr) << Dump(head);
}

TEST(PlacesTest, PrimaryCountry) {
  std::vector<PlaceMention> ps(3);
  ps[0].country = "US";
  ps[0].mentions = 3;
  ps[1].country = "MX";
  ps[1].mentions = 2;
  ps[2].country = "MX";
  ps[2].mentions = 1;
  EXPECT_EQ(PrimaryCountry(ps, nullptr), "US");  // tie 3-3: first listed
  Dateline d;
  d.country = "MX";
  EXPECT_EQ(PrimaryCountry(ps, &d), "MX");
  EXPECT_EQ(PrimaryCountry({}, nullptr), "");
  EXPECT_EQ(PrimaryCountry({}, &d), "MX");
}

TEST(PlacesTest, SeedPostNamesBorderPlaces) {
  REQUIRE_GAZETTEER(g);
  std::string path;
  HW_REQUIRE_SHARED_DATA("seed/fausta-blog-isis-border.txt", path);
  auto text = ReadFile(path);
  ASSERT_TRUE(text.ok());
  auto t0 = std::chrono::steady_clock::now();
  auto ps = FindPlaces(*text, *g, "US");
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("seed post: %s(%.2f ms)\n", Dump(ps).c_str(), ms);
  for (const char* name : {"Ciudad Juárez", "Chihuahua", "El Paso", "Fort Hancock", "Texas"}) {
    EXPECT_NE(Find(ps, name), nullptr) << name << " missing: " << Dump(ps);
  }
  const PlaceMention* cj = Find(ps, "Ciudad Juárez");
  ASSERT_NE(cj, nullptr);
  EXPECT_GE(cj->mentions, 3);  // "Ciudad Juárez" and the bare "Juárez"
  EXPECT_EQ(Find(ps, "Chihuahua")->country, "MX");
  EXPECT_EQ(Find(ps, "Chihuahua")->admin1, "Chihuahua");  // the state, not the Chiapas village
  // Every place is on the border story's two sides, except Iran, which the post names.
  for (const PlaceMention& p : ps) {
    EXPECT_TRUE(p.country == "MX" || p.country == "US" || p.name == "Iran") << Dump(ps);
  }
  std::string primary = PrimaryCountry(ps, nullptr);
  EXPECT_TRUE(primary == "MX" || primary == "US") << primary;
}

}  // namespace
}  // namespace headwater::normalize
