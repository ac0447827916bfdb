// A store written before the reuse sketch changed (signature format 1) still finds copies of its
// articles: the pipeline sketches old signatures again from the stored text when it loads them.
#include <nlohmann/json.hpp>

#include "pipeline_test_util.h"
#include "reuse/shingle.h"

namespace headwater::pipeline {
namespace {

using json = nlohmann::json;
using testing::Harness;

const char* kText =
    "The river authority opened the northern floodgates on Tuesday evening after three days of "
    "rain raised the reservoir above its summer mark, officials of the authority said. Farmers "
    "downstream were told to move livestock to higher pasture before dawn. The authority said the "
    "release would last at least two days and that the old stone bridge at Millford would be "
    "closed to traffic while the water passed under it. A spokeswoman for the county said "
    "emergency shelters had been opened in the school gymnasium and in the community hall, and "
    "that buses would leave the market square every hour for residents without cars. Engineers "
    "inspected the dam wall on Monday and found no damage, the authority added.";

PipelineOptions NoGazetteer() {
  PipelineOptions o;
  o.load_gazetteer = false;
  return o;
}

std::string Line(const std::string& url, const std::string& published,
                 const std::string& lead = "") {
  return json{{"url", url}, {"title", "Floodgates opened"}, {"published", published},
              {"text", lead + kText}, {"lang", "en"}}
             .dump() +
         "\n";
}

TEST(SignatureUpgrade, OldFormatSignaturesAreSketchedAgainAndStillFindCopies) {
  Harness h(/*gazetteer=*/false);
  h.IngestText(Line("https://riverpost.example/floodgates", "2024-03-05T18:00:00Z"));
  auto a = h.store->FindByUrl(CanonicalUrl("https://riverpost.example/floodgates").value());
  ASSERT_TRUE(a.ok() && a->has_value());
  ArticleId original = **a;

  // What an older binary stored: format 1, anchors the current sketch never produces.
  reuse::Signature old;
  old.anchors = {11, 22, 33};
  std::string bytes = reuse::EncodeSignature(old);
  bytes[0] = 1;
  ASSERT_TRUE(h.store->SetSignature(original, bytes).ok());

  // A new process opens the store and ingests a syndicated copy.
  h.pipe.reset();
  auto p = Pipeline::Open(h.store.get(), NoGazetteer(), &h.clock);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  h.pipe = std::move(p).value();
  // (A lead of its own, so it is not a duplicate of the original's text.)
  h.IngestText(Line("https://valleyherald.example/floodgates-copy", "2024-03-06T08:00:00Z",
                    "Residents of the valley woke to sirens on Wednesday. "));

  auto sigs = h.store->Signatures();
  ASSERT_TRUE(sigs.ok());
  for (const auto& [id, sig] : *sigs) {
    EXPECT_EQ(reuse::SignatureVersion(sig), reuse::kSignatureVersion) << "article " << id;
  }
  auto copy = h.store->FindByUrl(
      CanonicalUrl("https://valleyherald.example/floodgates-copy").value());
  ASSERT_TRUE(copy.ok() && copy->has_value());
  auto edges = h.store->ReuseOf(**copy);
  ASSERT_TRUE(edges.ok());
  bool found = false;
  for (const ReuseEdge& e : *edges) {
    if (e.source_id == original && e.copy_id == **copy) found = true;
  }
  EXPECT_TRUE(found) << "the copy is not linked to the article whose signature was upgraded";
}

}  // namespace
}  // namespace headwater::pipeline
