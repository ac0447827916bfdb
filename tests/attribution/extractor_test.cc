// Unit tests of the attribution extractor: the seed post's attributions (real text, shared/),
// Spanish and Portuguese sentences written for these tests, BOM and non-ASCII offsets,
// datelines, links and source kinds.
#include "attribution/extractor.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "test_util.h"

namespace headwater::attribution {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Describe(const Attribution& a) {
  std::ostringstream o;
  o << "cue=[" << a.cue_text << "] source=[" << a.source_text << "] kind="
    << SourceKindName(a.source_kind) << " outlet=" << a.outlet_id << " person=[" << a.person
    << "] role=[" << a.role << "] anon=" << a.anonymous << " reason=[" << a.anonymous_reason
    << "] stance=" << StanceName(a.stance) << " self=" << a.self_citation << " link=[" << a.link
    << "] content=[" << a.content_text.substr(0, 90) << "]";
  return o.str();
}

std::string DescribeAll(const std::vector<Attribution>& v) {
  std::string s;
  for (const Attribution& a : v) s += Describe(a) + "\n";
  return s;
}

// The first attribution whose cue text contains `cue`, or nullptr.
const Attribution* FindCue(const std::vector<Attribution>& v, std::string_view cue) {
  for (const Attribution& a : v)
    if (a.cue_text.find(cue) != std::string::npos) return &a;
  return nullptr;
}

class SeedPostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Outlet jw;
    jw.id = 7;
    jw.name = "Judicial Watch";
    jw.aliases = {"JW"};
    jw.domains = {"judicialwatch.org"};
    jw.kind = OutletKind::kAdvocacy;
    registry_.Add(jw);
    Outlet other;
    other.id = 9;
    other.name = "Fausta's Blog";
    registry_.Add(other);
  }
  normalize::OutletRegistry registry_;
};

TEST_F(SeedPostTest, FindsTheSeedAttributions) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("seed/fausta-blog-isis-border.txt", path);
  std::string text = ReadAll(path);
  Extractor ex;
  Context ctx;
  ctx.outlets = &registry_;
  ctx.own_outlet = 9;
  ctx.links = {"https://www.judicialwatch.org/blog/2015/04/isis-camp-a-few-miles-from-texas/"};
  std::vector<Attribution> v = ex.Extract(text, ctx);
  SCOPED_TRACE(DescribeAll(v));

  // "Judicial Watch published a report alleging that ISIS established a camp ..."
  const Attribution* report = FindCue(v, "published a report");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->source_text, "Judicial Watch");
  EXPECT_EQ(report->source_kind, SourceKind::kOutlet);
  EXPECT_EQ(report->outlet_id, 7);
  EXPECT_EQ(report->outlet_name, "Judicial Watch");
  EXPECT_EQ(report->link, ctx.links[0]);
  EXPECT_NE(report->content_text.find("ISIS established a camp"), std::string::npos);
  EXPECT_FALSE(report->self_citation);

  // "A high-level intelligence source, who must remain anonymous for safety reasons, confirmed"
  const Attribution* anon = FindCue(v, "confirmed that");
  if (!anon) anon = FindCue(v, "confirmed");
  ASSERT_NE(anon, nullptr);
  EXPECT_NE(anon->source_text.find("A high-level intelligence source"), std::string::npos);
  EXPECT_TRUE(anon->anonymous);
  EXPECT_EQ(anon->source_kind, SourceKind::kAnonymous);
  EXPECT_EQ(anon->anonymous_reason, "for safety reasons");
  EXPECT_NE(anon->content_text.find("the meeting was convened"), std::string::npos);

  // "..., according to JW's intelligence source."
  const Attribution* acc = FindCue(v, "according to");
  ASSERT_NE(acc, nullptr);
  EXPECT_EQ(acc->source_text, "JW\xE2\x80\x99s intelligence source");
  EXPECT_EQ(acc->outlet_id, 7);
  EXPECT_EQ(acc->source_kind, SourceKind::kOutlet);
  EXPECT_TRUE(acc->anonymous);
  EXPECT_NE(acc->content_text.find("FBI supervisory personnel met"), std::string::npos);

  // "Publicly, U.S. and Mexico have denied that Islamic terrorists are operating ..."
  const Attribution* denial = FindCue(v, "denied");
  ASSERT_NE(denial, nullptr);
  EXPECT_EQ(denial->cue_text, "have denied");
  EXPECT_EQ(denial->source_text, "U.S. and Mexico");
  EXPECT_EQ(denial->source_kind, SourceKind::kOfficial);
  EXPECT_EQ(denial->stance, Stance::kDenies);
  EXPECT_NE(denial->content_text.find("Islamic terrorists are operating"), std::string::npos);

  // "Last August JW reported that ISIS ... was planning to attack"
  const Attribution* jw = FindCue(v, "reported");
  ASSERT_NE(jw, nullptr);
  EXPECT_EQ(jw->source_text, "JW");
  EXPECT_EQ(jw->outlet_id, 7);
  EXPECT_FALSE(jw->self_citation);
  EXPECT_EQ(jw->stance, Stance::kAsserts);

  // The same post seen as Judicial Watch's own: citing itself.
  ctx.own_outlet = 7;
  std::vector<Attribution> own = ex.Extract(text, ctx);
  const Attribution* self = FindCue(own, "reported");
  ASSERT_NE(self, nullptr);
  EXPECT_TRUE(self->self_citation);
}

