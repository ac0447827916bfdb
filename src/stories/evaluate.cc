// B-cubed and pairwise scores from the contingency table of (predicted, gold) label pairs.
//
// With n_pg = items in predicted cluster p and gold class g, n_p and n_g the marginals:
//   B-cubed precision = (1/N) * sum_{p,g} n_pg^2 / n_p,  recall = (1/N) * sum n_pg^2 / n_g
//   pairwise: together-in-both = sum C(n_pg, 2), predicted pairs = sum C(n_p, 2),
//             gold pairs = sum C(n_g, 2).
#include "stories/evaluate.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <utility>

namespace headwater::stories {
namespace {

struct Table {
  std::map<std::pair<int64_t, int64_t>, double> joint;
  std::map<int64_t, double> pred, gold;
};

Table Count(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold) {
  assert(predicted.size() == gold.size());
  Table t;
  for (size_t i = 0; i < predicted.size(); ++i) {
    t.joint[{predicted[i], gold[i]}] += 1;
    t.pred[predicted[i]] += 1;
    t.gold[gold[i]] += 1;
  }
  return t;
}

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }
double Pairs(double n) { return n * (n - 1) / 2; }

}  // namespace

ClusteringScores BCubed(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold) {
  if (predicted.empty()) return {1, 1, 1};
  Table t = Count(predicted, gold);
  double p = 0, r = 0;
  for (const auto& [key, n] : t.joint) {
    p += n * n / t.pred[key.first];
    r += n * n / t.gold[key.second];
  }
  double total = static_cast<double>(predicted.size());
  ClusteringScores s;
  s.precision = p / total;
  s.recall = r / total;
  s.f1 = F1(s.precision, s.recall);
  return s;
}

ClusteringScores Pairwise(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold) {
  Table t = Count(predicted, gold);
  double both = 0, pred_pairs = 0, gold_pairs = 0;
  for (const auto& [key, n] : t.joint) both += Pairs(n);
  for (const auto& [key, n] : t.pred) pred_pairs += Pairs(n);
  for (const auto& [key, n] : t.gold) gold_pairs += Pairs(n);
  ClusteringScores s;
  s.precision = pred_pairs > 0 ? both / pred_pairs : 1;
  s.recall = gold_pairs > 0 ? both / gold_pairs : 1;
  s.f1 = F1(s.precision, s.recall);
  return s;
}

double ClassCoverage(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold,
                     int64_t gold_class) {
  std::map<int64_t, double> in_class;
  double total = 0;
  for (size_t i = 0; i < predicted.size() && i < gold.size(); ++i) {
    if (gold[i] != gold_class) continue;
    in_class[predicted[i]] += 1;
    total += 1;
  }
  double best = 0;
  for (const auto& [p, n] : in_class) best = std::max(best, n);
  return total > 0 ? best / total : 0;
}

}  // namespace headwater::stories
