// Teacher-forced collection of (candidate features, same-story label) examples. The clusterer
// sees exactly what it would see at run time had it made every decision right: the IDF, the
// story frequencies and the centroids of the gold stories so far. (It never sees its own
// mistakes; the held-out scores in docs/BENCHMARKS.md measure what that costs.)
#include "stories/training.h"

#include <unordered_map>

namespace headwater::stories {

std::vector<LabelledCandidate> CollectTrainingExamples(const std::vector<ArticleFeatures>& articles,
                                                       const std::vector<int64_t>& gold,
                                                       const Options& options,
                                                       const TrainingOptions& training) {
  Options o = options;
  o.join_model = AssignmentModel();  // the features do not depend on a model
  StoryClusterer c(o);
  std::unordered_map<int64_t, StoryId> story_of;
  std::vector<LabelledCandidate> out;
  for (size_t i = 0; i < articles.size() && i < gold.size(); ++i) {
    auto it = story_of.find(gold[i]);
    StoryId into = it == story_of.end() ? 0 : it->second;
    Assignment as;
    std::vector<CandidateFeatures> feats = c.AssignForced(articles[i], into, &as);
    for (const CandidateFeatures& f : feats) {
      if (training.in_window_only && !f.in_window) continue;
      out.push_back({f, into != 0 && f.story == into});
    }
    if (into == 0) story_of[gold[i]] = as.story;
  }
  return out;
}

StatusOr<AssignmentModel> FitJoinModel(const std::vector<ArticleFeatures>& articles,
                                       const std::vector<int64_t>& gold, const Options& options,
                                       const FitOptions& fit) {
  return FitAssignmentModel(CollectTrainingExamples(articles, gold, options), fit);
}

}  // namespace headwater::stories
