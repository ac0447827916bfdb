#include "reuse/shingle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "common/text.h"
#include "reuse_test_util.h"

namespace headwater::reuse {
namespace {

using testing::Words;

TEST(ShinglesTest, CountsWordNgramsSortedUnique) {
  Options o;
  auto s = Shingles(Words("w", 10), o);
  EXPECT_EQ(s.size(), 6u);  // 10 - 5 + 1
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
  EXPECT_EQ(std::adjacent_find(s.begin(), s.end()), s.end());
}

TEST(ShinglesTest, ShortTextHasNone) {
  Options o;
  EXPECT_TRUE(Shingles("", o).empty());
  EXPECT_TRUE(Shingles("one two three four", o).empty());
  EXPECT_EQ(Shingles("one two three four five", o).size(), 1u);
  EXPECT_TRUE(Shingles("  ...  ,,, — !!", o).empty());
}

TEST(ShinglesTest, IgnoresCaseAccentsAndPunctuation) {
  Options o;
  auto a = Shingles("Ciudad Juárez, Mexico (AP) — officials DENIED it.", o);
  auto b = Shingles("ciudad juarez mexico ap officials denied it", o);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  // Typographic and ASCII apostrophes fold alike, and keep the word whole.
  EXPECT_EQ(Shingles("the JW’s report was wrong today", o),
            Shingles("the jw's report was wrong today", o));
  EXPECT_NE(Shingles("the JW's report was wrong today", o),
            Shingles("the jw s report was wrong today", o));
}

TEST(ShinglesTest, RepeatedTextGivesOneShingle) {
  Options o;
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "spam ";
  EXPECT_EQ(Shingles(s, o).size(), 1u);
}

TEST(ShinglesTest, MaxWordsBoundsWork) {
  Options o;
  o.max_words = 20;
  EXPECT_EQ(Shingles(Words("w", 1000), o).size(), 16u);
}

TEST(ShinglesTest, ShingleWordsOption) {
  Options o;
  o.shingle_words = 3;
  EXPECT_EQ(Shingles(Words("w", 10), o).size(), 8u);
}

Options WithMinHash() {
  Options o;
  o.num_hashes = 128;
  return o;
}

TEST(SketchTest, MinHashIgnoresOrderAndRepeats) {
  Options o = WithMinHash();
  auto seq = ShingleSequence(Words("w", 300), o);
  Signature a = Sketch(seq, o);
  ASSERT_EQ(a.mins.size(), 128u);
  std::vector<uint64_t> shuffled = seq;
  std::mt19937 rng(7);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  shuffled.insert(shuffled.end(), seq.begin(), seq.begin() + 50);
  EXPECT_EQ(Sketch(shuffled, o).mins, a.mins);
  EXPECT_EQ(Sketch(seq, o), a);
  EXPECT_TRUE(Sketch(seq, Options()).mins.empty());  // off by default
}

TEST(SketchTest, EmptySequenceGivesEmptySignature) {
  Options o;
  EXPECT_TRUE(Sketch({}, o).empty());
  EXPECT_TRUE(Sketch({}, WithMinHash()).empty());
  EXPECT_FALSE(Sketch(ShingleSequence("one two three four five", o), o).empty());
}

TEST(SketchTest, EstimatesJaccard) {
  Options o = WithMinHash();
  // Same set: 1. Disjoint sets: ~0. Half overlap (J = 1/3): near 1/3.
  auto a = ShingleSequence(Words("w", 1004), o);       // 1000 shingles
  auto b = ShingleSequence(Words("w", 1004, 500), o);  // shares 500 of them
  auto c = ShingleSequence(Words("z", 1004), o);
  Signature sa = Sketch(a, o), sb = Sketch(b, o), sc = Sketch(c, o);
  EXPECT_DOUBLE_EQ(EstimatedJaccard(sa, sa), 1.0);
  EXPECT_LT(EstimatedJaccard(sa, sc), 0.05);
  double j = EstimatedJaccard(sa, sb);
  EXPECT_GT(j, 0.2);
  EXPECT_LT(j, 0.47);
  EXPECT_EQ(EstimatedJaccard(sa, Signature{}), 0.0);
}

TEST(SketchTest, SmallSetsAreDensified) {
  Options o = WithMinHash();
  auto s = ShingleSequence(Words("w", 7), o);  // 3 shingles for 128 bins
  Signature sig = Sketch(s, o);
  ASSERT_EQ(sig.mins.size(), 128u);
  // Every bin holds one of the 3 values (the high halves of the shingle hashes).
  for (uint32_t v : sig.mins) {
    bool found = false;
    for (uint64_t h : s) found = found || v == static_cast<uint32_t>(h >> 32);
    EXPECT_TRUE(found);
  }
}

TEST(SketchTest, AnchorsAreTheWindowMinima) {
  Options o;
  auto seq = ShingleSequence(Words("w", 2000), o);
  Signature sig = Sketch(seq, o);
  // Brute force: the minimum of every window, deduplicated, ascending, the lowest kept.
  const size_t w = static_cast<size_t>(o.winnow_window);
  std::vector<uint64_t> minima;
  for (size_t i = 0; i + w <= seq.size(); ++i) {
    minima.push_back(*std::min_element(seq.begin() + i, seq.begin() + i + w));
  }
  std::sort(minima.begin(), minima.end());
  minima.erase(std::unique(minima.begin(), minima.end()), minima.end());
  ASSERT_GT(minima.size(), 40u);  // density ~2 / (w + 1)
  ASSERT_LT(minima.size(), 150u);
  if (minima.size() > o.max_anchors) minima.resize(o.max_anchors);
  EXPECT_EQ(sig.anchors, minima);
  // A text shorter than a window has one anchor: its lowest shingle.
  auto short_seq = ShingleSequence(Words("v", 20), o);
  EXPECT_EQ(Sketch(short_seq, o).anchors,
            std::vector<uint64_t>{*std::min_element(short_seq.begin(), short_seq.end())});
  // The cap keeps the lowest.
  Options capped = o;
  capped.max_anchors = 5;
  EXPECT_EQ(Sketch(seq, capped).anchors, std::vector<uint64_t>(minima.begin(), minima.begin() + 5));
}

TEST(SignatureCodecTest, RoundTrip) {
  Options o;
  Signature sig = Sketch(ShingleSequence(Words("w", 800), o), o);
  ASSERT_FALSE(sig.anchors.empty());
  std::string bytes = EncodeSignature(sig);
  EXPECT_EQ(bytes.size(), 1 + 1 + 1 + 8 * sig.anchors.size());  // no MinHash slots
  Options m = WithMinHash();
  Signature with_mins = Sketch(ShingleSequence(Words("w", 800), m), m);
  EXPECT_EQ(EncodeSignature(with_mins).size(), 1 + 2 + 4 * 128 + 1 + 8 * with_mins.anchors.size());
  EXPECT_EQ(*DecodeSignature(EncodeSignature(with_mins)), with_mins);
  auto back = DecodeSignature(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, sig);
  auto empty = DecodeSignature(EncodeSignature(Signature{}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(SignatureCodecTest, RejectsCorruptBytes) {
  Options o;
  Options m = WithMinHash();
  std::string bytes = EncodeSignature(Sketch(ShingleSequence(Words("w", 100), m), m));
  EXPECT_FALSE(DecodeSignature("").ok());
  std::string wrong_version = bytes;
  wrong_version[0] = 9;
  EXPECT_EQ(DecodeSignature(wrong_version).status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(DecodeSignature(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(DecodeSignature(bytes + "x").ok());
  EXPECT_FALSE(DecodeSignature(std::string("\x01\xff\xff\xff\xff\xff\xff", 7)).ok());
  EXPECT_FALSE(DecodeSignature(bytes.substr(0, 100)).ok());
}

}  // namespace
}  // namespace headwater::reuse

namespace headwater::reuse {
namespace {

TEST(HashWordsTest, SameWordsAndOffsetsAsTokenize) {
  const std::string texts[] = {
      "Ciudad JUÁREZ, Mexico (AP) — “It’s fake,” said JW's rep.\nO'Brien d'Alembert 'quoted' "
      "rock'n'roll 3.5% U.S.-Russia ×÷ naïve Ærø Москва 東京 مرحبا e\xcc\x81t\xc3\xa9",
      "trailing apostrophe' and ’leading and end’",
      std::string("bad \xff\xfe utf8 \xc3 here"),
      "",
      "   ...  ",
  };
  for (const std::string& text : texts) {
    internal::WordHashes words;
    internal::HashWords(text, 1000, /*with_offsets=*/true, &words);
    std::vector<Token> tokens = Tokenize(text);
    ASSERT_EQ(words.hash.size(), tokens.size()) << text;
    for (size_t i = 0; i < tokens.size(); ++i) {
      EXPECT_EQ(words.begin[i], tokens[i].begin) << text;
      EXPECT_EQ(words.end[i], tokens[i].end) << text;
      // The hash is of the folded word: equal words hash alike.
      internal::WordHashes folded;
      internal::HashWords(tokens[i].folded, 10, false, &folded);
      ASSERT_EQ(folded.hash.size(), 1u) << tokens[i].folded;
      EXPECT_EQ(words.hash[i], folded.hash[0]) << tokens[i].folded;
    }
  }
}

TEST(SortUniqueTest, MatchesStdSort) {
  std::mt19937_64 rng(11);
  for (size_t n : {0, 1, 5, 127, 128, 129, 1000, 100000}) {
    std::vector<uint64_t> v(n);
    for (auto& x : v) x = rng();
    for (size_t i = 0; i < n / 3; ++i) v.push_back(v[i]);  // duplicates
    std::vector<uint64_t> expected = v;
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    internal::SortUnique(&v);
    EXPECT_EQ(v, expected) << n;
  }
  // Skewed values (all in one top-bits bucket) still sort.
  std::vector<uint64_t> low;
  for (uint64_t i = 0; i < 5000; ++i) low.push_back((i * 7919) % 5003);
  std::vector<uint64_t> expected = low;
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  internal::SortUnique(&low);
  EXPECT_EQ(low, expected);
}

}  // namespace
}  // namespace headwater::reuse
