// The pipeline of DESIGN.md run over one ingest batch, in one store transaction:
//   normalize -> duplicate check -> insert -> reuse -> attribution -> stories -> provenance.
// Articles of a batch are processed in order of publication, so reuse direction and story
// assignment see the stream as it happened. A batch either commits whole or not at all.
// Thread-safety: one Pipeline per thread; it owns no store, it borrows one.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "attribution/extractor.h"
#include "common/status.h"
#include "common/time.h"
#include "ingest/jsonl.h"
#include "normalize/gazetteer.h"
#include "normalize/normalizer.h"
#include "normalize/outlet_registry.h"
#include "pipeline/story_cache.h"
#include "provenance/fact_cache.h"
#include "provenance/policy.h"
#include "provenance/provenance.h"
#include "records/track_record.h"
#include "reuse/reuse.h"
#include "store/store.h"
#include "stories/clusterer.h"

namespace headwater::pipeline {

// The blob in which a writer leaves the track-record outcomes of every stored story beside the
// stories it wrote (outcomes.cc; deleted by the store whenever a story is written otherwise).
inline const std::string kOutcomesBlob =
    std::string(store::kStoryDerivedBlobPrefix) + "track-outcomes";
// The blob's value for `outcomes` computed with `corrections_refute` (policy), and back; nullopt
// for a malformed value or one computed under the other setting.
std::string SerializeOutcomes(const std::vector<records::StoryOutcome>& outcomes,
                              bool corrections_refute);
std::optional<std::vector<records::StoryOutcome>> ParseOutcomes(std::string_view blob,
                                                                bool corrections_refute);

struct PipelineOptions {
  normalize::NormalizerOptions normalize;
  reuse::Options reuse;
  attribution::Options attribution;
  stories::Options stories;
  std::string policies_path;  // "" = the default policies.toml found by FindDataFile
  // Track records shown for each origin; the policy file's [track_records] table (min_age_days,
  // corrections_refute) overrides these when it sets them.
  records::TrackRecordOptions track_records;
  bool corrections_refute = false;
  bool load_gazetteer =
      true;  // false: no places or dateline countries (tests that don't need them)
  // Provenance inputs of recently touched stories kept between batches (story_cache.h);
  // max_bytes = 0 reads every touched story whole from the store, as before 2026-11-25.
  StoryCacheOptions story_cache;
  // Threads (the calling one included) that normalize and extract attributions from a batch's
  // articles before they are stored, and that analyze the touched stories' provenance after;
  // every result is the same for any value. Default 2 (the second core of the target machine).
  int worker_threads = 2;
  // After each batch, hand the heap's free pages back to the system (glibc malloc_trim): the
  // batch's transient texts, JSON and shingles leave tens of MB free inside the heap that the
  // process otherwise keeps resident (30k bench articles: 55 MB free in the main arena at the
  // end; see docs/BENCHMARKS.md for the peak RSS it saves). Costs a few ms per batch.
  bool trim_heap_after_batch = true;
};

struct IngestSummary {
  size_t lines = 0;       // input lines with content
  size_t added = 0;       // new articles stored
  size_t duplicates = 0;  // same canonical URL or same normalized text as a stored article
  size_t skipped = 0;     // bad lines (errors) not stored
  size_t reuse_edges = 0;
  size_t attributions = 0;
  std::vector<ingest::LineError> errors;
  std::set<StoryId> stories_touched;
  std::set<StoryId> stories_new;
  // Wall seconds spent per stage ("normalize", "store", "reuse", "attribution", "stories",
  // "provenance"); instrumentation for `ingest --timings` and the benchmarks.
  std::map<std::string, double> stage_seconds;
  // "12 lines: 10 added, 1 duplicate, 1 skipped; 3 stories touched (1 new)".
  std::string ToString() const;
};

using Progress = std::function<void(size_t done, size_t total)>;

// A story's report as the CLI and the API show it: the provenance input and report, and the
// JSON document of CLI.md's `headwater story ID --json` (without "schema").
struct StoryReport {
  provenance::StoryInput input;
  provenance::Report report;
  nlohmann::json json;
};

class Pipeline {
 public:
  // Loads the outlet registry, the reuse index, the clusterer state and the policies.
  static StatusOr<std::unique_ptr<Pipeline>> Open(store::Store* store, PipelineOptions options,
                                                  const Clock* clock);
  ~Pipeline();

