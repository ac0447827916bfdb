// Logistic regression for the join rule. Inputs (ModelInputs, in this order):
//   cosine, score, coverage, indep_cosine, exemplar, log_size, gap (min(gap_days, 30) / 30),
//   cohesion, margin, novelty, cosine x log_size
// P(same story) = 1 / (1 + exp(-(bias + w . inputs))).
// Fitting minimises the mean (optionally class-weighted) log loss plus l2 / 2 |w|^2 by Newton's
// method: each step solves H d = g with H = X' S X / n + l2 I (S = diag p(1-p)) by Gaussian
// elimination with partial pivoting; the system is 12 x 12, so a step costs O(n x 144).
#include "stories/assignment_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace headwater::stories {
namespace {

constexpr size_t kDim = kModelFeatures + 1;  // bias first

double Sigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  double e = std::exp(z);
  return e / (1 + e);
}

// Solves a x = b in place (a is kDim x kDim, row-major). False when singular.
bool Solve(std::vector<double>& a, std::vector<double>& b) {
  const size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r * n + col]) > std::abs(a[pivot * n + col])) pivot = r;
    }
    if (std::abs(a[pivot * n + col]) < 1e-14) return false;
    if (pivot != col) {
      for (size_t c = 0; c < n; ++c) std::swap(a[col * n + c], a[pivot * n + c]);
      std::swap(b[col], b[pivot]);
    }
    for (size_t r = col + 1; r < n; ++r) {
      double f = a[r * n + col] / a[col * n + col];
      if (f == 0) continue;
      for (size_t c = col; c < n; ++c) a[r * n + c] -= f * a[col * n + c];
      b[r] -= f * b[col];
    }
  }
  for (size_t col = n; col-- > 0;) {
    double s = b[col];
    for (size_t c = col + 1; c < n; ++c) s -= a[col * n + c] * b[c];
    b[col] = s / a[col * n + col];
  }
  return true;
}

}  // namespace

std::array<double, kModelFeatures> ModelInputs(const CandidateFeatures& f) {
  return {f.cosine,
          f.score,
          f.coverage,
          f.indep_cosine,
          f.exemplar,
          f.log_size,
          std::min(f.gap_days, 30.0) / 30.0,
          f.cohesion,
          f.margin,
          f.novelty,
          f.cosine * f.log_size};
}

const std::array<const char*, kModelFeatures>& ModelInputNames() {
  static const std::array<const char*, kModelFeatures> kNames = {
      "cosine", "score",    "coverage", "indep_cosine", "exemplar",         "log_size",
      "gap",    "cohesion", "margin",   "novelty",      "cosine_x_log_size"};
  return kNames;
}

AssignmentModel::AssignmentModel(std::vector<double> weights) : weights_(std::move(weights)) {
  if (weights_.size() != kDim) weights_.clear();
}

double AssignmentModel::Probability(const CandidateFeatures& f) const {
  if (weights_.empty()) return 0;
  auto x = ModelInputs(f);
  double z = weights_[0];
  for (size_t i = 0; i < kModelFeatures; ++i) z += weights_[i + 1] * x[i];
  return Sigmoid(z);
}

std::string AssignmentModel::ToString() const {
  if (weights_.empty()) return "(empty)";
  std::string out;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "bias %.6g", weights_[0]);
  out += buf;
  for (size_t i = 0; i < kModelFeatures; ++i) {
    std::snprintf(buf, sizeof(buf), ", %s %.6g", ModelInputNames()[i], weights_[i + 1]);
    out += buf;
  }
  return out;
}

StatusOr<AssignmentModel> FitAssignmentModel(const std::vector<LabelledCandidate>& examples,
                                             const FitOptions& options) {
  size_t positives = 0;
  for (const auto& e : examples) positives += e.same;
  if (examples.empty() || positives == 0 || positives == examples.size()) {
    return Status::InvalidArgument("FitAssignmentModel: need examples of both classes (" +
                                   std::to_string(positives) + " same of " +
                                   std::to_string(examples.size()) + ")");
  }
  std::vector<std::array<double, kDim>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    auto in = ModelInputs(examples[i].features);
    x[i][0] = 1;
    std::copy(in.begin(), in.end(), x[i].begin() + 1);
  }
  double total_weight = 0;
  for (const auto& e : examples) total_weight += e.same ? options.positive_weight : 1.0;
  std::vector<double> w(kDim, 0.0);
  for (int it = 0; it < options.iterations; ++it) {
    std::vector<double> grad(kDim, 0.0), hess(kDim * kDim, 0.0);
    for (size_t i = 0; i < examples.size(); ++i) {
      double z = 0;
      for (size_t k = 0; k < kDim; ++k) z += w[k] * x[i][k];
      double p = Sigmoid(z);
      double cw = (examples[i].same ? options.positive_weight : 1.0) / total_weight;
      double r = cw * (p - (examples[i].same ? 1.0 : 0.0));
      double s = cw * std::max(p * (1 - p), 1e-12);
      for (size_t k = 0; k < kDim; ++k) {
        grad[k] += r * x[i][k];
        for (size_t l = k; l < kDim; ++l) hess[k * kDim + l] += s * x[i][k] * x[i][l];
      }
    }
    for (size_t k = 0; k < kDim; ++k) {
      for (size_t l = 0; l < k; ++l) hess[k * kDim + l] = hess[l * kDim + k];
      if (k > 0) {
        grad[k] += options.l2 * w[k];
        hess[k * kDim + k] += options.l2;
      } else {
        hess[0] += 1e-9;
      }
    }
    if (!Solve(hess, grad)) {
      return Status::InvalidArgument("FitAssignmentModel: singular Hessian at iteration " +
                                     std::to_string(it));
    }
    double step = 0;
    for (size_t k = 0; k < kDim; ++k) {
      w[k] -= grad[k];
      step = std::max(step, std::abs(grad[k]));
    }
    if (!std::isfinite(step)) return Status::InvalidArgument("FitAssignmentModel: diverged");
    if (step < 1e-9) break;
  }
  return AssignmentModel(std::move(w));
}

AssignmentModel DefaultJoinModel() {
  return AssignmentModel();  // off by default: see the header
}

}  // namespace headwater::stories
