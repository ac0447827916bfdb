// Quality of the attribution stage on Spanish: 100 articles of ../shared/data/spanish-news
// (v1-2018-dev.jsonl) annotated by hand for this project, used to fix the Spanish rules, and 20
// more annotated afterwards and held out (tests/fixtures/attribution/README.md; the fixtures
// hold ids, code-point offsets and labels only). The floors are the figures
// measured with the default Options minus a hair; a drop below any of them is a regression.
// HW_ES_EVAL_PRINT=1 prints every missed and spurious attribution for error analysis.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "attribution/eval_set.h"
#include "common/text.h"
#include "test_util.h"

namespace headwater::attribution {
namespace {

const std::string kAnnotations =
    std::string(HEADWATER_TEST_FIXTURES) + "/attribution/spanish_news_es.jsonl";
// 20 further articles annotated the same way AFTER the Spanish rules were fixed, and never used
// to fix them: an honest estimate of the development set's optimism.
const std::string kHeldOut =
    std::string(HEADWATER_TEST_FIXTURES) + "/attribution/spanish_news_es_heldout.jsonl";
// 100 articles of v1-2018-train.jsonl annotated in session 4 for error analysis (a second
// development set: the rules were then tuned on it).
const std::string kTuning =
    std::string(HEADWATER_TEST_FIXTURES) + "/attribution/spanish_news_es_tuning.jsonl";

std::string Piece(const std::string& text, const std::vector<Span>& spans) {
  CodePointIndex idx(text);
  std::string out;
  for (const Span& s : spans) {
    size_t b = idx.ToByte(s.begin), e = idx.ToByte(s.end);
    if (!out.empty()) out += " … ";
    out += text.substr(b, std::min<size_t>(e - b, 80));
  }
  return out;
}

TEST(SpanishEvalSet, LoadsAndChecksOffsets) {
  std::string corpus;
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-dev.jsonl", corpus);
  auto docs = LoadEvalSet(kAnnotations, corpus);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_EQ(docs->size(), 100u);
  size_t n = 0;
  for (const auto& d : *docs) n += d.gold.size();
  EXPECT_GE(n, 300u);
  // A wrong corpus (ids it lacks) is refused, not silently scored.
  EXPECT_FALSE(LoadEvalSet(kAnnotations, kAnnotations).ok());
}

// Measured with the default Options (see docs/BENCHMARKS.md), minus 0.01. Session 4 (after
// the tuning set): cue exact 0.867, source overlap 0.813, content overlap 0.811, attribution
// 0.758, kind 0.885 (session 2: 0.858 / 0.791 / 0.801 / 0.732 / 0.868).
constexpr double kFloorCueExact = 0.857, kFloorSourceOverlap = 0.803, kFloorContentOverlap = 0.801,
                 kFloorAttribution = 0.748, kFloorKind = 0.875;

// Tuning set, minus 0.01: cue exact 0.871, source overlap 0.863, content overlap 0.857,
// attribution 0.818, kind 0.952 (before the session-4 rules: 0.771 / 0.781 / 0.771 / 0.692 /
// 0.860).
constexpr double kTuningCueExact = 0.861, kTuningSourceOverlap = 0.853,
                 kTuningContentOverlap = 0.847, kTuningAttribution = 0.808, kTuningKind = 0.942;

// Held out, measured once after the session-4 rules were fixed, minus 0.02: cue exact 0.821,
// source overlap 0.727, content overlap 0.798, attribution 0.659 (session 2: 0.812 / 0.683 /
// 0.800 / 0.624).
constexpr double kHeldOutCueExact = 0.801, kHeldOutSourceOverlap = 0.707,
                 kHeldOutContentOverlap = 0.778, kHeldOutAttribution = 0.639;

// Prints every kind disagreement, missed (FN) and spurious (FP) attribution of `docs`.
void PrintErrors(const std::vector<LabeledDocument>& docs, const Extractor& extractor) {
  Context ctx;
  ctx.lang = "es";
  for (const auto& d : docs) {
    std::vector<Attribution> pred = extractor.Extract(d.text, ctx);
    std::vector<polnear::SpanAttribution> p = polnear::ToCodePoints(d.text, pred), g;
    for (const auto& a : d.gold) g.push_back(a.spans);
    std::vector<bool> gm(g.size()), pm(p.size());
    for (auto [gi, pi] : polnear::MatchAttributions(d.text, g, p)) {
      gm[gi] = pm[pi] = true;
      if (d.gold[gi].kind != pred[pi].source_kind)
        std::cout << "KIND " << d.id << " [" << pred[pi].source_text << "] gold "
                  << SourceKindName(d.gold[gi].kind) << " predicted "
                  << SourceKindName(pred[pi].source_kind) << "\n";
      if (d.gold[gi].stance != pred[pi].stance)
        std::cout << "STANCE " << d.id << " [" << Piece(d.text, g[gi].cue) << "]\n";
    }
    for (size_t i = 0; i < g.size(); ++i)
      if (!gm[i])
        std::cout << "FN " << d.id << " [" << Piece(d.text, g[i].cue) << "] src ["
                  << Piece(d.text, g[i].source) << "] content [" << Piece(d.text, g[i].content)
                  << "]\n";
    for (size_t i = 0; i < p.size(); ++i)
      if (!pm[i])
        std::cout << "FP " << d.id << " [" << Piece(d.text, p[i].cue) << "] src ["
                  << Piece(d.text, p[i].source) << "] content [" << Piece(d.text, p[i].content)
                  << "]\n";
  }
}

TEST(SpanishEvalSet, Floors) {
  std::string corpus;
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-dev.jsonl", corpus);
  auto docs = LoadEvalSet(kAnnotations, corpus);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  Extractor extractor;
  EvalSetScores s = EvaluateSet(*docs, extractor, "es");
  std::cout << "Spanish news (" << docs->size() << " texts)\n" << s.ToString();
  if (std::getenv("HW_ES_EVAL_PRINT")) PrintErrors(*docs, extractor);
  EXPECT_GE(s.spans.cue_exact.F1(), kFloorCueExact);
  EXPECT_GE(s.spans.source_overlap.F1(), kFloorSourceOverlap);
  EXPECT_GE(s.spans.content_overlap.F1(), kFloorContentOverlap);
  EXPECT_GE(s.spans.attribution.F1(), kFloorAttribution);
  EXPECT_GE(s.KindAccuracy(), kFloorKind);
}

// The tuning set: 100 more articles, from v1-2018-train.jsonl (so none is in either dev set),
// annotated in session 4 before the extractor was run on them, then used for error analysis.
TEST(SpanishEvalSet, TuningFloors) {
  std::string corpus;
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-train.jsonl", corpus);
  auto docs = LoadEvalSet(kTuning, corpus);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_EQ(docs->size(), 100u);
  size_t n = 0;
  for (const auto& d : *docs) n += d.gold.size();
  EXPECT_GE(n, 280u);
  Extractor extractor;
  EvalSetScores s = EvaluateSet(*docs, extractor, "es");
  std::cout << "Spanish news, tuning (" << docs->size() << " texts)\n" << s.ToString();
  if (std::getenv("HW_ES_EVAL_PRINT")) PrintErrors(*docs, extractor);
  EXPECT_GE(s.spans.cue_exact.F1(), kTuningCueExact);
  EXPECT_GE(s.spans.source_overlap.F1(), kTuningSourceOverlap);
  EXPECT_GE(s.spans.content_overlap.F1(), kTuningContentOverlap);
  EXPECT_GE(s.spans.attribution.F1(), kTuningAttribution);
  EXPECT_GE(s.KindAccuracy(), kTuningKind);
}

// Measured once with the default Options, minus 0.02 (a small set: one attribution is ~0.01).
TEST(SpanishEvalSet, HeldOutFloors) {
  std::string corpus;
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-dev.jsonl", corpus);
  auto docs = LoadEvalSet(kHeldOut, corpus);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_EQ(docs->size(), 20u);
  EvalSetScores s = EvaluateSet(*docs, Extractor(), "es");
  std::cout << "Spanish news, held out (" << docs->size() << " texts)\n" << s.ToString();
  EXPECT_GE(s.spans.cue_exact.F1(), kHeldOutCueExact);
  EXPECT_GE(s.spans.source_overlap.F1(), kHeldOutSourceOverlap);
  EXPECT_GE(s.spans.content_overlap.F1(), kHeldOutContentOverlap);
  EXPECT_GE(s.spans.attribution.F1(), kHeldOutAttribution);
}

}  // namespace
}  // namespace headwater::attribution