TEST(ExtractorTest, SpanishCues) {
  normalize::OutletRegistry reg;
  Outlet diario;
  diario.id = 3;
  diario.name = "El Diario";
  reg.Add(diario);
  Extractor ex;
  Context ctx;
  ctx.lang = "es";
  ctx.outlets = &reg;
  std::string text =
      "El campamento existe a ocho millas de la frontera, según informó El Diario. "
      "De acuerdo con fuentes anónimas, el grupo opera cerca de Anapra. "
      "La Secretaría de Gobernación negó que hubiera terroristas en Chihuahua.";
  std::vector<Attribution> v = ex.Extract(text, ctx);
  SCOPED_TRACE(DescribeAll(v));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].cue_text, "según informó");
  EXPECT_EQ(v[0].source_text, "El Diario");
  EXPECT_EQ(v[0].outlet_id, 3);
  EXPECT_EQ(v[0].content_text, "El campamento existe a ocho millas de la frontera");
  EXPECT_EQ(v[1].cue_text, "De acuerdo con");
  EXPECT_EQ(v[1].source_text, "fuentes anónimas");
  EXPECT_EQ(v[1].source_kind, SourceKind::kAnonymous);
  EXPECT_EQ(v[1].content_text, "el grupo opera cerca de Anapra");
  EXPECT_EQ(v[2].cue_text, "negó");
  EXPECT_EQ(v[2].source_text, "La Secretaría de Gobernación");
  EXPECT_EQ(v[2].source_kind, SourceKind::kOfficial);
  EXPECT_EQ(v[2].stance, Stance::kDenies);
  EXPECT_EQ(v[2].content_text, "hubiera terroristas en Chihuahua");  // without "que"

  v = ex.Extract("Según un comunicado de la Secretaría, no hay campamento.", ctx);
  ASSERT_EQ(v.size(), 1u) << DescribeAll(v);
  EXPECT_EQ(v[0].source_text, "un comunicado de la Secretaría");
  EXPECT_EQ(v[0].source_kind, SourceKind::kDocument);
}

TEST(ExtractorTest, PortugueseCues) {
  normalize::OutletRegistry reg;
  Outlet folha;
  folha.id = 4;
  folha.name = "Folha de S.Paulo";
  folha.aliases = {"Folha"};
  reg.Add(folha);
  Extractor ex;
  Context ctx;
  ctx.lang = "pt";
  ctx.outlets = &reg;
  std::string text =
      "Segundo a Folha, o acampamento fica perto da fronteira. "
      "O porta-voz João Silva disse que não há provas. "
      "O ministério desmentiu a notícia.";
  std::vector<Attribution> v = ex.Extract(text, ctx);
  SCOPED_TRACE(DescribeAll(v));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].cue_text, "Segundo");
  EXPECT_EQ(v[0].source_text, "a Folha");
  EXPECT_EQ(v[0].outlet_id, 4);
  EXPECT_EQ(v[0].source_kind, SourceKind::kOutlet);
  EXPECT_EQ(v[0].content_text, "o acampamento fica perto da fronteira");
  EXPECT_EQ(v[1].cue_text, "disse");
  EXPECT_EQ(v[1].person, "João Silva");
  EXPECT_EQ(v[1].role, "porta-voz");
  EXPECT_EQ(v[1].source_kind, SourceKind::kPerson);
  EXPECT_EQ(v[1].content_text, "não há provas");  // without "que"
  EXPECT_EQ(v[2].cue_text, "desmentiu");
  EXPECT_EQ(v[2].stance, Stance::kDenies);
  EXPECT_EQ(v[2].source_kind, SourceKind::kOfficial);
  // "segundo" as an ordinal is no cue.
  EXPECT_TRUE(ex.Extract("Ele ficou em segundo lugar na corrida.", ctx).empty());
}

