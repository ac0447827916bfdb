// Retractions, corrections and refutations: the cue lexicon (English and Spanish, with the
// sentences that must not match), whose report each one concerns, and what Analyze does with
// them (flags on the origins, the verdict, the explanation, the JSON list with evidence).
#include "provenance/retraction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/text.h"
#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using ::testing::HasSubstr;
using testing::StoryBuilder;
using testing::TestPolicies;

struct CueCase {
  const char* text;
  bool found;
  RetractionKind kind;
  bool self;
};

TEST(RetractionCuesTest, EnglishAndSpanishCues) {
  const CueCase cases[] = {
      {"Correction: An earlier version of this article misstated the distance to the border.", true,
       RetractionKind::kCorrected, true},
      {"The camp was said to be near the border.\nCORRECTION: the camp is in Chihuahua.", true,
       RetractionKind::kCorrected, true},
      {"We erred in reporting that the camp was operational.", true, RetractionKind::kCorrected,
       true},
      {"This story has been retracted.", true, RetractionKind::kRetracted, true},
      {"The Daily Planet has retracted its story about the camp.", true, RetractionKind::kRetracted,
       false},
      {"The report was later withdrawn by the group.", true, RetractionKind::kRetracted, false},
      {"The claim has been debunked by local reporters.", true, RetractionKind::kRefuted, false},
      {"Our ruling: False. There is no camp.", true, RetractionKind::kRefuted, false},
      {"We rate this claim Pants on Fire.", true, RetractionKind::kRefuted, false},
      {"Fe de erratas: la distancia correcta es de 80 kilómetros.", true,
       RetractionKind::kCorrected, true},
      {"La nota fue retirada del sitio horas después.", true, RetractionKind::kRetracted, false},
      {"El Diario retiró la nota de su portal.", true, RetractionKind::kRetracted, false},
      {"Corrección: el campamento no está en Anapra.", true, RetractionKind::kCorrected, true},
      {"Animal Político desmiente la información publicada por el grupo.", true,
       RetractionKind::kRefuted, false},
      {"Calificación: Falso. No hay pruebas del campamento.", true, RetractionKind::kRefuted,
       false},
      {"La versión fue desmentida por reporteros locales.", true, RetractionKind::kRefuted, false},
      // Must not match.
      {"The senator demanded a retraction from the newspaper.", false, {}, false},
      {"Officials said the report is false.", false, {}, false},
      {"The history of the region has been corrected in textbooks.", false, {}, false},
      {"El diputado exigió una retractación al diario.", false, {}, false},
      {"Es la versión más completa del informe.", false, {}, false},
      {"A few minutes later, the embassy deleted that tweet.", false, {}, false},
  };
  for (const CueCase& c : cases) {
    std::vector<RetractionCue> cues = FindRetractionCues(c.text);
    SCOPED_TRACE(c.text);
    if (!c.found) {
      EXPECT_TRUE(cues.empty());
      continue;
    }
    ASSERT_EQ(cues.size(), 1u);
    EXPECT_EQ(cues[0].kind, c.kind);
    EXPECT_EQ(cues[0].self, c.self);
    EXPECT_LT(cues[0].cue_begin, cues[0].cue_end);
    EXPECT_LE(cues[0].sentence_begin, cues[0].cue_begin);
    EXPECT_GE(cues[0].sentence_end, cues[0].cue_end);
  }
}

TEST(RetractionCuesTest, OneCuePerSentenceWithSentenceBounds) {
  std::string text =
      "The camp story spread fast. The Daily Planet retracted its report on Friday. Other "
      "outlets kept it online.";
  auto cues = FindRetractionCues(text);
  ASSERT_EQ(cues.size(), 1u);
  EXPECT_EQ(text.substr(cues[0].sentence_begin, cues[0].sentence_end - cues[0].sentence_begin),
            "The Daily Planet retracted its report on Friday.");
  EXPECT_EQ(text.substr(cues[0].cue_begin, cues[0].cue_end - cues[0].cue_begin),
            "retracted its report");
}

