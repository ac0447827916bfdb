// Quality of the attribution stage on the PolNeAR dev split (real data, shared/). The floors
// are the figures measured on dev when the stage was tuned on train, minus a hair; a drop below
// any of them is a regression. Set HW_POLNEAR_SPLIT=train to print the train figures instead
// (no assertions then); set HW_POLNEAR_DUMP=<dir> to write the predictions as brat files there.
#include "attribution/polnear.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "test_util.h"

namespace headwater::attribution::polnear {
namespace {

// Measured on dev with the default Options, learned filter and cue tagger included (cue exact
// 0.677, source overlap 0.753, content overlap 0.737, attribution 0.710), minus 0.01.
constexpr double kFloorCueExact = 0.667, kFloorSourceOverlap = 0.743,
                 kFloorContentOverlap = 0.727, kFloorAttribution = 0.700;

TEST(PolnearQuality, DevFloors) {
  const char* split_env = std::getenv("HW_POLNEAR_SPLIT");
  std::string split = split_env && *split_env ? split_env : "dev";
  std::string dir;
  HW_REQUIRE_SHARED_DATA("polnear/data/" + split, dir);
  auto docs = LoadSplit(dir);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_GT(docs->size(), 50u);
  Extractor extractor;
  Scores s = Evaluate(*docs, extractor);
  if (const char* dump = std::getenv("HW_POLNEAR_DUMP")) {  // error analysis: predictions as brat
    for (const Document& d : *docs) {
      std::ofstream o(std::string(dump) + "/" + d.name + ".ann");
      o << ToBrat(d.text, ToCodePoints(d.text, extractor.Extract(d.text, Context{})));
    }
  }
  std::cout << "PolNeAR " << split << " (" << docs->size() << " texts)\n" << s.ToString();
  if (split != "dev") return;
  EXPECT_GE(s.cue_exact.F1(), kFloorCueExact);
  EXPECT_GE(s.source_overlap.F1(), kFloorSourceOverlap);
  EXPECT_GE(s.content_overlap.F1(), kFloorContentOverlap);
  EXPECT_GE(s.attribution.F1(), kFloorAttribution);
}

}  // namespace
}  // namespace headwater::attribution::polnear