TEST(ExtractorTest, ByteOffsetsWithBomAndAccents) {
  Extractor ex;
  std::string text = "\xEF\xBB\xBFJosé Pérez said the camp near Juárez exists.";
  std::vector<Attribution> v = ex.Extract(text, Context{});
  ASSERT_EQ(v.size(), 1u) << DescribeAll(v);
  const Attribution& a = v[0];
  ASSERT_EQ(a.source.size(), 1u);
  EXPECT_EQ(a.source[0].begin, 3u);  // after the 3-byte BOM
  EXPECT_EQ(text.substr(a.source[0].begin, a.source[0].end - a.source[0].begin), "José Pérez");
  EXPECT_EQ(text.substr(a.cue[0].begin, a.cue[0].end - a.cue[0].begin), "said");
  EXPECT_EQ(a.content_text, "the camp near Juárez exists");
  EXPECT_EQ(a.person, "José Pérez");
}

TEST(ExtractorTest, SourceKindsStanceAndSourceless) {
  Extractor ex;
  Context ctx;
  auto one = [&](const std::string& text) {
    std::vector<Attribution> v = ex.Extract(text, ctx);
    EXPECT_EQ(v.size(), 1u) << text << "\n" << DescribeAll(v);
    return v.empty() ? Attribution{} : v[0];
  };
  Attribution a = one("The FBI said the meeting took place in Juárez.");
  EXPECT_EQ(a.source_kind, SourceKind::kOfficial);
  a = one("Court documents showed that the camp was known to police.");
  EXPECT_EQ(a.source_kind, SourceKind::kDocument);
  a = one("FBI spokeswoman Jane Roe told reporters that no camp exists.");
  EXPECT_EQ(a.source_kind, SourceKind::kPerson);
  EXPECT_EQ(a.person, "Jane Roe");
  EXPECT_EQ(a.role, "spokeswoman");
  EXPECT_EQ(a.content_text, "that no camp exists");
  a = one("It was reported that the camp had been abandoned.");
  EXPECT_EQ(a.source_kind, SourceKind::kNone);
  EXPECT_TRUE(a.source.empty());
  EXPECT_EQ(a.content_text, "that the camp had been abandoned");
  a = one("\xE2\x80\x9CThere is no camp,\xE2\x80\x9D said Jane Roe, a spokeswoman.");
  EXPECT_EQ(a.source_text, "Jane Roe, a spokeswoman");
  EXPECT_EQ(a.content_text, "There is no camp");
  a = one("The White House rejected the report.");
  EXPECT_EQ(a.stance, Stance::kDenies);
  EXPECT_EQ(a.source_kind, SourceKind::kOfficial);
  EXPECT_TRUE(ex.Extract("The camp is eight miles from the border.", ctx).empty());
}

TEST(ExtractorTest, DatelineWireCredit) {
  normalize::OutletRegistry reg;
  Outlet ap;
  ap.id = 11;
  ap.name = "Associated Press";
  ap.aliases = {"AP"};
  ap.kind = OutletKind::kWire;
  reg.Add(ap);
  Extractor ex;
  Context ctx;
  ctx.outlets = &reg;
  std::string text =
      "CIUDAD JU\xC3\x81REZ, Mexico (AP) \xE2\x80\x94 Troops patrolled the area on Monday.";
  std::vector<Attribution> v = ex.Extract(text, ctx);
  ASSERT_EQ(v.size(), 1u) << DescribeAll(v);
  EXPECT_EQ(v[0].source_text, "AP");
  EXPECT_EQ(v[0].outlet_id, 11);
  EXPECT_EQ(v[0].source_kind, SourceKind::kOutlet);
  EXPECT_EQ(v[0].content_text, "Troops patrolled the area on Monday.");
  Options no_datelines;
  no_datelines.dateline_credits = false;
  EXPECT_TRUE(Extractor(no_datelines).Extract(text, ctx).empty());
}

