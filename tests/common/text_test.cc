#include "common/text.h"

#include <gtest/gtest.h>

namespace headwater {
namespace {

TEST(Fold, LowercasesAndRemovesAccents) {
  EXPECT_EQ(Fold("Ciudad JUÁREZ"), "ciudad juarez");
  EXPECT_EQ(Fold("São Paulo"), "sao paulo");
  EXPECT_EQ(Fold("Señor Núñez"), "senor nunez");
  EXPECT_EQ(Fold("JW’s report"), "jw's report");
  EXPECT_EQ(Fold("Straße"), "strasse");
}

TEST(Fold, DecomposedInputFoldsLikeComposed) {
  // "Juárez" with a combining acute accent (NFD) folds the same as the precomposed form.
  EXPECT_EQ(Fold("Jua\xCC\x81rez"), Fold("Juárez"));
}

TEST(NormalizeNfc, ComposesCombiningMarks) {
  EXPECT_EQ(NormalizeNfc("Jua\xCC\x81rez"), "Juárez");
  EXPECT_EQ(NormalizeNfc("plain"), "plain");
}

TEST(Utf8, ValidityAndSanitizing) {
  size_t bad = 99;
  EXPECT_TRUE(IsValidUtf8("Juárez €"));
  EXPECT_FALSE(IsValidUtf8("ab\xC3", &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));       // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));   // surrogate
  EXPECT_EQ(SanitizeUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(CodePointIndex, MapsBytesToCodePoints) {
  std::string text = "\xEF\xBB\xBFJuárez said";  // BOM, then a 2-byte 'á'
  CodePointIndex idx(text);
  EXPECT_EQ(idx.size_code_points(), 12u);  // BOM + 6 + space + 4
  EXPECT_EQ(idx.ToCodePoint(0), 0u);
  EXPECT_EQ(idx.ToCodePoint(3), 1u);            // 'J' after the 3-byte BOM
  size_t said = text.find("said");
  EXPECT_EQ(idx.ToCodePoint(said), 8u);
  EXPECT_EQ(idx.ToByte(8), said);
  EXPECT_EQ(idx.ToCodePoint(text.size()), 12u);
  EXPECT_EQ(CodePointLength(text), 12u);
}

TEST(Tokenize, KeepsPossessivesAndOffsets) {
  std::string s = "According to JW’s source, 8 miles.";
  auto t = Tokenize(s);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[2].folded, "jw's");
  EXPECT_EQ(s.substr(t[2].begin, t[2].end - t[2].begin), "JW’s");
  EXPECT_EQ(t[4].folded, "8");
  EXPECT_EQ(t[5].folded, "miles");
}

TEST(TrimAndCollapse, Work) {
  EXPECT_EQ(TrimSpace("  \xC2\xA0hi there\n "), "hi there");
  EXPECT_EQ(CollapseSpace("a  b\n\n c", true), "a b\nc");
  EXPECT_EQ(CollapseSpace("a  b\n\n c", false), "a b c");
}

}  // namespace
}  // namespace headwater
