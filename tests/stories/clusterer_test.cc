// Behaviour of StoryClusterer on small hand-made streams (the texts are written for the test).
#include "stories/clusterer.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace headwater::stories {
namespace {

constexpr UnixSeconds kT0 = 1'700'000'000;
constexpr UnixSeconds kDay = 86'400;

ArticleFeatures Make(ArticleId id, UnixSeconds t, std::string title, std::string text = "",
                     std::string lang = "en") {
  ArticleFeatures a;
  a.id = id;
  a.time = t;
  a.title = std::move(title);
  a.text = std::move(text);
  a.lang = std::move(lang);
  return a;
}

// A stream of two happenings plus unrelated filler, so the online IDF has something to learn.
std::vector<ArticleFeatures> Stream() {
  std::vector<ArticleFeatures> v;
  ArticleId id = 1;
  UnixSeconds t = kT0;
  const char* quake[] = {"Earthquake of magnitude 7.1 strikes Oaxaca, Mexico",
                         "Strong earthquake shakes Oaxaca; buildings damaged",
                         "Oaxaca earthquake: rescuers search collapsed buildings",
                         "Magnitude 7.1 earthquake in Oaxaca kills dozens"};
  const char* mine[] = {"Copper mine strike in Atacama enters second week",
                        "Atacama copper miners reject wage offer, strike goes on",
                        "Chile copper prices rise as Atacama mine strike drags on"};
  const char* filler[] = {"Local bakery wins regional bread award",
                          "City council approves new bicycle lanes downtown",
                          "Museum opens exhibition of medieval tapestries",
                          "University rowing team takes national title"};
  for (int i = 0; i < 4; ++i) {
    v.push_back(Make(id++, t += 600, quake[i]));
    if (i < 3) v.push_back(Make(id++, t += 600, mine[i]));
    v.push_back(Make(id++, t += 600, filler[i]));
  }
  return v;
}

TEST(StoryClusterer, AllocatesSequentialIdsAndGroupsHappenings) {
  StoryClusterer c;
  std::vector<Assignment> as;
  for (const auto& a : Stream()) as.push_back(c.Assign(a));
  // First article starts story 1; the next new stories are 2, 3, ... in order of appearance.
  EXPECT_EQ(as[0].story, 1);
  EXPECT_TRUE(as[0].is_new);
  StoryId next = 1;
  for (const Assignment& x : as) {
    if (x.is_new) {
      EXPECT_EQ(x.story, next++);
    }
    EXPECT_GE(x.score, 0);
    EXPECT_LE(x.score, 1);
  }
  // Quake articles are at indices 0, 3, 6, 9; mine articles at 1, 4, 7.
  for (size_t i : {3, 6, 9}) EXPECT_EQ(as[i].story, as[0].story) << i;
  for (size_t i : {4, 7}) EXPECT_EQ(as[i].story, as[1].story) << i;
  EXPECT_NE(as[0].story, as[1].story);
  // Filler articles stay apart from both.
  for (size_t i : {2, 5, 8, 10}) {
    EXPECT_NE(as[i].story, as[0].story);
    EXPECT_NE(as[i].story, as[1].story);
  }
  EXPECT_EQ(c.article_count(), 11);
}

TEST(StoryClusterer, TitleAndKeyTerms) {
  StoryClusterer c;
  StoryId quake = 0;
  for (const auto& a : Stream()) {
    Assignment x = c.Assign(a);
    if (a.id == 1) quake = x.story;
  }
  EXPECT_NE(c.Title(quake).find("Oaxaca"), std::string::npos) << c.Title(quake);
  std::vector<std::string> terms = c.KeyTerms(quake, 3);
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_NE(std::find(terms.begin(), terms.end(), "oaxaca"), terms.end());
  EXPECT_EQ(c.Title(999), "");
  EXPECT_TRUE(c.KeyTerms(999).empty());
}

TEST(StoryClusterer, LinkedStoryWinsOverText) {
  StoryClusterer c;
  for (const auto& a : Stream()) (void)c.Assign(a);
  ArticleFeatures a = Make(100, kT0 + kDay, "Museum opens exhibition of medieval tapestries");
  a.linked_stories = {1};  // copies an article of the quake story
  Assignment x = c.Assign(a);
  EXPECT_EQ(x.story, 1);
  EXPECT_FALSE(x.is_new);
  EXPECT_DOUBLE_EQ(x.score, 1);
  // An unknown linked story is ignored.
  ArticleFeatures b = Make(101, kT0 + kDay, "Completely unrelated zeppelin regatta");
  b.linked_stories = {12345};
  EXPECT_TRUE(c.Assign(b).is_new);
}

TEST(StoryClusterer, DormantStoryRevivesOnCloseMatch) {
  Options o;
  StoryClusterer c(o);
  for (const auto& a : Stream()) (void)c.Assign(a);
  UnixSeconds later = kT0 + 60 * kDay;
  EXPECT_FALSE(c.IsDormant(1, kT0 + kDay));
  EXPECT_TRUE(c.IsDormant(1, later));
  EXPECT_FALSE(c.IsDormant(999, later));
  // A close match after 60 days revives story 1.
  Assignment x =
      c.Assign(Make(200, later, "Oaxaca earthquake magnitude 7.1: rescuers search buildings"));
  EXPECT_EQ(x.story, 1);
  EXPECT_TRUE(x.revived);
  EXPECT_FALSE(c.IsDormant(1, later + kDay));
  // The next article inside the window joins without a revival.
  Assignment y =
      c.Assign(Make(201, later + kDay, "Oaxaca earthquake aftershocks damage buildings"));
  EXPECT_EQ(y.story, 1);
  EXPECT_FALSE(y.revived);
}

// Years later, with a dormant period of a year (Options::dormant_after_days), a full-text
// article that matches the story by its content alone (no link, no copy) revives it.
TEST(StoryClusterer, DormantStoryRevivesByContentAfterYears) {
  Options o;
  o.dormant_after_days = 365;
  StoryClusterer c(o);
  for (const auto& a : Stream()) (void)c.Assign(a);
  UnixSeconds years = kT0 + 3 * 365 * kDay;
  EXPECT_FALSE(c.IsDormant(1, kT0 + 300 * kDay));  // quiet, but not for a year yet
  ASSERT_TRUE(c.IsDormant(1, years));
  EXPECT_EQ(c.Describe(1, years)->status, StoryStatus::kDormant);
  // Unrelated full text first: stays out of every dormant story.
  Assignment other = c.Assign(Make(400, years, "Harbour festival returns after renovation",
                                   "The harbour festival returns this weekend with boats, music "
                                   "and food stalls along the renovated quay."));
  EXPECT_TRUE(other.is_new);
  EXPECT_FALSE(other.revived);
  Assignment x = c.Assign(
      Make(401, years + 3600, "Oaxaca earthquake: three years on, rebuilding is unfinished",
           "Three years after the magnitude 7.1 earthquake in Oaxaca, Mexico, families still "
           "live beside buildings damaged in the quake; rescuers recall the search of the "
           "collapsed buildings."));
  EXPECT_EQ(x.story, 1);
  EXPECT_FALSE(x.is_new);
  EXPECT_TRUE(x.revived);
  EXPECT_LT(x.score, 1.0);  // by content: a link would score 1
  EXPECT_GE(x.score, o.revive_threshold_text);
  EXPECT_EQ(c.Describe(1, years + 3600)->status, StoryStatus::kActive);
  EXPECT_EQ(c.Describe(1, years + 3600)->last_seen, years + 3600);
}

// Regression for issue 10's scale benchmark: a story dormant for a year revived on shared names
// alone (planted stories built from one text years apart share their names and places). A
// revival needs content words too, or a strong match (Options::revive_content_threshold,
// revive_names_threshold_text).
std::vector<ArticleFeatures> NamesStream() {
  std::vector<ArticleFeatures> v;
  ArticleId id = 1;
  UnixSeconds t = kT0;
  const char* bridge[] = {
      "In Riverton, Mayor Elena Vasquez said the Halden Bridge will close for repairs after "
      "inspectors found cracked girders.",
      "Inspectors told Mayor Elena Vasquez that cracked girders make the Halden Bridge unsafe; "
      "Riverton commuters face detours.",
      "Riverton detours begin as the Halden Bridge closes; Mayor Elena Vasquez promises "
      "repairs to the cracked girders by spring."};
  const char* filler[] = {"A bakery in Lowford won a regional award for its rye loaves.",
                          "The museum in Kestrel Bay opened an exhibition of tapestries.",
                          "Rowers from Penmark took the national title on Sunday."};
  for (int i = 0; i < 3; ++i) {
    v.push_back(Make(id++, t += 600, "", bridge[i]));
    v.push_back(Make(id++, t += 600, "", filler[i]));
  }
  return v;
}

TEST(StoryClusterer, DormantStoryDoesNotReviveOnNamesAlone) {
  const UnixSeconds year = kT0 + 400 * kDay;
  // Same names and places, another happening.
  ArticleFeatures names = Make(100, year, "",
                               "In Riverton, Mayor Elena Vasquez opened a vegetable market "
                               "beside the Halden Bridge and tasted local honey.");
  // Same names and what happened.
  ArticleFeatures same = Make(101, year + 600, "",
                              "A year on, the Halden Bridge in Riverton is still closed: the "
                              "repairs of its cracked girders stalled, Mayor Elena Vasquez said.");
  Options plain;  // the revive thresholds alone
  plain.revive_content_threshold = 0;
  plain.revive_names_threshold = plain.revive_names_threshold_text = 0;
  StoryClusterer loose(plain), strict;
  for (const auto& a : NamesStream()) {
    (void)loose.Assign(a);
    (void)strict.Assign(a);
  }
  Assignment by_names_loose = loose.Assign(names);
  EXPECT_TRUE(by_names_loose.revived) << "score " << by_names_loose.score;
  Assignment by_names = strict.Assign(names);
  EXPECT_TRUE(by_names.is_new) << "score " << by_names.score;
  EXPECT_FALSE(by_names.revived);
  Assignment by_content = strict.Assign(same);
  EXPECT_EQ(by_content.story, 1);
  EXPECT_TRUE(by_content.revived) << "score " << by_content.score;
}

TEST(StoryClusterer, DormantStoryNeedsStricterMatch) {
  StoryClusterer c;
  for (const auto& a : Stream()) (void)c.Assign(a);
  // Shares one term with the quake story: enough inside the window, not after 60 days.
  const char* loose = "Oaxaca tourism fair draws visitors";
  StoryClusterer fresh = std::move(StoryClusterer::Deserialize(c.Serialize(), Options{})).value();
  Assignment near = fresh.Assign(Make(300, kT0 + kDay, loose));
  Assignment far = c.Assign(Make(300, kT0 + 60 * kDay, loose));
  EXPECT_TRUE(far.is_new);
  EXPECT_FALSE(far.revived);
  EXPECT_LT(far.score, Options{}.revive_threshold);
  EXPECT_GT(near.score, far.score);  // time decay lowers the score
}

TEST(StoryClusterer, CrossLanguageJoinsOnEntitiesNumbersPlaces) {
  StoryClusterer c;
  for (const auto& a : Stream()) (void)c.Assign(a);
  ArticleFeatures en = Make(400, kT0 + 2 * kDay, "Volcano Popocatepetl erupts near Puebla",
                            "The Popocatepetl volcano erupted on Tuesday, sending ash 3500 metres "
                            "high over Puebla and San Nicolas de los Ranchos, CENAPRED said.");
  en.places = {"Puebla", "MX"};
  Assignment first = c.Assign(en);
  ASSERT_TRUE(first.is_new);
  ArticleFeatures es = Make(401, kT0 + 2 * kDay + 3600, "Erupciona el Popocatépetl cerca de Puebla",
                            "El volcán Popocatépetl hizo erupción el martes y lanzó ceniza a 3500 "
                            "metros sobre Puebla y San Nicolás de los Ranchos, informó CENAPRED.",
                            "es");
  es.places = {"Puebla", "MX"};
  Assignment x = c.Assign(es);
  EXPECT_EQ(x.story, first.story);
  EXPECT_FALSE(x.is_new);
  // A Spanish article about something else stays apart.
  ArticleFeatures other = Make(402, kT0 + 2 * kDay + 7200, "Inauguran biblioteca en Monterrey",
                               "La nueva biblioteca central de Monterrey abrió sus puertas.", "es");
  other.places = {"Monterrey", "MX"};
  EXPECT_NE(c.Assign(other).story, first.story);
}

TEST(StoryClusterer, DescribeFillsTheModelStory) {
  StoryClusterer c;
  ArticleFeatures a = Make(1, kT0, "Earthquake strikes Oaxaca", "Rescuers search buildings.");
  a.places = {"Oaxaca", "MX"};
  ArticleFeatures b = Make(2, kT0 + 3600, "Oaxaca earthquake: rescuers search buildings");
  b.places = {"MX"};
  ASSERT_EQ(c.Assign(a).story, 1);
  ASSERT_EQ(c.Assign(b).story, 1);
  StatusOr<Story> s = c.Describe(1, kT0 + kDay);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id, 1);
  EXPECT_EQ(s->country, "MX") << ::testing::PrintToString(c.KeyTerms(1, 20));
  EXPECT_EQ(s->first_seen, kT0);
  EXPECT_EQ(s->last_seen, kT0 + 3600);
  EXPECT_EQ(s->status, StoryStatus::kActive);
  EXPECT_FALSE(s->key_terms.empty());
  EXPECT_EQ(c.Describe(1, kT0 + 90 * kDay)->status, StoryStatus::kDormant);
  EXPECT_EQ(c.Describe(7, kT0).status().code(), StatusCode::kNotFound);
}

