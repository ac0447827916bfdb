// Media credits in running text (attribution/media_credits.h): "told Newsmax", "uncovered by Fox
// News", "in an interview with CNN" credit the outlet; other mentions of it do not.
#include "attribution/media_credits.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "attribution/extractor.h"

namespace headwater::attribution {
namespace {

class MediaCreditsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto add = [&](OutletId id, const char* name) {
      Outlet o;
      o.id = id;
      o.name = name;
      o.kind = OutletKind::kNews;
      registry_.Add(o);
    };
    add(1, "Fox News");
    add(2, "Newsmax");
    add(3, "CNN");
    ctx_.outlets = &registry_;
    ctx_.own_outlet = 3;
  }
  // The attributions of `text` resolved to outlet `id`.
  std::vector<Attribution> To(const std::string& text, OutletId id, Options o = {}) const {
    std::vector<Attribution> all = Extractor(o).Extract(text, ctx_), out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [&](const Attribution& a) { return a.outlet_id == id; });
    return out;
  }
  normalize::OutletRegistry registry_;
  Context ctx_;
};

TEST_F(MediaCreditsTest, CreditsTheOutletAStatementWasMadeToOrFoundBy) {
  std::string uncovered =
      "In a 2013 video uncovered by Fox News, a veteran diplomat said the rules were ignored.";
  auto v = To(uncovered, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].cue_text, "uncovered by");
  EXPECT_EQ(v[0].source_text, "Fox News");
  EXPECT_EQ(v[0].source_kind, SourceKind::kOutlet);
  EXPECT_EQ(v[0].content_text, "In a 2013 video");
  EXPECT_FALSE(v[0].self_citation);

  auto told = To("The former speaker told Newsmax that he would accept the offer.", 2);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].cue_text, "told");
  EXPECT_EQ(told[0].content_text, "The former speaker");

  auto interview = To("He made the remarks in an interview with CNN on Sunday.", 3);
  ASSERT_EQ(interview.size(), 1u);
  EXPECT_EQ(interview[0].cue_text, "interview with");
  EXPECT_TRUE(interview[0].self_citation);  // CNN is the article's own outlet here
}

TEST_F(MediaCreditsTest, OtherMentionsAndNoRegistryAddNothing) {
  EXPECT_TRUE(To("Fox News hosted the debate in Detroit on Thursday night.", 1).empty());
  EXPECT_TRUE(To("The debate, which aired on Fox News, drew 24 million viewers.", 1).empty());
  std::string told = "The former speaker told Newsmax that he would accept the offer.";
  Options off;
  off.media_credits = false;
  EXPECT_TRUE(To(told, 2, off).empty());
  Context no_registry;
  for (const Attribution& a : Extractor().Extract(told, no_registry))
    EXPECT_NE(a.cue_text, "told Newsmax");
  // An attribution that already resolves to the outlet is not doubled.
  auto v = To("According to Fox News, the video was recorded in 2013.", 1);
  EXPECT_EQ(v.size(), 1u);
}

}  // namespace
}  // namespace headwater::attribution
