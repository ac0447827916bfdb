#include "stories/terms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace headwater::stories {
namespace {

const RawTerm* Find(const std::vector<RawTerm>& terms, const std::string& key) {
  auto it =
      std::find_if(terms.begin(), terms.end(), [&](const RawTerm& t) { return t.term == key; });
  return it == terms.end() ? nullptr : &*it;
}

TEST(TermExtractor, StemsPerLanguageAndDropsSeedStopWords) {
  TermExtractor x;
  auto en = x.Extract("en", "", "the rescuers were searching buildings", {});
  EXPECT_NE(Find(en, "rescuer"), nullptr);
  EXPECT_NE(Find(en, "search"), nullptr);
  EXPECT_NE(Find(en, "build"), nullptr);
  EXPECT_EQ(Find(en, "the"), nullptr);
  auto es = x.Extract("es", "", "los rescatistas buscaban en los edificios", {});
  EXPECT_NE(Find(es, "edifici"), nullptr);
  EXPECT_EQ(Find(es, "los"), nullptr);
  auto pt = x.Extract("pt", "", "os bombeiros procuravam nos edificios", {});
  EXPECT_NE(Find(pt, "bombeir"), nullptr);
  // Unknown language: folded words, no stemming.
  auto und = x.Extract("und", "", "Rescuers searching", {});
  EXPECT_NE(Find(und, "rescuers"), nullptr);
}

TEST(TermExtractor, EntitiesNumbersAndPlacesAreLanguageIndependent) {
  TermExtractor x;
  auto es =
      x.Extract("es", "", "El presidente Putin llegó a Helsinki con 300 asesores.", {"Finland"});
  const RawTerm* putin = Find(es, "putin");
  ASSERT_NE(putin, nullptr);
  EXPECT_TRUE(putin->independent);
  const RawTerm* n = Find(es, "300");
  ASSERT_NE(n, nullptr);
  EXPECT_TRUE(n->independent);
  const RawTerm* place = Find(es, "@finland");
  ASSERT_NE(place, nullptr);
  EXPECT_TRUE(place->independent);
  // Sentence-initial "El" is not an entity (and is a seed stop word anyway); "presidente" is a
  // word.
  const RawTerm* pres = Find(es, "president");
  ASSERT_NE(pres, nullptr);
  EXPECT_FALSE(pres->independent);
  // An English possessive gives the same entity term.
  auto en = x.Extract("en", "", "Critics questioned Putin's claims.", {});
  ASSERT_NE(Find(en, "putin"), nullptr);
  EXPECT_TRUE(Find(en, "putin")->independent);
}

TEST(TermExtractor, TitleWeighsMoreAndTitleCaseIsNotEntities) {
  TermOptions o;
  TermExtractor x(o);
  auto terms = x.Extract("en", "Copper Prices Slump After Weak Exports", "copper fell", {});
  const RawTerm* copper = Find(terms, "copper");
  const RawTerm* fell = Find(terms, "fell");
  ASSERT_NE(copper, nullptr);
  ASSERT_NE(fell, nullptr);
  EXPECT_DOUBLE_EQ(fell->tf, 1.0);
  EXPECT_DOUBLE_EQ(copper->tf, o.title_weight * 1.0 + 1.0);
  // Title Case: capitals carry no entity signal.
  ASSERT_NE(Find(terms, "price"), nullptr);
  EXPECT_FALSE(Find(terms, "price")->independent);
  // Sublinear tf: three body occurrences give 1 + ln 3.
  auto rep = x.Extract("en", "", "quake quake quake", {});
  EXPECT_NEAR(Find(rep, "quak")->tf, 1 + std::log(3.0), 1e-12);
}

TEST(TermExtractor, ReadsOnlyTheLeadOfLongBodies) {
  TermOptions o;
  o.max_body_bytes = 20;
  TermExtractor x(o);
  auto terms = x.Extract("en", "", "volcano erupts today and much later zeppelin", {});
  EXPECT_NE(Find(terms, "volcano"), nullptr);
  EXPECT_EQ(Find(terms, "zeppelin"), nullptr);
}

}  // namespace
}  // namespace headwater::stories