  // Runs every stage on the parsed articles in one transaction. Parse errors are counted as
  // skipped; with strict, any error (parse or normalize) aborts the batch and nothing is kept.
  StatusOr<IngestSummary> Ingest(const std::vector<ingest::RawArticle>& articles,
                                 const std::vector<ingest::LineError>& parse_errors, bool strict,
                                 const Progress& progress = nullptr);

  // Adds or updates registry outlets (one transaction) and reloads the in-memory registry.
  StatusOr<size_t> ImportOutlets(const std::vector<Outlet>& outlets);

  // Builds the provenance input of a stored story (articles, attributions, reuse edges among
  // them, primary country, track records of the outlets).
  StatusOr<provenance::StoryInput> LoadStoryInput(StoryId id);

  // The report of a stored story under the policies in force now.
  StatusOr<StoryReport> StoryDocument(StoryId id);

  // What became of every stored story, for track records (read once — from the outcomes blob the
  // last writer left when there is one, else from every story's report — then kept up to date by
  // this pipeline's batches; a read-only user opens a new Pipeline to see newer batches).
  StatusOr<const std::vector<records::StoryOutcome>*> Outcomes();
  // The track record of an outlet over every stored story (with by_year and by_region slices),
  // judged at the clock's now under the options and policy file in force.
  StatusOr<provenance::TrackRecord> OutletTrackRecord(OutletId outlet);
  // Track record options in force (PipelineOptions overridden by the policy file).
  records::TrackRecordOptions TrackRecordOptions() const;
  // Makes Outcomes() return these until the next batch: a server computes them once per store
  // generation and hands them to the read-only pipelines of its reader connections.
  void SetOutcomes(std::vector<records::StoryOutcome> outcomes) {
    outcomes_ = std::move(outcomes);
    track_index_.reset();
  }
  // The track-record index over Outcomes() (built on first need, O(outcomes)), to hand to other
  // pipelines of the same store generation with SetTrackIndex.
  StatusOr<std::shared_ptr<const records::TrackRecordIndex>> SharedTrackIndex() {
    return TrackIndex();
  }
  // Makes this pipeline use `index` (another pipeline's SharedTrackIndex over the outcomes given
  // to SetOutcomes) instead of building its own, until the next SetOutcomes or batch.
  void SetTrackIndex(std::shared_ptr<const records::TrackRecordIndex> index) {
    track_index_ = std::move(index);
  }

  const normalize::OutletRegistry& outlets() const { return *registry_; }
  const provenance::PolicySet& policies() const { return policies_; }
  const normalize::Gazetteer* gazetteer() const { return gazetteer_.get(); }
  const attribution::Extractor& extractor() const { return extractor_; }
  store::Store* store() { return store_; }

