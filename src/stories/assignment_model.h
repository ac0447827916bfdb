// The learned join rule of story assignment: a logistic regression over features of an
// (article, candidate story) pair that gives the probability that the article belongs to the
// story, fit on gold-labelled streams (training.h collects the examples).
//
// StoryClusterer (clusterer.h) computes CandidateFeatures for every candidate story it scores;
// with Options::join_model set, a headline joins the in-window candidate of highest
// probability when it reaches Options::join_model_min_probability, else starts a new story.
// The decision to start a story is then a fitted rule, not one hand-set threshold.
// Thread-safety: AssignmentModel is an immutable value after construction; const methods may be
// called from any thread. FitAssignmentModel is a pure function.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/status.h"

namespace headwater::stories {

// Features of one (article, candidate story) pair. Every one is computed from what the
// clusterer holds when the article arrives (nothing from later articles).
struct CandidateFeatures {
  StoryId story = 0;
  bool in_window = false;  // the story's last article is within Options::window_days
  // article . centroid / |centroid| over all terms, in [0,1]; 1 = same direction.
  double cosine = 0;
  // cosine x time decay x size prior, clamped to [0,1]: the score of the threshold rule.
  double score = 0;
  // Share of the article's squared term weight on terms the story's centroid holds, in [0,1].
  double coverage = 0;
  // Cosine over language-independent terms (entities, numbers, places) only, in [0,1]; 0 when
  // either side has none.
  double indep_cosine = 0;
  // Best cosine with one of the story's last Options::exemplars members, in [0,1] (0 when
  // exemplars are off).
  double exemplar = 0;
  // ln(story size), >= 0.
  double log_size = 0;
  // Days from the story's last article to the article, >= 0.
  double gap_days = 0;
  // |centroid| / size, in (0,1]: how alike the story's members are (1 = all identical; a broad
  // story of many angles is low).
  double cohesion = 0;
  // cosine minus the best cosine of the other candidates, in [-1,1]; 1 when it is the only one.
  double margin = 0;
  // Share of the article's squared term weight on terms seen for the first time, in [0,1].
  double novelty = 0;
};

// The features the model reads, in a fixed order (documented in assignment_model.cc).
inline constexpr size_t kModelFeatures = 11;
std::array<double, kModelFeatures> ModelInputs(const CandidateFeatures& f);
// Names of ModelInputs' entries, for reports.
const std::array<const char*, kModelFeatures>& ModelInputNames();

class AssignmentModel {
 public:
  AssignmentModel() = default;  // empty: no learned rule
  // REQUIRES: weights.size() == kModelFeatures + 1 (bias first), or empty.
  explicit AssignmentModel(std::vector<double> weights);

  bool empty() const { return weights_.empty(); }
  // P(article belongs to the story) in [0,1], higher = more likely; 0 for an empty model.
  double Probability(const CandidateFeatures& f) const;
  // Bias first, then one weight per ModelInputs entry.
  const std::vector<double>& weights() const { return weights_; }
  // "bias w1 w2 ..." with names, for reports and for pasting into DefaultJoinModel.
  std::string ToString() const;

 private:
  std::vector<double> weights_;
};

// The model Options::join_model starts with: EMPTY, so the learned rule is off by default.
// Held out on the UCI dev sample it is level with the calibrated thresholds, not better
// (docs/BENCHMARKS.md, StoriesLearned.HeldOutHalvesOfUci); fit one with FitJoinModel
// (training.h) on a labelled stream of the kind it will judge.
AssignmentModel DefaultJoinModel();

struct LabelledCandidate {
  CandidateFeatures features;
  bool same = false;  // the article's gold story is this candidate's
};

struct FitOptions {
  // L2 penalty on the weights (not the bias), per example: the loss is the mean log loss plus
  // l2 / 2 x |w|^2. Small: the features are few and the examples many.
  double l2 = 1e-4;
  // Newton iterations (each solves a (kModelFeatures+1)^2 system); stops earlier when the step
  // is below 1e-9.
  int iterations = 30;
  // Weight of positive examples relative to negatives (1 = as counted).
  double positive_weight = 1.0;
};

// Logistic regression by Newton's method (iteratively reweighted least squares).
// InvalidArgument when the examples are empty or hold only one class.
StatusOr<AssignmentModel> FitAssignmentModel(const std::vector<LabelledCandidate>& examples,
                                             const FitOptions& options = {});

}  // namespace headwater::stories
