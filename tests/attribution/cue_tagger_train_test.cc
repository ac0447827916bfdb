// The token-level cue tagger: unit tests, and the offline trainer that produces cue_tagger_en.cc.
//
// Training (PolNeAR *train* only; dev and test are never read here):
//   HW_CUE_TAGGER_OUT=src/attribution/cue_tagger_en.cc build/rel/test_attribution
//     --gtest_filter=CueTaggerTrain.*
//   (the defaults HW_TAG_VOCAB_MIN=3 HW_TAG_MIN=8 HW_TAG_PRUNE=0.1 HW_TAG_KEEP=0.5
//   HW_TAG_KEEP_RATE=0.02 gave the
//   committed table; HW_TAG_EPOCHS, HW_TAG_L2 too; HW_TAG_NO_GRID=1 skips the threshold grid.)
// Examples: every token outside the lexicon's matches (and the candidate words of the filter
// model) whose folded word is in the tagger's vocabulary; positive when it lies inside a gold cue
// none of whose tokens the lexicon covers (tokens of gold cues the lexicon does find are left
// out: their extent is the extractor's business, not the tagger's). Vocabulary: folded words of
// such positive tokens seen at least HW_TAG_VOCAB_MIN times. Thresholds: a tagger trained on the
// even-numbered train texts runs inside the extractor on the odd-numbered ones (and vice versa)
// over a grid of tag and add thresholds; the best mean attribution F1 is printed. The final
// tagger is trained on all train texts and written as feature names, weights and vocabulary.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "attribution/cue_tagger.h"
#include "attribution/extractor.h"
#include "attribution/polnear.h"
#include "test_util.h"