 private:
  Pipeline(store::Store* store, PipelineOptions options, const Clock* clock);
  Status LoadRegistry();
  StatusOr<const Outlet*> ResolveOutlet(const std::string& given, const std::string& host);
  // A batch article normalized, and its attributions found, before the batch is processed in
  // order (Ingest's first step).
  struct PreparedArticle {
    StatusOr<Article> article = Status::Internal("not prepared");
    bool deferred = false;  // the outlet was unknown: normalized again in order
    std::vector<Attribution> attributions;
    // The article's story-clustering terms (stories::ArticleFeatures::terms).
    std::optional<std::vector<stories::RawTerm>> terms;
  };
  void PrepareArticles(const std::vector<ingest::RawArticle>& raw, const std::vector<size_t>& order,
                       const normalize::Normalizer& normalizer,
                       const std::vector<UnixSeconds>& nows, std::vector<PreparedArticle>* out,
                       IngestSummary* summary);
  // The registry outlet ResolveOutlet would give without creating one; null when none.
  const Outlet* LookupOutlet(const std::string& given, const std::string& host) const;
  // found: the article's attributions when already extracted (else extracted here); terms: its
  // story-clustering terms when already extracted (moved from; else the clusterer extracts them).
  Status ProcessArticle(Article& article, const std::vector<Attribution>* found,
                        std::optional<std::vector<stories::RawTerm>>* terms,
                        IngestSummary* summary);
  // The provenance stage of a batch: every touched story's input (from the cache, brought up
  // to date with the batch's articles, or read whole), analyzed on worker_threads threads,
  // reports written in story order.
  Status UpdateStories(const std::set<StoryId>& ids);
  StatusOr<CachedStory> StoryInputParts(StoryId id);
  Status ResketchSignatures(const std::vector<ArticleId>& ids);
  // Track-record outcome of one stored story (nullopt for a merged story or one without a report).
  std::optional<records::StoryOutcome> OutcomeOfRecord(const store::StoryRecord& r) const;
  // The same from the record and its report document before it is stored (no parse).
  std::optional<records::StoryOutcome> OutcomeOfRecord(const store::StoryRecord& r,
                                                       const nlohmann::json& report) const;
  // store::SurvivingStory through surviving_: the story `id` lives on in.
  StatusOr<StoryId> Surviving(StoryId id);
  Status RefreshOutcomes(const std::set<StoryId>& changed);
  bool CorrectionsRefute() const;  // corrections count as refutations in track records
  nlohmann::json MakeDocument(const provenance::StoryInput& in, const provenance::Report& r) const;

  store::Store* store_;
  PipelineOptions options_;
  const Clock* clock_;
  std::unique_ptr<normalize::OutletRegistry> registry_;
  std::unique_ptr<normalize::Gazetteer> gazetteer_;
  provenance::PolicySet policies_;
  attribution::Extractor extractor_;
  std::unique_ptr<reuse::ReuseDetector> reuse_;
  std::unique_ptr<stories::StoryClusterer> clusterer_;
  int64_t clusterer_data_version_ = -1;  // the store's data version when clusterer_ was read
  std::vector<Article> batch_articles_;  // articles of the batch in flight, for reuse lookups
  std::unordered_map<ArticleId, size_t> batch_index_;  // id -> index into batch_articles_
  StoryInputCache story_cache_;
  size_t outlets_added_ = 0;  // unverified outlets created by ResolveOutlet, ever
  // Track records over outcomes_, built on first need; shared with the StoryInputs handed out.
  StatusOr<std::shared_ptr<const records::TrackRecordIndex>> TrackIndex();
  std::shared_ptr<const records::TrackRecordIndex> track_index_;
  std::optional<std::vector<records::StoryOutcome>> outcomes_;
  int64_t outcomes_data_version_ = -1;  // the store's data version when outcomes_ was read
  std::set<StoryId> merged_in_batch_;   // stories merged away by the batch in flight
  // Outcomes of the reports UpdateStories wrote in the batch in flight (RefreshOutcomes uses
  // them instead of reading the reports back).
  std::unordered_map<StoryId, std::optional<records::StoryOutcome>> batch_outcomes_;
  // Stories whose merge state this pipeline knows: id -> the story it merged into, 0 = live
  // (read from the store once, then kept by this pipeline's merges; cleared with the clusterer
  // when another connection commits, and when a batch fails).
  std::unordered_map<StoryId, StoryId> surviving_;
  // Per-article facts (retraction cues, wire credits) kept across batches: a story
  // recomputed after a new article scans only that article's text.
  provenance::FactCache fact_cache_;
  // One story-term extractor per PrepareArticles thread (TermExtractor is not thread-safe; its
  // stem caches are kept across batches).
  std::unique_ptr<stories::TermExtractor> term_extractors_[2];
};

}  // namespace headwater::pipeline
