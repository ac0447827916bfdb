// The learned cue model: unit tests, and the offline trainer that produces cue_model_en.cc.
//
// Training (PolNeAR *train* only; dev and test are never read here):
//   HW_CUE_MODEL_OUT=src/attribution/cue_model_en.cc build/dev/test_attribution --gtest_filter=CueModelTrain.*
//   (HW_CUE_CAND_MIN=3 HW_CUE_MIN=8 HW_CUE_PRUNE=0.05 gave the committed table; HW_CUE_EPOCHS,
//   HW_CUE_L2 too.)
// Examples: every candidate the extractor produces before the filter (lexicon cue, candidate
// word or cue tagger proposal, marked by an "org=" feature, + spans),
// labelled positive when it matches a gold attribution by the scorer's rule (cue, content and
// source overlap). Threshold: a model trained on the even-numbered train texts is run on the
// odd-numbered ones (and vice versa) over a grid of drop thresholds; the best mean attribution
// F1 is printed. The final model is trained on all train texts and written as feature names
// and weights only.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

#include "attribution/cue_model.h"
#include "attribution/extractor.h"
#include "attribution/polnear.h"
#include "test_util.h"

namespace headwater::attribution {
namespace {

TEST(CueModel, TrainsAndSeparatesASimplePattern) {
  std::vector<std::vector<std::string>> x;
  std::vector<bool> y;
  for (int i = 0; i < 200; ++i) {
    x.push_back({"w=said", "n=that"}), y.push_back(true);
    x.push_back({"w=table", "n=that"}), y.push_back(false);
    x.push_back({"w=chair", "n=the"}), y.push_back(false);
  }
  CueModel m = TrainCueModel(x, y);
  EXPECT_GT(m.Score({"w=said", "n=that"}), 0.8);
  EXPECT_LT(m.Score({"w=table", "n=that"}), 0.2);
  EXPECT_LT(m.Score({"w=chair", "n=the"}), 0.2);
}

TEST(CueModel, InducesOnlyFrequentWordsTheLexiconLacks) {
  std::vector<std::string> cues = {
      "said", "said", "said",   "Criticism",   "criticism",   "criticism",  "to",
      "to",   "to",   "backed", "support for", "support for", "support for"};
  EXPECT_EQ(InduceCandidateCues(cues, 3), std::vector<std::string>{"criticism"});
  CueModel m({}, 0, {"criticism"});
  ASSERT_NE(m.Candidate("criticism"), nullptr);
  EXPECT_EQ(m.Candidate("criticism")->words[0], "criticism");
  EXPECT_EQ(m.Candidate("said"), nullptr);
}

TEST(CueModel, FeaturesAlignWithTokens) {
  std::string text = "“It is over,” she said. Critics, however, insisted that it was not.";
  std::vector<Token> tok = Tokenize(text);
  std::vector<Sentence> sents = SplitSentences(text, tok);
  std::vector<Span> quoted = QuotedRegions(text);
  CueMatcher matcher;
  std::vector<CueMatch> lex = matcher.Match(tok, kLangEn);
  auto f = CueFeatures({text, &tok, &sents, &quoted, &lex});
  ASSERT_EQ(f.size(), tok.size());
  EXPECT_NE(std::find(f[0].begin(), f[0].end(), "w=it"), f[0].end());
  // "it" is inside the quotation, "said" is not.
  EXPECT_NE(std::find(f[0].begin(), f[0].end(), "q=1-"), f[0].end());
  EXPECT_NE(std::find(f[4].begin(), f[4].end(), "w=said"), f[4].end());
  EXPECT_EQ(std::find(f[4].begin(), f[4].end(), "q=1b"), f[4].end());
}

TEST(CueModel, BuiltinFilterKeepsClearAttributionsAndDropsSomeLexiconHits) {
  ASSERT_FALSE(CueModel::English().empty());
  Extractor with, without([] {
    Options o;
    o.use_cue_model = false;
    return o;
  }());
  Context en;
  std::string said = "The senator said that the bill was dead.";
  ASSERT_EQ(with.Extract(said, en).size(), 1u);
  EXPECT_EQ(with.Extract(said, en)[0].cue_text, "said");
  // "found" of an object (not of a finding) is a lexicon hit the filter removes.
  std::string named = "They found a body in the river.";
  EXPECT_LT(with.Extract(named, en).size(), without.Extract(named, en).size());
  // Spanish is untouched by the English model.
  Context es;
  es.lang = "es";
  std::string dijo = "El ministro dijo que el proyecto estaba muerto.";
  EXPECT_EQ(with.Extract(dijo, es).size(), without.Extract(dijo, es).size());
}

struct Prepared {
  std::vector<std::vector<std::string>> x;
  std::vector<bool> y;
};

// Every unfiltered candidate of `d` with label "matches a gold attribution" (the scorer's rule).
void AddDocument(const polnear::Document& d, const CueModel& unweighted, Prepared* p) {
  Options o;
  o.cue_model = &unweighted;
  Extractor ex(o);
  std::vector<Extractor::Candidate> cands;
  std::vector<Attribution> all = ex.ExtractCandidates(d.text, Context{}, &cands);
  for (Extractor::Candidate& c : cands) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Attribution& a) {
      return !a.cue.empty() && a.cue.front().begin == c.cue.begin && a.cue.front().end == c.cue.end;
    });
    if (it == all.end()) continue;
    polnear::Scores s = polnear::ScoreText(d.text, d.gold, polnear::ToCodePoints(d.text, {*it}));
    p->x.push_back(std::move(c.features));
    p->y.push_back(s.attribution.tp == 1);
  }
}