TEST(StoryClusterer, SerializeRoundTripGivesIdenticalAssignments) {
  Options with_exemplars;
  with_exemplars.exemplars = 3;
  for (const Options& o : {Options{}, with_exemplars}) {
    std::vector<ArticleFeatures> s = Stream();
    StoryClusterer a(o);
    for (size_t i = 0; i < 6; ++i) (void)a.Assign(s[i]);
    std::string bytes = a.Serialize();
    StatusOr<StoryClusterer> b = StoryClusterer::Deserialize(bytes, o);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->Serialize(), bytes);
    for (size_t i = 6; i < s.size(); ++i) {
      Assignment x = a.Assign(s[i]), y = b->Assign(s[i]);
      EXPECT_EQ(x.story, y.story) << i;
      EXPECT_EQ(x.is_new, y.is_new) << i;
      EXPECT_EQ(x.score, y.score) << i;  // bit-identical
    }
    EXPECT_EQ(a.Serialize(), b->Serialize());
    EXPECT_EQ(a.Title(1), b->Title(1));
  }
}

TEST(StoryClusterer, DeserializeRejectsCorruptBytes) {
  StoryClusterer a;
  for (const auto& x : Stream()) (void)a.Assign(x);
  std::string bytes = a.Serialize();
  EXPECT_FALSE(StoryClusterer::Deserialize("", Options{}).ok());
  EXPECT_FALSE(StoryClusterer::Deserialize("HWSTORY1", Options{}).ok());
  EXPECT_FALSE(StoryClusterer::Deserialize(bytes.substr(0, bytes.size() - 3), Options{}).ok());
  EXPECT_FALSE(StoryClusterer::Deserialize(bytes + "x", Options{}).ok());
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x01;  // one bit inside the state: the checksum catches it
  EXPECT_FALSE(StoryClusterer::Deserialize(flipped, Options{}).ok());
  std::string wrong = bytes;
  wrong[0] = 'X';
  StatusOr<StoryClusterer> r = StoryClusterer::Deserialize(wrong, Options{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  // Empty state round-trips.
  EXPECT_TRUE(StoryClusterer::Deserialize(StoryClusterer().Serialize(), Options{}).ok());
}

// Stories that grow towards each other merge, and the merge is recorded, never silent: the
// merged id stays known (Describe says merged, Surviving() maps it), later articles never get it,
// and the state round-trips with its merge records.
TEST(StoryClusterer, StoriesThatGrowTogetherMergeAndTheMergeIsRecorded) {
  Options o;
  o.merge_threshold = 0.25;
  StoryClusterer c(o);
  std::vector<Assignment> as;
  for (const auto& a : Stream()) as.push_back(c.Assign(a));
  EXPECT_TRUE(c.merges().empty());
  UnixSeconds t = kT0 + kDay;
  Assignment volcano = c.Assign(Make(20, t, "Ketara volcano erupts on Suli island"));
  Assignment flights = c.Assign(Make(21, t + 60, "Flights grounded at Port Amsel airport"));
  ASSERT_TRUE(volcano.is_new);
  ASSERT_TRUE(flights.is_new);
  // An article that links the flights story and tells of the eruption: the flights story grows
  // towards the volcano story, and the two merge into the older one.
  ArticleFeatures bridge =
      Make(22, t + 120, "Ketara volcano eruption on Suli grounds flights at Port Amsel airport");
  bridge.linked_stories = {flights.story};
  Assignment x = c.Assign(bridge);
  ASSERT_EQ(c.merges().size(), 1u);
  const StoryMerge& m = c.merges()[0];
  EXPECT_EQ(m.from, flights.story);
  EXPECT_EQ(m.into, volcano.story);
  EXPECT_EQ(m.at, t + 120);
  EXPECT_GE(m.score, o.merge_threshold);
  EXPECT_LE(m.score, 1.0);
  EXPECT_EQ(x.story, volcano.story);  // the survivor
  EXPECT_FALSE(x.is_new);
  EXPECT_EQ(x.merged_from, std::vector<StoryId>{flights.story});
  EXPECT_EQ(c.Surviving(flights.story), volcano.story);
  EXPECT_EQ(c.Surviving(volcano.story), volcano.story);
  EXPECT_EQ(c.Surviving(999), 999);
  // The merged id stays known.
  StatusOr<Story> s = c.Describe(flights.story, t);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->status, StoryStatus::kMerged);
  EXPECT_EQ(s->merged_into, volcano.story);
  EXPECT_EQ(c.Describe(volcano.story, t)->status, StoryStatus::kActive);
  // Later articles never land in the merged-away story, even when they link it.
  ArticleFeatures late = Make(23, t + 180, "Port Amsel airport reopens");
  late.linked_stories = {flights.story};
  EXPECT_EQ(c.Assign(late).story, volcano.story);
  // Round trip keeps the records and the assignments.
  StatusOr<StoryClusterer> d = StoryClusterer::Deserialize(c.Serialize(), o);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->merges().size(), 1u);
  EXPECT_EQ(d->merges()[0].from, m.from);
  EXPECT_EQ(d->Surviving(flights.story), volcano.story);
  EXPECT_EQ(d->Serialize(), c.Serialize());
  // Off: the same stream merges nothing.
  o.merge_threshold = 0;
  StoryClusterer off(o);
  for (const auto& a : Stream()) (void)off.Assign(a);
  (void)off.Assign(Make(20, t, "Ketara volcano erupts on Suli island"));
  (void)off.Assign(Make(21, t + 60, "Flights grounded at Port Amsel airport"));
  bridge.linked_stories = {flights.story};
  EXPECT_TRUE(off.Assign(bridge).merged_from.empty());
  EXPECT_TRUE(off.merges().empty());
}