TEST(ExtractorTest, InvertedSpanishAndUndeterminedLanguage) {
  Extractor ex;
  Context ctx;
  ctx.lang = "und";  // every lexicon
  std::string text =
      "\"No hay ningún campamento\", dijo el portavoz de la Secretaría de Gobernación, "
      "Juan Pérez. El grupo opera cerca de Anapra, informó El Diario de Juárez. "
      "Officials said the camp did not exist.";
  std::vector<Attribution> v = ex.Extract(text, ctx);
  SCOPED_TRACE(DescribeAll(v));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].cue_text, "dijo");
  EXPECT_EQ(v[0].content_text, "No hay ningún campamento");
  EXPECT_EQ(v[0].person, "Juan Pérez");
  EXPECT_EQ(v[0].role, "portavoz");
  EXPECT_EQ(v[1].cue_text, "informó");
  EXPECT_EQ(v[1].source_text, "El Diario de Juárez");
  EXPECT_EQ(v[1].source_kind, SourceKind::kOutlet);  // a newspaper the registry lacks
  EXPECT_EQ(v[1].outlet_id, 0);
  EXPECT_EQ(v[1].content_text, "El grupo opera cerca de Anapra");
  EXPECT_EQ(v[2].source_kind, SourceKind::kOfficial);
  // With lang "en" the Spanish cues are not used.
  ctx.lang = "en";
  EXPECT_EQ(ex.Extract(text, ctx).size(), 1u);
}

TEST(ExtractorTest, HeadlineColonCueWhenEnabled) {
  std::string text = "Graham: Trump's rhetoric is destroying the party.\nThe Latest: more news.";
  EXPECT_TRUE(Extractor().Extract(text, Context{}).empty());
  Options o;
  o.colon_cues = true;
  std::vector<Attribution> v = Extractor(o).Extract(text, Context{});
  ASSERT_EQ(v.size(), 1u) << DescribeAll(v);
  EXPECT_EQ(v[0].cue_text, ":");
  EXPECT_EQ(v[0].source_text, "Graham");
  EXPECT_EQ(v[0].content_text, "Trump's rhetoric is destroying the party");
}

TEST(ExtractorTest, EmptyAndOddInput) {
  Extractor ex;
  EXPECT_TRUE(ex.Extract("", Context{}).empty());
  EXPECT_TRUE(ex.Extract("\xEF\xBB\xBF", Context{}).empty());
  EXPECT_TRUE(ex.Extract("said", Context{}).empty());
  // Invalid UTF-8 does not break span finding.
  std::vector<Attribution> v = ex.Extract("Officials \xFF\xFE said the camp exists.", Context{});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].content_text, "the camp exists");
  // A cue inside a quotation is not the article's attribution.
  v = ex.Extract("\"I would say this is false,\" Trump answered.", Context{});
  ASSERT_EQ(v.size(), 1u) << DescribeAll(v);
  EXPECT_EQ(v[0].cue_text, "answered");
  EXPECT_EQ(v[0].content_text, "I would say this is false");
}

