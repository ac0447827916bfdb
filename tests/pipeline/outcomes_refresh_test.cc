// Track records after several batches: the pipeline that ingested them refreshes only the
// outcomes of the stories a batch changed, and must agree with a pipeline that reads every story
// afresh — also when another connection committed in between. And the outcomes blob a writer
// leaves beside its stories (kOutcomesBlob): equal to what every report gives, dropped by the
// store when a story is written without it, refused when malformed or made under another policy.
#include <algorithm>

#include "pipeline_test_util.h"

namespace headwater::pipeline {
namespace {

using testing::Harness;
using testing::RepoPath;

std::unique_ptr<Pipeline> OpenPipeline(store::Store* store, const Clock* clock) {
  PipelineOptions o;
  o.load_gazetteer = false;
  auto p = Pipeline::Open(store, o, clock);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::move(p).value() : nullptr;
}

// Every outlet's track record as "originated/corroborated/single_source/refuted" lines.
std::string Records(Pipeline& pipe, store::Store* store) {
  std::string out;
  auto outlets = store->ListOutlets();
  EXPECT_TRUE(outlets.ok());
  for (const Outlet& o : *outlets) {
    auto r = pipe.OutletTrackRecord(o.id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || r->originated == 0) continue;
    out += o.name + " " + std::to_string(r->originated) + "/" + std::to_string(r->corroborated) +
           "/" + std::to_string(r->single_source) + "/" + std::to_string(r->refuted) + "\n";
  }
  return out;
}

TEST(OutcomesRefresh, AfterEachBatchTheIngestingPipelineAgreesWithAFreshOne) {
  Harness h(/*gazetteer=*/false);
  h.pipe = OpenPipeline(h.store.get(), &h.clock);
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  h.IngestFile(RepoPath("demo/batch1.jsonl"));
  std::string after1 = Records(*h.pipe, h.store.get());  // reads every outcome
  EXPECT_FALSE(after1.empty()) << "no outlet originated a story: the test shows nothing";

  h.IngestFile(RepoPath("demo/batch2.jsonl"));  // refreshes the changed stories only
  auto fresh = OpenPipeline(h.store.get(), &h.clock);
  std::string after2 = Records(*h.pipe, h.store.get());
  EXPECT_EQ(after2, Records(*fresh, h.store.get()));
  EXPECT_NE(after2, after1) << "batch 2 changed no track record: the test shows nothing";
}

TEST(OutcomesRefresh, ACommitByAnotherConnectionIsSeen) {
  Harness h(/*gazetteer=*/false);
  h.pipe = OpenPipeline(h.store.get(), &h.clock);
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  h.IngestFile(RepoPath("demo/batch1.jsonl"));
  std::string before = Records(*h.pipe, h.store.get());

  // Batch 2 arrives through a second connection and pipeline.
  store::StoreOptions so;
  so.path = h.db_path;
  auto other = store::Store::Open(so);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto other_pipe = OpenPipeline(other->get(), &h.clock);
  auto parsed = ingest::ReadJsonl(RepoPath("demo/batch2.jsonl"));
  ASSERT_TRUE(parsed.ok());
  ASSERT_TRUE(other_pipe->Ingest(parsed->articles, parsed->errors, false).ok());

  // The first pipeline's next batch (one new article) must not keep its old outcomes.
  h.IngestText(
      R"({"url":"https://prairiestandard.com/2023/11/02/county-fair-dates","title":"County fair dates set",)"
      R"("published":"2023-11-02T09:00:00Z","lang":"en","text":"The county board set the dates of next )"
      R"(summer's fair on Thursday, the board's chairman said after the meeting."})"
      "\n");
  auto fresh = OpenPipeline(h.store.get(), &h.clock);
  std::string now = Records(*h.pipe, h.store.get());
  EXPECT_EQ(now, Records(*fresh, h.store.get()));
  EXPECT_NE(now, before);
}

// Outcomes as sorted text lines, to compare sets whatever their order.
std::string Dump(std::vector<records::StoryOutcome> v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.story < b.story; });
  std::string out;
  for (const records::StoryOutcome& o : v) {
    out += std::to_string(o.story) + " " + std::to_string(o.first_seen) + " " +
           provenance::VerdictName(o.verdict) + (o.refuted ? " refuted " : " ") + o.country + " [";
    for (OutletId id : o.origin_outlets) out += std::to_string(id) + ",";
    out += "] [";
    for (OutletId id : o.refuted_outlets) out += std::to_string(id) + ",";
    out += "]\n";
  }
  return out;
}

TEST(OutcomesBlob, RoundTripAndRefusals) {
  std::vector<records::StoryOutcome> v(2);
  v[0].story = 7;
  v[0].first_seen = 1700000000;
  v[0].country = "MX";
  v[0].verdict = provenance::Verdict::kDisputed;
  v[0].origin_outlets = {3, 9};
  v[1].story = 8;
  v[1].refuted = true;
  v[1].refuted_outlets = {4};
  std::string blob = SerializeOutcomes(v, /*corrections_refute=*/false);
  auto back = ParseOutcomes(blob, false);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(Dump(*back), Dump(v));
  EXPECT_FALSE(ParseOutcomes(blob, true).has_value()) << "made under the other policy";
  EXPECT_FALSE(ParseOutcomes(blob.substr(0, blob.size() - 1), false).has_value()) << "truncated";
  EXPECT_FALSE(ParseOutcomes(blob + "x", false).has_value()) << "trailing bytes";
  EXPECT_FALSE(ParseOutcomes("", false).has_value());
  std::string bad = blob;
  bad[5 + 1 + 8 + 8 + 8] = 9;  // magic, policy, count, story, first_seen: then the verdict byte
  EXPECT_FALSE(ParseOutcomes(bad, false).has_value()) << "verdict out of range";
}

TEST(OutcomesBlob, AWriterLeavesOutcomesEqualToEveryReportAndAStoryWriteDropsThem) {
  Harness h(/*gazetteer=*/false);
  h.pipe = OpenPipeline(h.store.get(), &h.clock);
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  h.IngestFile(RepoPath("demo/batch1.jsonl"));
  h.IngestFile(RepoPath("demo/batch2.jsonl"));
  auto blob = h.store->GetBlob(kOutcomesBlob);
  ASSERT_TRUE(blob.ok() && blob->has_value()) << "the writer left no outcomes";
  auto fresh = OpenPipeline(h.store.get(), &h.clock);
  auto from_blob = fresh->Outcomes();
  ASSERT_TRUE(from_blob.ok()) << from_blob.status().ToString();
  ASSERT_FALSE((*from_blob)->empty());

  // Writing a story back unchanged drops the blob (a writer without outcomes must not leave
  // stale ones); other blobs stay. A new pipeline then reads every report.
  auto stories = h.store->ListStories({});
  ASSERT_TRUE(stories.ok() && !stories->empty());
  ASSERT_TRUE(h.store->UpsertStory(stories->front()).ok());
  auto dropped = h.store->GetBlob(kOutcomesBlob);
  ASSERT_TRUE(dropped.ok());
  EXPECT_FALSE(dropped->has_value());
  auto clusterer = h.store->GetBlob("stories.clusterer");
  ASSERT_TRUE(clusterer.ok());
  EXPECT_TRUE(clusterer->has_value());
  auto every_report = OpenPipeline(h.store.get(), &h.clock);
  auto recomputed = every_report->Outcomes();
  ASSERT_TRUE(recomputed.ok()) << recomputed.status().ToString();
  EXPECT_EQ(Dump(**from_blob), Dump(**recomputed));
}

}  // namespace
}  // namespace headwater::pipeline