TEST(StoryClusterer, Deterministic) {
  StoryClusterer a, b;
  for (const auto& x : Stream()) {
    Assignment p = a.Assign(x), q = b.Assign(x);
    EXPECT_EQ(p.story, q.story);
    EXPECT_EQ(p.score, q.score);
  }
  EXPECT_EQ(a.Serialize(), b.Serialize());
}

TEST(StoryClusterer, CentroidsStayBounded) {
  Options o;
  o.centroid_terms = 5;
  StoryClusterer c(o);
  std::vector<std::string> words = {"alpha", "bravo", "charlie", "delta",  "echo", "foxtrot",
                                    "golf",  "hotel", "india",   "juliet", "kilo", "lima"};
  for (int i = 0; i < 12; ++i) {
    ArticleFeatures a =
        Make(i + 1, kT0 + i, "Zanzibar ferry " + words[i] + " " + words[(i + 1) % 12]);
    a.linked_stories = {i == 0 ? 0 : 1};
    (void)c.Assign(a);
  }
  EXPECT_EQ(c.story_count(), 1u);
  EXPECT_EQ(c.KeyTerms(1, 100).size(), 5u);
}

TEST(StoryClusterer, VocabularyStaysBoundedAndStateStaysUsable) {
  Options o;
  o.max_terms = 60;
  StoryClusterer c(o);
  // Many one-off articles, a day apart, long before the stream: singletons that expire.
  for (int i = 0; i < 40; ++i) {
    std::string n = std::to_string(i);
    (void)c.Assign(Make(1000 + i, kT0 - (100 - i) * kDay,
                        "word" + n + "x unusual" + n + "y rarity" + n + "z"));
    EXPECT_LE(c.term_count(), o.max_terms + 10);  // at most one article over the bound
  }
  for (const auto& a : Stream()) (void)c.Assign(a);
  EXPECT_LE(c.term_count(), o.max_terms + 10);
  Assignment x = c.Assign(Make(2000, kT0 + kDay, "Oaxaca earthquake rescuers search buildings"));
  EXPECT_FALSE(x.is_new);
  EXPECT_NE(c.Title(x.story).find("Oaxaca"), std::string::npos);
  // Round trip after pruning gives the same state and the same next assignments.
  StatusOr<StoryClusterer> d = StoryClusterer::Deserialize(c.Serialize(), o);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->Serialize(), c.Serialize());
  for (int i = 0; i < 20; ++i) {
    ArticleFeatures a =
        Make(3000 + i, kT0 + 2 * kDay + i, "Late filler " + std::to_string(i) + "q");
    EXPECT_EQ(c.Assign(a).story, d->Assign(a).story);
  }
  EXPECT_EQ(d->Serialize(), c.Serialize());
}

}  // namespace
}  // namespace headwater::stories