namespace headwater::attribution {
namespace {

TEST(CueTagger, CoversLexiconMatchesAndTheirAuxiliaries) {
  std::string text = "The mayor has also said that taxes rise, and she asked why.";
  std::vector<Token> tok = Tokenize(text);
  CueMatcher matcher;
  std::vector<CueMatch> lex = matcher.Match(tok, kLangEn, text);
  std::vector<bool> covered = CoveredByCues(tok, lex);
  auto index_of = [&](std::string_view w) {
    for (size_t i = 0; i < tok.size(); ++i)
      if (tok[i].folded == w) return i;
    return tok.size();
  };
  ASSERT_LT(index_of("said"), tok.size());
  EXPECT_TRUE(covered[index_of("said")]);
  EXPECT_TRUE(covered[index_of("has")]);
  EXPECT_TRUE(covered[index_of("also")]);
  EXPECT_FALSE(covered[index_of("mayor")]);
  EXPECT_FALSE(covered[index_of("taxes")]);
}

TEST(CueTagger, ScoresOnlyVocabularyAndMergesAdjacentProposals) {
  // A toy tagger: "backs" is a cue word unless "the" precedes it.
  CueModel tagger({{"w=backs", 3.0f}, {"w=plan", 3.0f}, {"p=the", -6.0f}}, -1.0f,
                  {"backs", "plan", "in"});
  EXPECT_EQ(tagger.Candidate("in")->kind, CueKind::kAccordingTo);
  EXPECT_EQ(tagger.Candidate("backs")->kind, CueKind::kVerb);
  std::string text = "Smith backs plan to cut taxes, and the backs hurt.";
  std::vector<Token> tok = Tokenize(text);
  std::vector<bool> covered(tok.size(), false);
  std::vector<size_t> idx = TaggerTokens(tagger, tok, covered);
  ASSERT_EQ(idx.size(), 3u);  // backs, plan, backs
  std::vector<bool> wanted(tok.size(), false);
  for (size_t i : idx) wanted[i] = true;
  std::vector<Sentence> sents = SplitSentences(text, tok);
  std::vector<Span> quoted = QuotedRegions(text);
  auto feats = CueFeatures({text, &tok, &sents, &quoted, nullptr}, &wanted);
  std::vector<TaggedCue> tagged = TagCues(tagger, feats, idx, 0.5);
  ASSERT_EQ(tagged.size(), 1u);
  EXPECT_EQ(tagged[0].first, 1u);
  EXPECT_EQ(tagged[0].count, 2u);  // "backs plan", not the noun "the backs"
  EXPECT_GT(tagged[0].probability, 0.5);
  EXPECT_LE(tagged[0].probability, 1.0);
}

TEST(CueTagger, VocabularyDropsFunctionWordsAndRareWords) {
  std::vector<std::string> pos = {"asked", "asked", "asked", "has",   "has",  "has",
                                  "the",   "the",   "the",   "plans", "plans"};
  EXPECT_EQ(InduceTaggerVocabulary(pos, 3), std::vector<std::string>{"asked"});
  EXPECT_EQ(InduceTaggerVocabulary(pos, 2), (std::vector<std::string>{"asked", "plans"}));
}

// The probability the built-in tagger gives the first token of `text` equal to `word`.
double TagProbability(const std::string& text, std::string_view word) {
  std::vector<Token> tok = Tokenize(text);
  std::vector<Sentence> sents = SplitSentences(text, tok);
  std::vector<Span> quoted = QuotedRegions(text);
  CueMatcher matcher;
  std::vector<CueMatch> lex = matcher.Match(tok, kLangEn, text);
  auto f = CueFeatures({text, &tok, &sents, &quoted, &lex});
  for (size_t i = 0; i < tok.size(); ++i)
    if (tok[i].folded == word) return EnglishCueTagger().Score(f[i]);
  return -1;
}

TEST(CueTagger, BuiltinTaggerSeparatesCueUsesOfAWord) {
  const CueModel& tagger = EnglishCueTagger();
  ASSERT_FALSE(tagger.empty());
  for (auto [cue, other, word] : std::vector<std::array<const char*, 3>>{
           {"Sanders remained hopeful that he could still win the nomination.",
            "The hopeful candidates lined up outside the hall.", "hopeful"},
           {"Trump's remarks about the judge drew sharp criticism.", "He won by about ten points.",
            "about"}}) {
    ASSERT_NE(tagger.Candidate(word), nullptr) << word;
    double p_cue = TagProbability(cue, word), p_other = TagProbability(other, word);
    EXPECT_GT(p_cue, p_other) << word;
    EXPECT_LT(p_other, 0.5) << word;  // the default Options::cue_tag_threshold
  }
  EXPECT_GE(
      TagProbability("Sanders remained hopeful that he could still win the nomination.", "hopeful"),
      0.5);
  // Spanish is untouched by the English tagger.
  Options off;
  off.use_cue_tagger = false;
  Extractor with, without(off);
  Context es;
  es.lang = "es";
  std::string dijo = "En una encuesta, el ministro dijo que el proyecto estaba muerto.";
  EXPECT_EQ(with.Extract(dijo, es).size(), without.Extract(dijo, es).size());
}

struct Tagged {
  std::vector<std::vector<std::string>> x;
  std::vector<bool> y;
};

// Per text: tokens, coverage and labels (1 positive, 0 negative, -1 left out).
struct Labelled {
  std::vector<Token> tok;
  std::vector<bool> covered;
  std::vector<int> label;
};

Labelled Label(const polnear::Document& d) {
  Labelled l;
  l.tok = Tokenize(d.text);
  CueMatcher matcher;
  std::vector<CueMatch> lex = matcher.Match(l.tok, kLangEn, d.text);
  l.covered = CoveredByCues(l.tok, lex);
  std::vector<bool> lexicon_only = l.covered;
  const CueModel& filter = CueModel::English();
  for (size_t i = 0; i < l.tok.size(); ++i)
    if (filter.Candidate(l.tok[i].folded)) l.covered[i] = true;
  l.label.assign(l.tok.size(), 0);
  CodePointIndex idx(d.text);
  for (const auto& g : d.gold) {
    std::vector<size_t> inside;
    bool found = false;
    for (const Span& c : g.cue) {
      size_t b = idx.ToByte(c.begin), e = idx.ToByte(c.end);
      for (size_t i = 0; i < l.tok.size(); ++i)
        if (l.tok[i].begin < e && l.tok[i].end > b) {
          inside.push_back(i);
          found = found || l.covered[i];
        }
    }
    for (size_t i : inside) l.label[i] = found ? -1 : 1;
  }
  return l;
}

void AddExamples(const polnear::Document& d, const Labelled& l, const CueModel& vocab, Tagged* t) {
  std::vector<size_t> idx = TaggerTokens(vocab, l.tok, l.covered);
  std::vector<bool> wanted(l.tok.size(), false);
  for (size_t i : idx) wanted[i] = true;
  std::vector<Sentence> sents = SplitSentences(d.text, l.tok);
  std::vector<Span> quoted = QuotedRegions(d.text);
  CueMatcher matcher;
  std::vector<CueMatch> lex = matcher.Match(l.tok, kLangEn, d.text);
  auto f = CueFeatures({d.text, &l.tok, &sents, &quoted, &lex}, &wanted);
  for (size_t i : idx) {
    if (l.label[i] < 0) continue;
    t->x.push_back(std::move(f[i]));
    t->y.push_back(l.label[i] == 1);
  }
}

double EnvOr(const char* name, double dflt) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : dflt;
}

TEST(CueTaggerTrain, TrainOnPolnearTrain) {
  const char* out_path = std::getenv("HW_CUE_TAGGER_OUT");
  if (!out_path || !*out_path) GTEST_SKIP() << "set HW_CUE_TAGGER_OUT to train";
  std::string dir;
  HW_REQUIRE_SHARED_DATA("polnear/data/train", dir);
  auto docs = polnear::LoadSplit(dir);
  ASSERT_TRUE(docs.ok());
  const int vocab_min = int(EnvOr("HW_TAG_VOCAB_MIN", 3));
  const int epochs = int(EnvOr("HW_TAG_EPOCHS", 6));
  const double l2 = EnvOr("HW_TAG_L2", 1e-6);
  const int min_count = int(EnvOr("HW_TAG_MIN", 8));
  const double prune = EnvOr("HW_TAG_PRUNE", 0.1);
  const double keep = EnvOr("HW_TAG_KEEP", 0.5);
  const double keep_rate = EnvOr("HW_TAG_KEEP_RATE", 0.02);
  std::vector<Labelled> lab;
  std::vector<std::string> pos[2], all_pos;
  std::vector<polnear::Document> half[2];
  for (size_t i = 0; i < docs->size(); ++i) {
    lab.push_back(Label((*docs)[i]));
    half[i % 2].push_back((*docs)[i]);
    for (size_t t = 0; t < lab.back().tok.size(); ++t)
      if (lab.back().label[t] == 1 && !lab.back().covered[t]) {
        pos[i % 2].push_back(lab.back().tok[t].folded);
        all_pos.push_back(lab.back().tok[t].folded);
      }
  }
  std::vector<std::string> vocab[2] = {InduceTaggerVocabulary(pos[0], vocab_min),
                                       InduceTaggerVocabulary(pos[1], vocab_min)};
  std::vector<std::string> all_vocab = InduceTaggerVocabulary(all_pos, vocab_min);
  std::vector<std::string> final_vocab;
  std::cout << "vocabulary " << all_vocab.size() << " words from " << all_pos.size()
            << " positive tokens\n";
  auto train = [&](int part, const std::vector<std::string>& v) {
    CueModel vm({}, 0, v);
    Tagged t;
    for (size_t i = 0; i < docs->size(); ++i)
      if (part < 0 || int(i % 2) == part) AddExamples((*docs)[i], lab[i], vm, &t);
    CueModel m = TrainCueModel(t.x, t.y, epochs, l2, min_count);
    std::cout << "examples " << t.x.size() << " positive "
              << std::count(t.y.begin(), t.y.end(), true) << "\n";
    // Speed: keep only the words the tagger scores at least `keep` in at least `keep_rate` of
    // their occurrences in train (a frequent word that is rarely proposed costs features on
    // every occurrence for little recall).
    std::map<std::string, std::pair<int, int>> use;  // word -> (occurrences, proposals)
    for (const auto& ex : t.x) {
      auto& u = use[ex.front().substr(2)];  // "w=<word>"
      ++u.first;
      u.second += m.Score(ex) >= keep;
    }
    std::vector<std::string> kept;
    for (const std::string& w : v)
      if (use[w].second >= 2 && use[w].second >= keep_rate * use[w].first) kept.push_back(w);
    std::cout << "vocabulary kept " << kept.size() << " of " << v.size() << "\n";
    return CueModel(m.weights(), m.bias(), kept);
  };
  if (!std::getenv("HW_TAG_NO_GRID")) {
    std::map<std::pair<double, double>, double> sum;
    for (int h = 0; h < 2; ++h) {
      CueModel tagger = train(h, vocab[h]);
      for (double tag : {0.3, 0.5, 0.7, 1.01})
        for (double add : {0.3, 0.5, 0.7}) {
          if (tag > 1 && add != 0.5) continue;
          Options o;
          o.cue_tagger = &tagger, o.cue_tag_threshold = tag, o.cue_add_threshold = add;
          polnear::Scores s = polnear::Evaluate(half[1 - h], Extractor(o));
          sum[{tag, add}] += s.attribution.F1() / 2;
          std::cout << "fold " << h << " tag " << tag << " add " << add << " cue "
                    << s.cue_exact.F1() << " src " << s.source_overlap.F1() << " content "
                    << s.content_overlap.F1() << " attr " << s.attribution.F1() << " (P "
                    << s.attribution.Precision() << " R " << s.attribution.Recall() << ")\n"
                    << std::flush;
        }
    }
    for (const auto& [k, v] : sum)
      std::cout << "tag " << k.first << " add " << k.second << " mean attribution F1 " << v << "\n";
  }
  CueModel m = train(-1, all_vocab);
  for (const CueEntry& e : m.candidates()) final_vocab.push_back(e.words[0]);
  std::sort(final_vocab.begin(), final_vocab.end());
  std::vector<std::pair<std::string, float>> w;
  for (const auto& [f, v] : m.weights())
    if (std::fabs(v) >= prune) w.push_back({f, v});
  std::sort(w.begin(), w.end());
  auto esc = [](const std::string& s) {
    std::string r;
    for (char c : s) {
      if (c == '"' || c == '\\') r += '\\';
      r += c;
    }
    return r;
  };
  std::ofstream o(out_path);
  std::string line;
  auto item = [&](const std::string& it) {
    if (line.size() + it.size() > 98) o << "   " << line << "\n", line.clear();
    line += " " + it;
  };
  auto flush = [&] { o << "   " << line << "\n", line.clear(); };
  o << "// English cue tagger (attribution/cue_tagger.h): feature names and weights of a "
       "token-level\n"
       "// logistic regression trained on PolNeAR train only, and its vocabulary. Generated by\n"
       "// tests/attribution/cue_tagger_train_test.cc; do not edit by hand.\n"
       "#include <cstddef>\n\nnamespace headwater::attribution {\n\n"
       "extern const char* const kEnglishCueTaggerFeatures[] = {\n";
  for (const auto& [f, v] : w) item("\"" + esc(f) + "\",");
  flush();
  o << "};\nextern const float kEnglishCueTaggerWeights[] = {\n";
  for (const auto& [f, v] : w) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3ff,", v);
    item(buf);
  }
  flush();
  o << "};\nextern const size_t kEnglishCueTaggerSize = " << w.size()
    << ";\nextern const float kEnglishCueTaggerBias = " << m.bias() << "f;\n\n"
    << "// Vocabulary: folded words of gold cue tokens outside the lexicon seen at least "
    << vocab_min << " times\n// that the tagger scores at least " << keep << " in at least "
    << keep_rate
    << " of their train occurrences.\nextern const char* const kEnglishCueTaggerVocabulary[] = {\n";
  for (const std::string& c : final_vocab) item("\"" + esc(c) + "\",");
  flush();
  o << "};\nextern const size_t kEnglishCueTaggerVocabularySize = " << final_vocab.size() << ";\n\n"
    << "}  // namespace headwater::attribution\n";
  std::cout << "wrote " << w.size() << " features to " << out_path << "\n";
}

}  // namespace
}  // namespace headwater::attribution
