// Track records after several batches: the pipeline that ingested them refreshes only the
// outcomes of the stories a batch changed, and must agree with a pipeline that reads every story
// afresh — also when another connection committed in between.
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

}  // namespace
}  // namespace headwater::pipeline