// The DESIGN.md story: one origin (Judicial Watch); a Mexican outlet later refutes it.
TEST(RetractionAnalyzeTest, RefutationNamesTheOriginAndDisputesTheStory) {
  StoryBuilder b("MX");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
  OutletId ap = b.AddOutlet("Animal Político", "MX", OutletKind::kNews);
  OutletId blog = b.AddOutlet("Blog One", "US", OutletKind::kBlog);
  ArticleId a1 = b.AddArticle(jw, "2016-04-14",
                              "A camp sits eight miles from the border, an intelligence source "
                              "said.");
  b.Attribute(a1, SourceKind::kAnonymous, "an intelligence source");
  ArticleId a2 = b.AddArticle(blog, "2016-04-15", "Judicial Watch reports a camp near Juárez.");
  b.Attribute(a2, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw);
  ArticleId a3 = b.AddArticle(ap, "2016-04-20",
                              "Vecinos de Anapra no vieron nada. Animal Político desmiente la "
                              "información publicada por Judicial Watch sobre el campamento.");
  Report r = Analyze(b.Input(), TestPolicies());
  ASSERT_EQ(r.retractions.size(), 1u);
  const Retraction& x = r.retractions[0];
  EXPECT_EQ(x.kind, RetractionKind::kRefuted);
  EXPECT_EQ(x.by, "Animal Político");
  EXPECT_FALSE(x.self);
  ASSERT_EQ(x.targets.size(), 1u);
  EXPECT_EQ(x.targets[0], "Judicial Watch");
  EXPECT_EQ(x.target_ids[0], jw);
  EXPECT_EQ(x.article, a3);
  EXPECT_THAT(x.evidence.text, HasSubstr("desmiente la información publicada por Judicial Watch"));
  EXPECT_EQ(r.counts.retractions, 1);
  const OriginInfo* origin = nullptr;
  for (const OriginInfo& o : r.origins)
    if (o.outlet_id == jw) origin = &o;
  ASSERT_NE(origin, nullptr);
  EXPECT_TRUE(origin->refuted);
  EXPECT_FALSE(origin->retracted);
  EXPECT_EQ(r.verdict, Verdict::kDisputed);
  EXPECT_THAT(r.explanation, HasSubstr("refuted by Animal Político (the report of Judicial Watch) "
                                       "on 2016-04-20"));
  // Without refutations_dispute it stays single-source; the refutation is still listed.
  Options o;
  o.refutations_dispute = false;
  Report r2 = Analyze(b.Input(), TestPolicies(), o);
  EXPECT_EQ(r2.verdict, Verdict::kSingleSource);
  EXPECT_EQ(r2.retractions.size(), 1u);

  // The JSON list, offsets in code points ("Político" has one two-byte letter before the cue).
  nlohmann::json j = ReportToJson(r, b.Input());
  ASSERT_EQ(j["retractions"].size(), 1u);
  const auto& jx = j["retractions"][0];
  EXPECT_EQ(jx["kind"], "refuted");
  EXPECT_EQ(jx["by"], "Animal Político");
  EXPECT_EQ(jx["targets"][0], "Judicial Watch");
  EXPECT_EQ(jx["url"], b.Url(a3));
  const std::string& text = b.article(a3).text;
  size_t byte_start = text.find("Animal Político desmiente");
  EXPECT_EQ(jx["evidence"]["start"].get<size_t>(), CodePointLength(text.substr(0, byte_start)));
  EXPECT_EQ(j["counts"]["retractions"], 1);
  bool flagged = false;
  for (const auto& jo : j["origins"])
    flagged = flagged || (jo["outlet"] == "Judicial Watch" && jo["refuted"] == true);
  EXPECT_TRUE(flagged);
}

TEST(RetractionAnalyzeTest, SelfRetractionWithdrawsTheOrigin) {
  StoryBuilder b("US");
  OutletId one = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
  OutletId two = b.AddOutlet("Gotham Gazette", "US", OutletKind::kNews);
  ArticleId a1 = b.AddArticle(one, "2016-04-14", "The mayor resigned, two aides said.");
  b.Attribute(a1, SourceKind::kPerson, "two aides");
  ArticleId a2 = b.AddArticle(two, "2016-04-14", "The mayor resigned, his spokesman said.");
  b.Attribute(a2, SourceKind::kOfficial, "his spokesman");
  EXPECT_EQ(Analyze(b.Input(), TestPolicies()).verdict, Verdict::kCorroborated);
  ArticleId a3 = b.AddArticle(one, "2016-04-16",
                              "Editor's note: this story has been retracted. The aides did not "
                              "say the mayor resigned.");
  Report r = Analyze(b.Input(), TestPolicies());
  ASSERT_EQ(r.retractions.size(), 1u);
  EXPECT_EQ(r.retractions[0].kind, RetractionKind::kRetracted);
  EXPECT_TRUE(r.retractions[0].self);
  EXPECT_EQ(r.retractions[0].article, a3);
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
  EXPECT_EQ(r.counts.independent_origins, 1);
  EXPECT_THAT(r.explanation, HasSubstr("retracted by Daily Planet on 2016-04-16"));
  Options o;
  o.retracted_origins_count = true;
  EXPECT_EQ(Analyze(b.Input(), TestPolicies(), o).verdict, Verdict::kCorroborated);
  o.detect_retractions = false;
  EXPECT_TRUE(Analyze(b.Input(), TestPolicies(), o).retractions.empty());
}

