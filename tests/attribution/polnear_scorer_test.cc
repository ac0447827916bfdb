// Unit tests of the PolNeAR reader and scorer on tiny brat files written for these tests
// (tests/fixtures/attribution/mini): exact counts for every field, trimming, one-to-one
// matching, discontinuous and sourceless gold, annotator choice, BOM code-point offsets.
#include <gtest/gtest.h>

#include "attribution/polnear.h"

namespace headwater::attribution::polnear {
namespace {

const std::string kMini = std::string(HEADWATER_TEST_FIXTURES) + "/attribution/mini";

TEST(PolnearReader, LoadsFirstAnnotatorWithBomText) {
  auto docs = LoadSplit(kMini);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 1u);
  const Document& d = (*docs)[0];
  EXPECT_EQ(d.name, "a");
  EXPECT_EQ(d.text.compare(0, 3, "\xEF\xBB\xBF"), 0);
  ASSERT_EQ(d.gold.size(), 3u);  // a_ann1.ann, not a_zz9.ann (one attribution)
  EXPECT_EQ(d.gold[0].source, (std::vector<Span>{{1, 6}}));
  EXPECT_EQ(d.gold[0].cue, (std::vector<Span>{{7, 11}}));
  EXPECT_TRUE(d.gold[2].source.empty());
  EXPECT_EQ(d.gold[2].content, (std::vector<Span>{{72, 82}, {83, 87}}));
}

TEST(PolnearReader, RejectsBadOffsets) {
  EXPECT_FALSE(ParseBrat("T1\tCue 5 x\tsaid\n").ok());
  EXPECT_FALSE(ParseBrat("T1\tCue 9 5\tsaid\n").ok());
  auto ok = ParseBrat("T1\tCue 0 4\tsaid\nE1\tAttribution:T9 Cue:T1\n#1\tAnnotatorNotes T1\tx\n");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].cue, (std::vector<Span>{{0, 4}}));
}

TEST(PolnearScorer, ExactCountsOnHandMadeText) {
  auto docs = LoadSplit(kMini);
  ASSERT_TRUE(docs.ok());
  const Document& d = (*docs)[0];
  std::vector<SpanAttribution> pred = {
      {{{6, 12}}, {{1, 6}}, {{12, 27}}},   // " said " trims to the gold cue: all exact
      {{{49, 54}}, {{43, 48}}, {{30, 40}}},  // content without the quotes = trimmed gold
      {{{63, 71}}, {}, {{77, 87}}},        // cue and content only overlap; sourceless
      {{{16, 20}}, {{1, 6}}, {{21, 27}}},  // spurious; its source and content lose to #1
  };
  Scores s = ScoreText(d.text, d.gold, pred);
  EXPECT_EQ(s.cue_exact.tp, 2);
  EXPECT_EQ(s.cue_exact.gold, 3);
  EXPECT_EQ(s.cue_exact.predicted, 4);
  EXPECT_EQ(s.cue_overlap.tp, 3);
  EXPECT_EQ(s.source_exact.tp, 2);
  EXPECT_EQ(s.source_exact.gold, 2);
  EXPECT_EQ(s.source_exact.predicted, 3);
  EXPECT_EQ(s.source_overlap.tp, 2);
  EXPECT_EQ(s.content_exact.tp, 2);
  EXPECT_EQ(s.content_overlap.tp, 3);
  EXPECT_EQ(s.content_overlap.gold, 3);
  EXPECT_EQ(s.attribution.tp, 3);
  EXPECT_EQ(s.attribution.gold, 3);
  EXPECT_EQ(s.attribution.predicted, 4);
  EXPECT_DOUBLE_EQ(s.cue_exact.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(s.cue_exact.Recall(), 2.0 / 3.0);
  EXPECT_NEAR(s.cue_exact.F1(), 4.0 / 7.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.attribution.F1(), 2 * 0.75 * 1.0 / 1.75);

  // A source on a sourceless gold attribution breaks the attribution match.
  std::vector<SpanAttribution> with_source = {{{{63, 71}}, {{1, 6}}, {{77, 87}}}};
  EXPECT_EQ(ScoreText(d.text, d.gold, with_source).attribution.tp, 0);
  // One predicted item matches at most one gold item.
  std::vector<SpanAttribution> wide = {{{{0, 90}}, {{0, 90}}, {{0, 90}}}};
  Scores w = ScoreText(d.text, d.gold, wide);
  EXPECT_EQ(w.cue_overlap.tp, 1);
  EXPECT_EQ(w.attribution.tp, 1);
}

TEST(PolnearScorer, ByteToCodePointAndBratRoundTrip) {
  auto docs = LoadSplit(kMini);
  ASSERT_TRUE(docs.ok());
  const std::string& text = (*docs)[0].text;
  Attribution a;
  size_t said = text.find("said");
  a.cue = {{uint32_t(said), uint32_t(said + 4)}};
  a.source = {{3, 8}};  // "Smith" after the 3-byte BOM
  size_t over = text.find("It is over");
  a.content = {{uint32_t(over), uint32_t(over + 10)}};  // after a 3-byte curly quote
  std::vector<SpanAttribution> cps = ToCodePoints(text, {a});
  ASSERT_EQ(cps.size(), 1u);
  EXPECT_EQ(cps[0].cue, (std::vector<Span>{{7, 11}}));
  EXPECT_EQ(cps[0].source, (std::vector<Span>{{1, 6}}));
  EXPECT_EQ(cps[0].content, (std::vector<Span>{{30, 40}}));
  auto back = ParseBrat(ToBrat(text, cps));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].cue, cps[0].cue);
  EXPECT_EQ((*back)[0].source, cps[0].source);
  EXPECT_EQ((*back)[0].content, cps[0].content);
}

}  // namespace
}  // namespace headwater::attribution::polnear
