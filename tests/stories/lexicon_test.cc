#include "stories/lexicon.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "stories/clusterer.h"
#include "stories/terms.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

// The FreeDict dictionaries installed by scripts/deps.sh. Missing: FAILS under CI=true,
// SKIPS otherwise (as HW_REQUIRE_SHARED_DATA).
#define HW_REQUIRE_DICTD()                                                                    \
  do {                                                                                        \
    if (!std::filesystem::exists("/usr/share/dictd/freedict-spa-eng.index") ||                \
        !std::filesystem::exists("/usr/share/dictd/freedict-por-eng.index")) {                \
      if (::headwater::testing::CiMode()) {                                                   \
        FAIL() << "dict-freedict-spa-eng / dict-freedict-por-eng missing (CI=true requires)"; \
      } else {                                                                                \
        GTEST_SKIP() << "FreeDict dictionaries missing; run scripts/deps.sh";                 \
      }                                                                                       \
    }                                                                                         \
  } while (0)

// dictd's base64 number.
std::string DictdNumber(uint64_t v) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  do {
    s.insert(s.begin(), kAlphabet[v % 64]);
    v /= 64;
  } while (v > 0);
  return s;
}

// Writes a dictd pair (index + gzip dict) with the given entries (headword, body).
void WriteDictd(const std::string& base,
                const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string dict, index;
  for (const auto& [head, body] : entries) {
    index += head + "\t" + DictdNumber(dict.size()) + "\t" + DictdNumber(body.size()) + "\n";
    dict += body;
  }
  gzFile f = gzopen((base + ".dict.dz").c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, dict.data(), static_cast<unsigned>(dict.size()));
  gzclose(f);
  std::ofstream(base + ".index") << index;
}

const std::vector<std::string> kNone;
const std::vector<std::string>& Tr(const Lexicon& lex, std::string_view lang, std::string_view w) {
  const auto* t = lex.Translate(lang, w);
  return t == nullptr ? kNone : *t;
}

TEST(Lexicon, ReadsDictdFilesWithSensesAndPhrases) {
  std::string dir = testing::TempDir();
  WriteDictd(dir + "/freedict-spa-eng",
             {{"00databaseinfo", "some header text\n"},
              {"bosque", "bosque /bˈoske/\nforest, woods\n"},
              {"banco", "banco /bˈanko/\n1. bank\n2. bench\n"},
              {"montaña", "montaña /montˈaɲa/\nmountain, mountain range, hill\n"},
              {"de nuevo", "de nuevo /x/\nagain\n"},
              {"vía", "vía /x/\nthe road ahead, path, way, route, track\n"}});
  Lexicon lex = Lexicon::Load({.dir = dir, .max_translations = 3});
  EXPECT_EQ(lex.size("es"), 4u) << lex.note();  // header and the two-word headword dropped
  EXPECT_EQ(Tr(lex, "es", "bosque"), (std::vector<std::string>{"forest", "woods"}));
  EXPECT_EQ(Tr(lex, "es", "banco"), (std::vector<std::string>{"bank", "bench"}));
  // Folded headword; a phrase gives its words, each once.
  EXPECT_EQ(Tr(lex, "es", "montana"), (std::vector<std::string>{"mountain", "range", "hill"}));
  // At most max_translations words; function words dropped.
  EXPECT_EQ(Tr(lex, "es", "via"), (std::vector<std::string>{"road", "ahead", "path"}));
  // Portuguese is missing: empty, and the note says what to install.
  EXPECT_EQ(lex.size("pt"), 0u);
  EXPECT_NE(lex.note().find("dict-freedict-por-eng"), std::string::npos) << lex.note();
  EXPECT_GT(lex.MemoryBytes(), 0u);
}

TEST(Lexicon, MalformedOrMissingFilesAreErrorsNotCrashes) {
  std::string dir = testing::TempDir();
  WriteDictd(dir + "/x", {{"bosque", "bosque\nforest\n"}});
  std::ofstream(dir + "/x.index", std::ios::app) << "roto\tnot base64!\n";
  Lexicon lex;
  Status s = lex.AddDictd("es", dir + "/x.index", dir + "/x.dict.dz", 3);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find("x.index:2"), std::string::npos) << s.message();
  EXPECT_EQ(lex.AddDictd("es", dir + "/none.index", dir + "/none.dict.dz", 3).code(),
            StatusCode::kIoError);
  Lexicon empty = Lexicon::Load({.dir = dir + "/nowhere"});
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.Translate("es", "bosque"), nullptr);
}

TEST(Lexicon, InflectedFormsFindTheirLemma) {
  Lexicon lex;
  lex.Add("es", "casa", {"house"});
  lex.Add("es", "armar", {"arm"});
  lex.Add("es", "nuevo", {"new"});
  lex.Add("pt", "ferido", {"wounded"});
  EXPECT_EQ(Tr(lex, "es", "casas"), std::vector<std::string>{"house"});
  EXPECT_EQ(Tr(lex, "es", "armados"), std::vector<std::string>{"arm"});
  EXPECT_EQ(Tr(lex, "es", "nuevas"), std::vector<std::string>{"new"});
  EXPECT_EQ(Tr(lex, "pt", "feridos"), std::vector<std::string>{"wounded"});
  EXPECT_EQ(Tr(lex, "es", "perro"), kNone);
  EXPECT_EQ(Tr(lex, "en", "casa"), kNone);  // only es and pt
}