TEST(CueModelTrain, TrainOnPolnearTrain) {
  const char* out_path = std::getenv("HW_CUE_MODEL_OUT");
  if (!out_path || !*out_path) GTEST_SKIP() << "set HW_CUE_MODEL_OUT to train";
  std::string dir;
  HW_REQUIRE_SHARED_DATA("polnear/data/train", dir);
  auto docs = polnear::LoadSplit(dir);
  ASSERT_TRUE(docs.ok());
  const int cand_min =
      std::getenv("HW_CUE_CAND_MIN") ? std::atoi(std::getenv("HW_CUE_CAND_MIN")) : 5;
  std::vector<polnear::Document> half[2];
  std::vector<std::string> cue_texts[2], all_cue_texts;
  for (size_t i = 0; i < docs->size(); ++i) {
    const polnear::Document& d = (*docs)[i];
    half[i % 2].push_back(d);
    CodePointIndex idx(d.text);
    for (const auto& g : d.gold)
      if (g.cue.size() == 1) {
        size_t b = idx.ToByte(g.cue[0].begin), e = idx.ToByte(g.cue[0].end);
        cue_texts[i % 2].push_back(d.text.substr(b, e - b));
        all_cue_texts.push_back(d.text.substr(b, e - b));
      }
  }
  std::vector<std::string> cands[2] = {InduceCandidateCues(cue_texts[0], cand_min),
                                       InduceCandidateCues(cue_texts[1], cand_min)};
  std::vector<std::string> all_cands = InduceCandidateCues(all_cue_texts, cand_min);
  Prepared prep[2], all;
  {
    CueModel u0({}, 0, cands[0]), u1({}, 0, cands[1]), ua({}, 0, all_cands);
    for (size_t i = 0; i < docs->size(); ++i) {
      AddDocument((*docs)[i], i % 2 ? u1 : u0, &prep[i % 2]);
      AddDocument((*docs)[i], ua, &all);
    }
  }
  const int epochs = std::getenv("HW_CUE_EPOCHS") ? std::atoi(std::getenv("HW_CUE_EPOCHS")) : 6;
  const double l2 = std::getenv("HW_CUE_L2") ? std::atof(std::getenv("HW_CUE_L2")) : 1e-6;
  const int min_count = std::getenv("HW_CUE_MIN") ? std::atoi(std::getenv("HW_CUE_MIN")) : 2;
  const double prune = std::getenv("HW_CUE_PRUNE") ? std::atof(std::getenv("HW_CUE_PRUNE")) : 0.02;
  if (!std::getenv("HW_CUE_NO_GRID")) {
    std::map<std::pair<double, double>, double> sum;
    for (int h = 0; h < 2; ++h) {
      CueModel trained = TrainCueModel(prep[h].x, prep[h].y, epochs, l2, min_count);
      CueModel m(trained.weights(), trained.bias(), cands[h]);
      for (double drop : {0.2, 0.25, 0.3})
        for (double add : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01}) {
          Options o;
          o.cue_model = &m, o.cue_drop_threshold = drop, o.cue_add_threshold = add;
          polnear::Scores s = polnear::Evaluate(half[1 - h], Extractor(o));
          sum[{drop, add}] += s.attribution.F1() / 2;
          std::cout << "fold " << h << " drop " << drop << " add " << add << " cue "
                    << s.cue_exact.F1() << " src " << s.source_overlap.F1() << " content "
                    << s.content_overlap.F1() << " attr " << s.attribution.F1() << "\n";
        }
    }
    auto best = std::max_element(sum.begin(), sum.end(),
                                 [](auto& a, auto& b) { return a.second < b.second; });
    std::cout << "best drop " << best->first.first << " add " << best->first.second
              << " mean attribution F1 " << best->second << "\n";
  }
  CueModel m = TrainCueModel(all.x, all.y, epochs, l2, min_count);
  std::vector<std::pair<std::string, float>> w;
  for (const auto& [f, v] : m.weights())
    if (std::fabs(v) >= prune) w.push_back({f, v});
  std::sort(w.begin(), w.end());
  std::ofstream o(out_path);
  o << "// English cue model weights (attribution/cue_model.h): feature names and weights of a\n"
       "// logistic regression trained on PolNeAR train only. Generated by\n"
       "// tests/attribution/cue_model_train_test.cc; do not edit by hand.\n"
       "#include <cstddef>\n\nnamespace headwater::attribution {\n\n"
       "extern const char* const kEnglishCueModelFeatures[] = {\n";
  auto esc = [](const std::string& s) {
    std::string r;
    for (char c : s) {
      if (c == '"' || c == '\\') r += '\\';
      r += c;
    }
    return r;
  };
  std::string line;
  for (const auto& [f, v] : w) {
    std::string item = "\"" + esc(f) + "\",";
    if (line.size() + item.size() > 98) o << "   " << line << "\n", line.clear();
    line += " " + item;
  }
  o << "   " << line << "\n};\nextern const float kEnglishCueModelWeights[] = {\n";
  line.clear();
  for (const auto& [f, v] : w) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3ff,", v);
    if (line.size() + std::strlen(buf) > 98) o << "   " << line << "\n", line.clear();
    line += std::string(" ") + buf;
  }
  o << "   " << line << "\n};\nextern const size_t kEnglishCueModelSize = " << w.size()
    << ";\nextern const float kEnglishCueModelBias = " << m.bias() << "f;\n\n"
    << "// Candidate cues: single words gold cues in train use at least " << cand_min
    << " times that the\n// lexicon lacks.\nextern const char* const kEnglishCandidateCues[] = {\n";
  line.clear();
  for (const std::string& c : all_cands) {
    std::string item = "\"" + esc(c) + "\",";
    if (line.size() + item.size() > 98) o << "   " << line << "\n", line.clear();
    line += " " + item;
  }
  o << "   " << line << "\n};\nextern const size_t kEnglishCandidateCuesSize = " << all_cands.size()
    << ";\n\n"
    << "}  // namespace headwater::attribution\n";
  std::cout << "wrote " << w.size() << " features to " << out_path << "\n";
}

}  // namespace
}  // namespace headwater::attribution
