// A command-line door into StoryClusterer for side-by-side comparisons with other clusterers
// (bench/stories_baseline.py): reads articles as JSON Lines, assigns them in the given order
// and writes one assignment a line. It is a gtest so that it needs no build target of its own;
// it SKIPS unless HW_STORIES_IN is set:
//
//   HW_STORIES_IN=in.jsonl HW_STORIES_OUT=out.jsonl [HW_STORIES_OPTIONS='{"join_threshold":0.1}']
//     build/rel/test_stories --gtest_filter=StoriesTool.AssignJsonl
//
// Input line: {"id":1,"time":1394470370,"lang":"en","title":"…","text":"…","places":["…"]}
// (time in Unix seconds; text, places, lang optional). Output line:
// {"id":1,"story":3,"new":false,"revived":false,"score":0.41}, then a last line
// {"seconds":0.031,"articles":4240,"stories":141} timing the Assign calls alone (no file I/O).
// HW_STORIES_OPTIONS sets Options fields by name (numbers only; see ApplyOptions).
// HW_STORIES_TRAIN=train.jsonl (lines as the input plus "gold": a story label) fits the learned
// join rule on that stream (training.h: FitJoinModel under the same Options) and assigns with
// it (Options::join_model); the fit is not timed.
//
// The tests below the tool check that the option names it accepts exist and that it runs.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "stories/clusterer.h"
#include "stories/training.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

using nlohmann::json;

// Sets the named numeric Options fields found in j; returns the names it did not know.
std::vector<std::string> ApplyOptions(const json& j, Options& o) {
  std::vector<std::string> unknown;
  for (const auto& [k, v] : j.items()) {
    double x = v.get<double>();
    if (k == "join_threshold")
      o.join_threshold = x;
    else if (k == "join_threshold_text")
      o.join_threshold_text = x;
    else if (k == "revive_threshold")
      o.revive_threshold = x;
    else if (k == "revive_threshold_text")
      o.revive_threshold_text = x;
    else if (k == "revive_content_threshold")
      o.revive_content_threshold = x;
    else if (k == "revive_names_threshold")
      o.revive_names_threshold = x;
    else if (k == "revive_names_threshold_text")
      o.revive_names_threshold_text = x;
    else if (k == "cross_language_threshold")
      o.cross_language_threshold = x;
    else if (k == "merge_threshold")
      o.merge_threshold = x;
    else if (k == "window_days")
      o.window_days = x;
    else if (k == "dormant_after_days")
      o.dormant_after_days = x;
    else if (k == "time_decay_weight")
      o.time_decay_weight = x;
    else if (k == "size_prior")
      o.size_prior = x;
    else if (k == "stop_df_fraction")
      o.stop_df_fraction = x;
    else if (k == "stop_min_docs")
      o.stop_min_docs = static_cast<int64_t>(x);
    else if (k == "merge_probe_terms")
      o.merge_probe_terms = static_cast<size_t>(x);
    else if (k == "time_half_life_days")
      o.time_half_life_days = x;
    else if (k == "place_weight")
      o.terms.place_weight = x;
    else if (k == "centroid_terms")
      o.centroid_terms = static_cast<size_t>(x);
    else if (k == "article_terms")
      o.article_terms = static_cast<size_t>(x);
    else if (k == "exemplars")
      o.exemplars = static_cast<size_t>(x);
    else if (k == "exemplar_threshold")
      o.exemplar_threshold = x;
    else if (k == "entity_weight")
      o.terms.entity_weight = x;
    else if (k == "number_weight")
      o.terms.number_weight = x;
    else if (k == "title_weight")
      o.terms.title_weight = x;
    else if (k == "translation_weight")
      o.terms.translation_weight = x;
    else if (k == "aged_postings_cap")
      o.aged_postings_cap = static_cast<size_t>(x);
    else if (k == "join_model_min_probability")
      o.join_model_min_probability = x;
    else if (k == "join_model_min_score")
      o.join_model_min_score = x;
    else
      unknown.push_back(k);
  }
  return unknown;
}

ArticleFeatures FromJson(const json& j) {
  ArticleFeatures a;
  a.id = j.value("id", int64_t{0});
  a.time = j.value("time", int64_t{0});
  a.lang = j.value("lang", std::string("en"));
  a.title = j.value("title", std::string());
  a.text = j.value("text", std::string());
  if (j.contains("places")) a.places = j["places"].get<std::vector<std::string>>();
  return a;
}

TEST(StoriesTool, AssignJsonl) {
  const char* in_path = std::getenv("HW_STORIES_IN");
  if (in_path == nullptr) GTEST_SKIP() << "a tool: set HW_STORIES_IN (and HW_STORIES_OUT)";
  const char* out_path = std::getenv("HW_STORIES_OUT");
  ASSERT_NE(out_path, nullptr) << "set HW_STORIES_OUT";
  Options o;
  if (const char* opt = std::getenv("HW_STORIES_OPTIONS")) {
    auto unknown = ApplyOptions(json::parse(opt), o);
    ASSERT_TRUE(unknown.empty()) << "unknown option " << unknown.front();
  }
  if (const char* train_path = std::getenv("HW_STORIES_TRAIN")) {
    std::ifstream in(train_path);
    ASSERT_TRUE(in) << train_path;
    std::vector<ArticleFeatures> train;
    std::vector<int64_t> gold;
    std::map<std::string, int64_t> labels;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      json j = json::parse(line);
      train.push_back(FromJson(j));
      std::string g = j["gold"].is_string() ? j["gold"].get<std::string>() : j["gold"].dump();
      gold.push_back(labels.try_emplace(g, labels.size()).first->second);
    }
    auto model = FitJoinModel(train, gold, o);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    o.join_model = *model;
  }
  std::vector<ArticleFeatures> articles;
  {
    std::ifstream in(in_path);
    ASSERT_TRUE(in) << in_path;
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) articles.push_back(FromJson(json::parse(line)));
    }
  }
  StoryClusterer c(o);
  std::vector<Assignment> out;
  out.reserve(articles.size());
  auto t0 = std::chrono::steady_clock::now();
  for (const ArticleFeatures& a : articles) out.push_back(c.Assign(a));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::ofstream os(out_path);
  for (size_t i = 0; i < out.size(); ++i) {
    // A story merged away lives on as the story it was merged into.
    os << json{{"id", articles[i].id},
               {"story", c.Surviving(out[i].story)},
               {"new", out[i].is_new},
               {"revived", out[i].revived},
               {"score", out[i].score}}
              .dump()
       << "\n";
  }
  os << json{{"seconds", seconds},
             {"articles", articles.size()},
             {"stories", c.story_count()},
             {"merges", c.merges().size()}}
            .dump()
     << "\n";
  ASSERT_TRUE(os.good()) << out_path;
}

TEST(StoriesTool, KnowsItsOptionNamesAndRejectsOthers) {
  Options o;
  auto unknown = ApplyOptions(json{{"join_threshold", 0.3}, {"entity_weight", 2}, {"nope", 1}}, o);
  EXPECT_DOUBLE_EQ(o.join_threshold, 0.3);
  EXPECT_DOUBLE_EQ(o.terms.entity_weight, 2);
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0], "nope");
}

}  // namespace
}  // namespace headwater::stories
