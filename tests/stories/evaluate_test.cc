#include "stories/evaluate.h"

#include <gtest/gtest.h>

namespace headwater::stories {
namespace {

TEST(BCubed, PerfectClustering) {
  ClusteringScores s = BCubed({7, 7, 9}, {1, 1, 2});
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 1);
  EXPECT_DOUBLE_EQ(s.f1, 1);
}

TEST(BCubed, HandWorkedExample) {
  // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
  // Precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/3 / 5 = 11/15.
  // Recall per item:    a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/3 / 5 = 11/15.
  ClusteringScores s = BCubed({1, 1, 2, 2, 2}, {10, 10, 10, 20, 20});
  EXPECT_DOUBLE_EQ(s.precision, 11.0 / 15);
  EXPECT_DOUBLE_EQ(s.recall, 11.0 / 15);
  EXPECT_DOUBLE_EQ(s.f1, 11.0 / 15);
}

TEST(BCubed, AllInOneCluster) {
  // Gold {a,b} {c,d}; predicted one cluster: precision 1/2 each, recall 1.
  ClusteringScores s = BCubed({5, 5, 5, 5}, {1, 1, 2, 2});
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 1);
  EXPECT_DOUBLE_EQ(s.f1, 2.0 / 3);
}

TEST(BCubed, AllSingletons) {
  // Gold {a,b,c} {d}; predicted singletons: precision 1, recall (1/3*3 + 1) / 4 = 1/2.
  ClusteringScores s = BCubed({1, 2, 3, 4}, {9, 9, 9, 8});
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 2.0 / 3);
}

TEST(Pairwise, HandWorkedExample) {
  // Gold {a,b,c} {d,e}: gold pairs ab ac bc de = 4. Predicted {a,b} {c,d,e}: ab cd ce de = 4.
  // Together in both: ab, de = 2. P = 2/4, R = 2/4.
  ClusteringScores s = Pairwise({1, 1, 2, 2, 2}, {10, 10, 10, 20, 20});
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);
}

TEST(Pairwise, SingletonsClaimNothing) {
  // No predicted pairs: precision 1 by convention, recall 0 (gold has pair ab), F1 0.
  ClusteringScores s = Pairwise({1, 2, 3}, {4, 4, 5});
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 0);
  EXPECT_DOUBLE_EQ(s.f1, 0);
}

TEST(Pairwise, OverMerged) {
  // Gold {a,b} {c}; predicted all together: 3 predicted pairs, 1 gold pair, 1 shared.
  ClusteringScores s = Pairwise({1, 1, 1}, {4, 4, 5});
  EXPECT_DOUBLE_EQ(s.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.recall, 1);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);
}

TEST(ClassCoverage, LargestShare) {
  EXPECT_DOUBLE_EQ(ClassCoverage({1, 1, 2, 3}, {7, 7, 7, 8}, 7), 2.0 / 3);
  EXPECT_DOUBLE_EQ(ClassCoverage({1, 1, 2, 3}, {7, 7, 7, 8}, 8), 1);
  EXPECT_DOUBLE_EQ(ClassCoverage({1}, {7}, 9), 0);
}

}  // namespace
}  // namespace headwater::stories
