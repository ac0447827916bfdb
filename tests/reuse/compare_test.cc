#include "reuse/compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "reuse_test_util.h"

namespace headwater::reuse {
namespace {

using testing::Words;

TEST(CompareTest, HighHalvesOfTheOtherSetGiveTheSameComparison) {
  // What the detector's cache keeps: the high 32 bits of the other text's shingle hashes.
  Options o;
  const std::string b = Words("x", 150) + " " + Words("w", 80) + " " + Words("y", 40);
  const std::string a = Words("z", 70) + " " + Words("w", 80, 10) + " " + Words("x", 30);
  const internal::PreparedText pa = internal::Prepare(a, o), pb = internal::Prepare(b, o);
  std::vector<uint32_t> high;
  for (uint64_t h : pb.sorted) high.push_back(static_cast<uint32_t>(h >> 32));
  for (bool quick : {false, true}) {
    const Comparison full = internal::CompareSorted(pa, a, pb.sorted, o, quick);
    const Comparison half = internal::CompareSorted(pa, a, high, o, quick);
    EXPECT_GT(full.a_in_b, 0.5);
    EXPECT_DOUBLE_EQ(half.a_in_b, full.a_in_b);
    EXPECT_DOUBLE_EQ(half.b_in_a, full.b_in_a);
    EXPECT_EQ(half.longest_words, full.longest_words);
    EXPECT_EQ(half.passages, full.passages);
    EXPECT_EQ(half.longest_text, full.longest_text);
  }
  const internal::PreparedText pz = internal::Prepare(Words("q", 100), o);
  EXPECT_EQ(internal::CompareSorted(pz, Words("q", 100), high, o).a_in_b, 0.0);
}

TEST(CompareTest, ContainedTextExactValues) {
  Options o;
  const std::string a = Words("w", 10);                     // 6 shingles
  const std::string b = Words("x", 10) + " " + a + " end";  // 21 words, 17 shingles
  Comparison c = Compare(a, b, o);
  EXPECT_DOUBLE_EQ(c.a_in_b, 1.0);
  EXPECT_DOUBLE_EQ(c.b_in_a, 6.0 / 17.0);
  EXPECT_EQ(c.longest_words, 10u);
  EXPECT_EQ(c.longest_chars, a.size());
  EXPECT_EQ(c.longest_text, a);
  Comparison r = Compare(b, a, o);
  EXPECT_DOUBLE_EQ(r.a_in_b, 6.0 / 17.0);
  EXPECT_DOUBLE_EQ(r.b_in_a, 1.0);
  EXPECT_EQ(r.longest_text, a);  // taken from b's text this time, same words
}

TEST(CompareTest, LongestPassageIsTheLongestRunAndComesFromA) {
  Options o;
  // A: 8 shared words, 6 own words, 12 shared words (differently cased), 3 own words.
  const std::string a = Words("s", 8) + ". " + Words("a", 6) + ", " + "S8 S9 S10 S11 S12 " +
                        Words("s", 7, 13) + "! " + Words("a", 3, 6);
  const std::string b = Words("s", 30);
  Comparison c = Compare(a, b, o);
  EXPECT_EQ(c.longest_words, 12u);
  EXPECT_EQ(c.longest_text, "S8 S9 S10 S11 S12 " + Words("s", 7, 13));
  EXPECT_EQ(c.longest_chars, c.longest_text.size());
  // A's distinct shingles: 29 words -> 25; shared: 4 (first run) + 8 (second run) = 12.
  EXPECT_DOUBLE_EQ(c.a_in_b, 12.0 / 25.0);
  EXPECT_DOUBLE_EQ(c.b_in_a, 12.0 / 26.0);
}

TEST(CompareTest, NothingSharedAndShortTexts) {
  Options o;
  Comparison c = Compare(Words("a", 50), Words("b", 50), o);
  EXPECT_EQ(c.a_in_b, 0);
  EXPECT_EQ(c.b_in_a, 0);
  EXPECT_EQ(c.longest_chars, 0u);
  EXPECT_TRUE(c.longest_text.empty());
  Comparison s = Compare("one two three", "one two three four five", o);
  EXPECT_EQ(s.a_in_b, 0);
  EXPECT_EQ(s.b_in_a, 0);
  EXPECT_EQ(Compare("", "", o).longest_chars, 0u);
}

TEST(CompareTest, PassageTextIsCutOnACodePointBoundary) {
  Options o;
  o.max_passage_text_bytes = 10;
  const std::string a = "ééééé ñññ " + Words("w", 10);
  Comparison c = Compare(a, a, o);
  EXPECT_EQ(c.longest_chars, a.size());
  EXPECT_EQ(c.longest_text, "ééééé");  // 10 bytes exactly: 5 two-byte letters
  o.max_passage_text_bytes = 9;
  EXPECT_EQ(Compare(a, a, o).longest_text, "éééé");
}

// A comparison with `passages` shared passages (by default enough for `partial`).
Comparison Cmp(double a_in_b, double b_in_a, uint32_t words,
               uint32_t passages = static_cast<uint32_t>(Options().partial_min_passages)) {
  Comparison c;
  c.a_in_b = a_in_b;
  c.b_in_a = b_in_a;
  c.longest_words = words;
  c.passages = passages;
  return c;
}

TEST(ClassifyTest, Boundaries) {
  Options o;
  const uint32_t w = static_cast<uint32_t>(o.min_passage_words);
  EXPECT_EQ(Classify(Cmp(o.whole_min, 0.1, w), o), ReuseClass::kWhole);
  EXPECT_EQ(Classify(Cmp(0.1, o.whole_min, w), o), ReuseClass::kWhole);
  EXPECT_EQ(Classify(Cmp(o.whole_min - 1e-9, 0.1, w), o), ReuseClass::kPartial);
  EXPECT_EQ(Classify(Cmp(o.partial_min, 0, w), o), ReuseClass::kPartial);
  EXPECT_EQ(Classify(Cmp(o.partial_min - 1e-9, 0, 500), o), ReuseClass::kNone);
  EXPECT_EQ(Classify(Cmp(1.0, 1.0, w - 1), o), ReuseClass::kNone);  // only stock phrases
  EXPECT_EQ(Classify(Cmp(0.5, 0.5, w - 1), o), ReuseClass::kNone);
  EXPECT_EQ(Classify(Cmp(0, 0, 0), o), ReuseClass::kNone);
  EXPECT_EQ(Classify(Cmp(1.0, 1.0, 1000), o), ReuseClass::kWhole);
}

TEST(ClassifyTest, PartialNeedsMoreThanOneQuotedBlock) {
  Options o;
  const uint32_t w = static_cast<uint32_t>(o.min_passage_words);
  const uint32_t k = static_cast<uint32_t>(o.partial_min_passages);
  const uint32_t longw = static_cast<uint32_t>(o.long_passage_words);
  // One tweet or editor's note of 40 words: none, even at containment 0.3.
  EXPECT_EQ(Classify(Cmp(0.3, 0.1, 40, 1), o), ReuseClass::kNone);
  EXPECT_EQ(Classify(Cmp(0.3, 0.1, w, k - 1), o), ReuseClass::kNone);
  EXPECT_EQ(Classify(Cmp(0.3, 0.1, w, k), o), ReuseClass::kPartial);
  EXPECT_EQ(Classify(Cmp(0.3, 0.1, longw, 1), o), ReuseClass::kPartial);
  EXPECT_EQ(Classify(Cmp(0.3, 0.1, longw - 1, 1), o), ReuseClass::kNone);
  // Whole does not need several passages: a short page made of one caption.
  EXPECT_EQ(Classify(Cmp(1.0, 0.1, w, 1), o), ReuseClass::kWhole);
}

TEST(CompareTest, CountsSharedPassages) {
  Options o;
  // b holds four 12-word runs of a, separated by words of its own; a run of passage_min_words
  // words counts too, one a word shorter does not.
  const int p = static_cast<int>(o.passage_min_words);
  std::string a = Words("a", 200);
  std::string b;
  for (int start : {0, 30, 60, 90}) b += Words("a", 12, start) + " " + Words("x", 10, start) + " ";
  b += Words("a", p, 150) + " " + Words("y", 10) + " " + Words("a", p - 1, 180);
  Comparison c = Compare(a, b, o);
  EXPECT_EQ(c.passages, 5u);
  EXPECT_EQ(c.longest_words, 12u);
  // One shared 40-word block in two 300-word texts (containment 0.12): none.
  std::string quote = Words("q", 40);
  Comparison one = Compare(Words("m", 260) + " " + quote, quote + " " + Words("n", 260), o);
  EXPECT_EQ(one.passages, 1u);
  EXPECT_GE(std::max(one.a_in_b, one.b_in_a), o.partial_min);
  EXPECT_EQ(Classify(one, o), ReuseClass::kNone);
}

Article Art(ArticleId id, std::optional<UnixSeconds> published) {
  Article a;
  a.id = id;
  a.published = published;
  return a;
}

TEST(OrientTest, EarlierArticleIsTheSource) {
  Comparison c = Cmp(0.3, 0.9, 40);
  c.longest_chars = 200;
  c.longest_text = "passage";
  ReuseEdge e = Orient(Art(1, 2000), Art(2, 1000), c, ReuseClass::kWhole);
  EXPECT_EQ(e.source_id, 2);
  EXPECT_EQ(e.copy_id, 1);
  EXPECT_DOUBLE_EQ(e.copy_in_source, 0.3);  // a's shingles found in b
  EXPECT_DOUBLE_EQ(e.source_in_copy, 0.9);
  EXPECT_EQ(e.cls, ReuseClass::kWhole);
  EXPECT_EQ(e.longest_chars, 200u);
  EXPECT_EQ(e.longest_text, "passage");
  ReuseEdge f = Orient(Art(1, 1000), Art(2, 2000), c, ReuseClass::kPartial);
  EXPECT_EQ(f.source_id, 1);
  EXPECT_EQ(f.copy_id, 2);
  EXPECT_DOUBLE_EQ(f.copy_in_source, 0.9);
  EXPECT_DOUBLE_EQ(f.source_in_copy, 0.3);
  EXPECT_EQ(f.cls, ReuseClass::kPartial);
}

TEST(OrientTest, WithoutTimesTheTextMoreMadeOfTheOtherIsTheCopy) {
  // A trimmed copy: all of A is in B, B has more.
  Comparison c = Cmp(1.0, 0.6, 100);
  for (auto times : {std::pair<std::optional<UnixSeconds>, std::optional<UnixSeconds>>{
                         std::nullopt, std::nullopt},
                     {500, 500},
                     {std::nullopt, 500},
                     {500, std::nullopt}}) {
    ReuseEdge e = Orient(Art(1, times.first), Art(2, times.second), c, ReuseClass::kWhole);
    EXPECT_EQ(e.source_id, 2);
    EXPECT_EQ(e.copy_id, 1);
    EXPECT_DOUBLE_EQ(e.copy_in_source, 1.0);
    EXPECT_DOUBLE_EQ(e.source_in_copy, 0.6);
  }
  ReuseEdge r =
      Orient(Art(1, std::nullopt), Art(2, std::nullopt), Cmp(0.6, 1.0, 100), ReuseClass::kWhole);
  EXPECT_EQ(r.source_id, 1);
  EXPECT_EQ(r.copy_id, 2);
  // Identical texts, no times: the lower id is the source.
  ReuseEdge t =
      Orient(Art(9, std::nullopt), Art(4, std::nullopt), Cmp(1, 1, 100), ReuseClass::kWhole);
  EXPECT_EQ(t.source_id, 4);
  EXPECT_EQ(t.copy_id, 9);
}

}  // namespace
}  // namespace headwater::reuse
