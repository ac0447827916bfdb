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

std::vector<LabelledCandidate> CollectOnPolicyExamples(const std::vector<ArticleFeatures>& articles,
                                                       const std::vector<int64_t>& gold,
                                                       const Options& options,
                                                       const TrainingOptions& training) {
  StoryClusterer c(options);
  // Gold labels per story so far; a merged story's counts move to its survivor.
  std::unordered_map<StoryId, std::unordered_map<int64_t, int>> counts;
  auto majority = [&](StoryId id) {
    int64_t best = -1;
    int n = 0;
    for (const auto& [g, k] : counts[c.Surviving(id)]) {
      if (k > n || (k == n && g < best)) {
        best = g;
        n = k;
      }
    }
    return best;
  };
  std::vector<LabelledCandidate> out;
  for (size_t i = 0; i < articles.size() && i < gold.size(); ++i) {
    std::vector<CandidateFeatures> feats;
    Assignment as = c.Assign(articles[i], &feats);
    for (const CandidateFeatures& f : feats) {
      if (training.in_window_only && !f.in_window) continue;
      out.push_back({f, majority(f.story) == gold[i]});
    }
    counts[as.story][gold[i]] += 1;
    for (StoryId from : as.merged_from) {
      for (const auto& [g, k] : counts[from]) counts[as.story][g] += k;
      counts.erase(from);
    }
  }
  return out;
}

StatusOr<AssignmentModel> FitJoinModel(const std::vector<ArticleFeatures>& articles,
                                       const std::vector<int64_t>& gold, const Options& options,
                                       const FitOptions& fit, const TrainingOptions& training) {
  std::vector<LabelledCandidate> examples =
      CollectTrainingExamples(articles, gold, options, training);
  StatusOr<AssignmentModel> model = FitAssignmentModel(examples, fit);
  for (int round = 0; round < training.on_policy_rounds && model.ok(); ++round) {
    Options o = options;
    o.join_model = *model;
    std::vector<LabelledCandidate> more = CollectOnPolicyExamples(articles, gold, o, training);
    examples.insert(examples.end(), more.begin(), more.end());
    model = FitAssignmentModel(examples, fit);
  }
  return model;
}

}  // namespace headwater::stories