// Spanish subjects: clitics are not sources, pro-drop gives a sourceless attribution, refusals,
// negations and nouns are not cues, leading adverbs are not part of the subject.
TEST(ExtractorTest, SpanishCliticsProDropAndNonCues) {
  Extractor ex;
  Context ctx;
  ctx.lang = "es";
  auto one = [&](const std::string& text) {
    std::vector<Attribution> v = ex.Extract(text, ctx);
    EXPECT_EQ(v.size(), 1u) << text << "\n" << DescribeAll(v);
    return v.empty() ? Attribution{} : v[0];
  };
  Attribution a = one("El ministro nos dijo que habrá elecciones.");
  EXPECT_EQ(a.cue_text, "dijo");
  EXPECT_EQ(a.source_text, "El ministro");
  EXPECT_EQ(a.content_text, "habrá elecciones");
  a = one("Explicaron que el proyecto sigue en pie.");
  EXPECT_TRUE(a.source.empty());
  EXPECT_EQ(a.source_kind, SourceKind::kNone);
  EXPECT_EQ(a.content_text, "el proyecto sigue en pie");
  a = one("Sobre el tema afirmó que la ley es injusta.");
  EXPECT_TRUE(a.source.empty()) << a.source_text;
  a = one("Ahora el Vaticano anunció que abrirá un museo.");
  EXPECT_EQ(a.source_text, "el Vaticano");
  EXPECT_EQ(a.source_kind, SourceKind::kOfficial);
  a = one("La portavoz ha dicho que no habrá cambios.");
  EXPECT_EQ(a.cue_text, "ha dicho");
  a = one("Se dice que habrá cambios en el gabinete.");
  EXPECT_EQ(a.cue_text, "Se dice");
  EXPECT_TRUE(a.source.empty());
  a = one("\"No hay riesgo\", apunta el médico.");
  EXPECT_EQ(a.source_text, "el médico");
  EXPECT_EQ(a.content_text, "No hay riesgo");
  a = one("La empresa Apple anunció un teléfono nuevo. El anuncio duró poco.");
  EXPECT_EQ(a.cue_text, "anunció");
  // Refusal, negation, a noun after an article, a verb after a preposition: no attribution.
  for (const char* text : {"Los testigos se negaron a revelar su nombre.",
                           "La empresa no ha revelado sus planes.",
                           "Hubo muestras de rechazo en la plaza.",
                           "Presentó la denuncia ante el juez.",
                           "La ciudad sigue en alerta por las lluvias."})
    EXPECT_TRUE(ex.Extract(text, ctx).empty()) << text << "\n" << DescribeAll(ex.Extract(text, ctx));
}

// Every prefix of a text with quotes, multi-byte letters and a BOM: spans stay inside the text,
// non-empty, half-open and on UTF-8 boundaries.
TEST(ExtractorTest, SpansValidOnEveryPrefix) {
  std::string text =
      "\xEF\xBB\xBF\xE2\x80\x9CNo hay campamento,\xE2\x80\x9D dijo Jos\xC3\xA9 P\xC3\xA9rez, "
      "portavoz. According to \"sources\", officials, who asked not to be named, denied it; "
      "''It is over,'' said Sen. Roe. It was reported that taxes rose, reportedly.\n"
      "WASHINGTON (AP) \xE2\x80\x94 Police said: none.\n"
      "Explicaron que s\xC3\xAD. El ministro nos dijo, \xC2\xABno\xC2\xBB, agreg\xC3\xB3 "
      "\xE2\x80\x94sin m\xC3\xA1s\xE2\x80\x94 Del Castillo; se dice que ha dicho.";
  Extractor ex;
  Context ctx;
  ctx.lang = "und";
  auto boundary = [&](std::string_view t, uint32_t i) {
    return i == t.size() || (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80;
  };
  for (size_t n = 0; n <= text.size(); ++n) {
    std::string_view t(text.data(), n);
    for (const Attribution& a : ex.Extract(t, ctx)) {
      ASSERT_FALSE(a.cue.empty());
      ASSERT_FALSE(a.content.empty());
      for (const auto* spans : {&a.cue, &a.source, &a.content})
        for (const Span& sp : *spans) {
          ASSERT_LT(sp.begin, sp.end) << n;
          ASSERT_LE(sp.end, n);
          ASSERT_TRUE(boundary(t, sp.begin) && boundary(t, sp.end)) << n;
        }
    }
  }
}

// Prints the attributions of the file named by HW_ATTRIBUTION_DEBUG_FILE (error analysis).
TEST(ExtractorTest, DebugDump) {
  const char* path = std::getenv("HW_ATTRIBUTION_DEBUG_FILE");
  if (!path) GTEST_SKIP() << "set HW_ATTRIBUTION_DEBUG_FILE to print a file's attributions";
  Context ctx;
  if (const char* lang = std::getenv("HW_ATTRIBUTION_DEBUG_LANG")) ctx.lang = lang;
  std::cout << DescribeAll(Extractor().Extract(ReadAll(path), ctx));
}

}  // namespace
}  // namespace headwater::attribution