TEST(RetractionAnalyzeTest, CorrectionIsListedButTheOriginStands) {
  StoryBuilder b("US");
  OutletId one = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
  ArticleId a1 = b.AddArticle(one, "2016-04-14",
                              "The mayor resigned, two aides said.\nCorrection: an earlier "
                              "version of this article misspelled the mayor's name.");
  b.Attribute(a1, SourceKind::kPerson, "two aides");
  Report r = Analyze(b.Input(), TestPolicies());
  ASSERT_EQ(r.retractions.size(), 1u);
  EXPECT_EQ(r.retractions[0].kind, RetractionKind::kCorrected);
  EXPECT_EQ(r.counts.corrections, 1);
  EXPECT_EQ(r.counts.retractions, 0);
  ASSERT_EQ(r.origins.size(), 1u);
  EXPECT_TRUE(r.origins[0].corrected);
  EXPECT_FALSE(r.origins[0].retracted);
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
}

TEST(RetractionAnalyzeTest, OfficialDenialIsADenialNotARefutation) {
  StoryBuilder b("MX");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
  OutletId paper = b.AddOutlet("El Diario", "MX", OutletKind::kNews);
  ArticleId a1 = b.AddArticle(jw, "2016-04-14", "A camp exists, a source said.");
  b.Attribute(a1, SourceKind::kAnonymous, "a source");
  ArticleId a2 = b.AddArticle(paper, "2016-04-15",
                              "La Secretaría de Gobernación desmiente la información sobre el "
                              "campamento.");
  b.Attribute(a2, SourceKind::kOfficial, "La Secretaría de Gobernación", Stance::kDenies)
      .cue.push_back({30, 39});
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_TRUE(r.retractions.empty());
  EXPECT_EQ(r.denials.size(), 1u);
}

TEST(RetractionAnalyzeTest, RetractionBeforeTheReportIsIgnoredAndLinksNameTheTarget) {
  StoryBuilder b("US");
  OutletId one = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
  OutletId two = b.AddOutlet("Gotham Gazette", "US", OutletKind::kNews);
  ArticleId a1 = b.AddArticle(one, "2016-04-14", "The mayor resigned, two aides said.");
  b.Attribute(a1, SourceKind::kPerson, "two aides");
  // Names no outlet; links the Daily Planet article: its report is the one meant.
  ArticleId a2 = b.AddArticle(two, "2016-04-15", "The report has since been retracted.");
  b.article(a2).links.push_back(b.Url(a1));
  // Names the Daily Planet but comes before its report: not about it.
  b.AddArticle(two, "2016-04-10", "The Daily Planet retracted its story on the budget.");
  Report r = Analyze(b.Input(), TestPolicies());
  ASSERT_EQ(r.retractions.size(), 1u);
  EXPECT_EQ(r.retractions[0].article, a2);
  ASSERT_EQ(r.retractions[0].targets.size(), 1u);
  EXPECT_EQ(r.retractions[0].targets[0], "Daily Planet");
  EXPECT_TRUE(r.origins[0].retracted);
  EXPECT_EQ(r.verdict, Verdict::kUnsourced);
}

TEST(RetractionAnalyzeTest, UnnamedReportAmongSeveralOriginsConcernsNone) {
  StoryBuilder b("US");
  OutletId one = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
  OutletId two = b.AddOutlet("Gotham Gazette", "US", OutletKind::kNews);
  OutletId three = b.AddOutlet("Star City Star", "US", OutletKind::kNews);
  ArticleId a1 = b.AddArticle(one, "2016-04-14", "The mayor resigned, two aides said.");
  b.Attribute(a1, SourceKind::kPerson, "two aides");
  ArticleId a2 = b.AddArticle(two, "2016-04-14", "The mayor resigned, his spokesman said.");
  b.Attribute(a2, SourceKind::kOfficial, "his spokesman");
  b.AddArticle(three, "2016-04-15", "The report was later withdrawn.");
  Report r = Analyze(b.Input(), TestPolicies());
  ASSERT_EQ(r.retractions.size(), 1u);
  EXPECT_TRUE(r.retractions[0].targets.empty());
  for (const OriginInfo& o : r.origins) EXPECT_FALSE(o.retracted) << o.outlet;
  EXPECT_EQ(r.verdict, Verdict::kCorroborated);
}

}  // namespace
}  // namespace headwater::provenance