TEST(LexiconReal, LoadsFreeDict) {
  HW_REQUIRE_DICTD();
  Lexicon lex = Lexicon::Load();
  EXPECT_GT(lex.size("es"), 3800u) << lex.note();  // measured 3935 (FreeDict 2022.04.21)
  EXPECT_GT(lex.size("pt"), 8800u) << lex.note();  // measured 9239
  auto has = [&](std::string_view lang, std::string_view w, const std::string& en) {
    const auto& t = Tr(lex, lang, w);
    return std::find(t.begin(), t.end(), en) != t.end();
  };
  EXPECT_TRUE(has("es", "campamento", "camp"));
  EXPECT_TRUE(has("es", "montana", "mountain"));
  EXPECT_TRUE(has("es", "incendios", "fire"));
  EXPECT_TRUE(has("pt", "fogo", "fire"));
  std::printf("lexicon: %s; %.2f MB\n", lex.note().c_str(), lex.MemoryBytes() / 1048576.0);
  EXPECT_LT(lex.MemoryBytes(), 4u << 20);                       // the bound lexicon.h states
  EXPECT_EQ(Lexicon::Shared().get(), Lexicon::Shared().get());  // loaded once
}

TEST(LexiconReal, SpanishWordsAlsoGiveEnglishStems) {
  HW_REQUIRE_DICTD();
  TermExtractor x;
  auto terms = x.Extract("es", "", "hallan un campamento en la montaña", {});
  auto it =
      std::find_if(terms.begin(), terms.end(), [](const RawTerm& t) { return t.term == "camp"; });
  ASSERT_NE(it, terms.end());
  // Shared with English articles, but not part of the entity/number/place cosine.
  EXPECT_FALSE(it->independent);
  // One body occurrence: tf = translation_weight * (1 + ln 1).
  EXPECT_DOUBLE_EQ(it->tf, TermOptions{}.translation_weight);
  TermOptions half_options;
  half_options.translation_weight = 0.5;
  TermExtractor half(half_options);
  auto h = half.Extract("es", "", "hallan un campamento en la montaña", {});
  auto hc = std::find_if(h.begin(), h.end(), [](const RawTerm& t) { return t.term == "camp"; });
  ASSERT_NE(hc, h.end());
  EXPECT_DOUBLE_EQ(hc->tf, 0.5);
  TermOptions off_options;
  off_options.translation_weight = 0;
  TermExtractor off(off_options);
  auto plain = off.Extract("es", "", "hallan un campamento en la montaña", {});
  EXPECT_TRUE(
      std::none_of(plain.begin(), plain.end(), [](const RawTerm& t) { return t.term == "camp"; }));
}

// Sentences written for this test: an English and a Spanish report of one (fictional) forest
// fire, with no shared names, numbers or places, and a Spanish report of a strike.
ArticleFeatures Article(ArticleId id, UnixSeconds t, std::string lang, std::string title,
                        std::string text) {
  ArticleFeatures a;
  a.id = id;
  a.time = t;
  a.lang = std::move(lang);
  a.title = std::move(title);
  a.text = std::move(text);
  return a;
}

std::vector<Assignment> RunFireStream(Options o) {
  StoryClusterer c(std::move(o));
  const UnixSeconds t0 = 1700000000;
  std::vector<Assignment> out;
  out.push_back(c.Assign(Article(
      1, t0, "en", "Forest fire destroys houses near the river",
      "A large forest fire destroyed twenty houses near the river. Strong wind pushed "
      "the fire toward the mountain. Police closed the bridge and the hospital treated injured "
      "families.")));
  out.push_back(c.Assign(Article(
      2, t0 + 3600, "es", "Incendio en el bosque destruye casas cerca del río",
      "Un gran incendio en el bosque destruyó veinte casas cerca del río. El viento "
      "fuerte llevó el fuego hacia la montaña. La policía cerró el puente y el hospital atendió "
      "a familias heridas.")));
  out.push_back(c.Assign(Article(
      3, t0 + 7200, "es", "Huelga en la fábrica de leche sube el precio del pan",
      "Los trabajadores de la fábrica de leche iniciaron una huelga el lunes. En el mercado de "
      "la ciudad el precio de la leche y del pan subió. La escuela cerró la cafetería.")));
  return out;
}

TEST(LexiconReal, SpanishAndEnglishReportsOfOneHappeningJoin) {
  HW_REQUIRE_DICTD();
  std::vector<Assignment> with = RunFireStream(Options{});
  EXPECT_TRUE(with[0].is_new);
  EXPECT_EQ(with[1].story, with[0].story) << "score " << with[1].score;
  EXPECT_TRUE(with[2].is_new) << "score " << with[2].score;
  std::printf("fire es->en score %.3f, strike es score %.3f\n", with[1].score, with[2].score);
  for (double w : {0.5, 1.0, 1.5, 2.0}) {
    Options ow;
    ow.terms.translation_weight = w;
    auto r = RunFireStream(ow);
    std::printf("weight %.2f: fire es->en score %.3f joined=%d, strike es score %.3f new=%d\n", w,
                r[1].score, r[1].story == r[0].story, r[2].score, r[2].is_new);
  }
  // Without the lexicon the two fire reports share nothing comparable: they stay apart.
  Options off;
  off.terms.translation_weight = 0;
  std::vector<Assignment> without = RunFireStream(off);
  EXPECT_NE(without[1].story, without[0].story) << "score " << without[1].score;
}

}  // namespace
}  // namespace headwater::stories
