// The provenance stage of Pipeline::Ingest and the story inputs it reads: a touched story's
// articles, attributions and reuse edges (from the StoryInputCache, brought up to date with the
// batch's new articles, or read whole from the store), analyzed on worker_threads threads.
#include <algorithm>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "normalize/places.h"
#include "pipeline/pipeline.h"
#include "pipeline/views.h"

namespace headwater::pipeline {

using json = nlohmann::json;

namespace {
// The story's primary country from its articles' places and first dateline (in article order).
std::string PrimaryCountryOf(const std::vector<Article>& articles) {
  std::map<std::pair<std::string, std::string>, PlaceMention> places;
  const Dateline* dateline = nullptr;
  for (const Article& a : articles) {
    for (const PlaceMention& p : a.places) {
      auto& agg = places[{p.name, p.country}];
      if (agg.name.empty())
        agg = p;
      else
        agg.mentions += p.mentions;
    }
    if (!dateline && !a.dateline.country.empty()) dateline = &a.dateline;
  }
  std::vector<PlaceMention> merged;
  for (auto& [k, p] : places) merged.push_back(p);
  std::sort(merged.begin(), merged.end(),
            [](const PlaceMention& a, const PlaceMention& b) { return a.mentions > b.mentions; });
  return normalize::PrimaryCountry(merged, dateline);
}
}  // namespace

// A story's articles, attributions and the reuse edges among them, read whole from the store.
StatusOr<CachedStory> Pipeline::StoryInputParts(StoryId id) {
  CachedStory c;
  HW_ASSIGN_OR_RETURN(auto record, store_->GetStory(id));
  if (!record) return Status::NotFound("no story with id " + std::to_string(id));
  c.story = record->story;
  HW_ASSIGN_OR_RETURN(c.articles, store_->ArticlesOfStory(id));
  std::set<std::pair<ArticleId, ArticleId>> seen;
  std::unordered_set<ArticleId> members;
  for (const Article& a : c.articles) members.insert(a.id);
  c.attribution_counts.reserve(c.articles.size());
  for (const Article& a : c.articles) {
    HW_ASSIGN_OR_RETURN(auto attrs, store_->AttributionsOf(a.id));
    c.attribution_counts.push_back(static_cast<uint32_t>(attrs.size()));
    for (Attribution& at : attrs) c.attributions.push_back(std::move(at));
    HW_ASSIGN_OR_RETURN(auto edges, store_->ReuseOf(a.id));
    for (ReuseEdge& e : edges) {
      if (!members.count(e.source_id) || !members.count(e.copy_id)) continue;
      if (seen.emplace(e.source_id, e.copy_id).second) c.reuse.push_back(std::move(e));
    }
  }
  SortReuseEdges(&c.reuse);
  return c;
}

StatusOr<provenance::StoryInput> Pipeline::LoadStoryInput(StoryId id) {
  HW_ASSIGN_OR_RETURN(CachedStory c, StoryInputParts(id));
  provenance::StoryInput in;
  in.story = std::move(c.story);
  in.articles = std::move(c.articles);
  in.attributions = std::move(c.attributions);
  in.reuse = std::move(c.reuse);
  in.story.country = PrimaryCountryOf(in.articles);
  in.outlets = registry_.get();
  // A track record says how an outlet's OTHER stories turned out: this story is left out, or
  // an origin would vouch for itself.
  HW_ASSIGN_OR_RETURN(std::shared_ptr<const records::TrackRecordIndex> index, TrackIndex());
  in.track_record = [index, id](OutletId outlet) { return index->Get(outlet, id); };
  return in;
}

namespace {
constexpr size_t kStoriesPerRound = 64;  // inputs held at once in the provenance stage

// One touched story in the provenance stage: its input, then the record to write.
struct StoryWork {
  CachedStory parts;  // emptied into `in` while it is analyzed, then filled back
  provenance::StoryInput in;
  store::StoryRecord record;
  std::optional<records::StoryOutcome> outcome;  // of `record`, for RefreshOutcomes
  Status status;
};
}  // namespace

Status Pipeline::UpdateStories(const std::set<StoryId>& ids) {
  // Articles of this batch per story, in batch order (a cached story reads only these).
  std::unordered_map<StoryId, std::vector<ArticleId>> added;
  for (const Article& a : batch_articles_) added[a.story_id].push_back(a.id);
  HW_ASSIGN_OR_RETURN(std::shared_ptr<const records::TrackRecordIndex> index, TrackIndex());
  UnixSeconds now = clock_->Now();
  std::vector<StoryId> order(ids.begin(), ids.end());
  for (size_t round = 0; round < order.size(); round += kStoriesPerRound) {
    size_t n = std::min(kStoriesPerRound, order.size() - round);
    std::vector<StoryWork> work(n);
    // 1. Inputs (this thread: the store connection is not shared).
    for (size_t i = 0; i < n; ++i) {
      StoryId id = order[round + i];
      StoryWork& w = work[i];
      std::optional<CachedStory> cached = story_cache_.Take(id);
      if (cached) {
        for (ArticleId aid : added[id]) {
          if (cached->Has(aid)) continue;
          HW_ASSIGN_OR_RETURN(Article art, store_->GetArticle(aid));
          HW_ASSIGN_OR_RETURN(auto attrs, store_->AttributionsOf(aid));
          HW_ASSIGN_OR_RETURN(auto edges, store_->ReuseOf(aid));
          cached->AddArticle(std::move(art), std::move(attrs), edges);
        }
        w.parts = std::move(*cached);
      } else {
        HW_ASSIGN_OR_RETURN(w.parts, StoryInputParts(id));
      }
      provenance::StoryInput& in = w.in;
      in.story = w.parts.story;
      in.articles = std::move(w.parts.articles);
      in.attributions = std::move(w.parts.attributions);
      in.reuse = std::move(w.parts.reuse);
      in.outlets = registry_.get();
      in.track_record = [index, id](OutletId outlet) { return index->Get(outlet, id); };
      in.cache = &fact_cache_;
      Story& st = in.story;
      st.country = PrimaryCountryOf(in.articles);
      if (clusterer_) {
        std::string title = clusterer_->Title(id);
        if (!title.empty()) st.title = title;
        st.key_terms = clusterer_->KeyTerms(id);
      }
      if (st.title.empty() && !in.articles.empty()) st.title = in.articles.front().title;
      st.first_seen = st.last_seen = 0;
      for (const Article& a : in.articles) {
        UnixSeconds t = a.published.value_or(a.ingested);
        if (st.first_seen == 0 || t < st.first_seen) st.first_seen = t;
        st.last_seen = std::max(st.last_seen, t);
      }
      st.status = clusterer_ && clusterer_->IsDormant(id, now) ? StoryStatus::kDormant
                                                               : StoryStatus::kActive;
    }
    // 2. Analysis and report documents: pure functions of the inputs, on up to
    //    worker_threads threads (the fact cache is shared and locks itself).
    std::atomic<size_t> next{0};
    auto analyze = [&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) {
        StoryWork& w = work[i];
        try {
          provenance::Report report = provenance::Analyze(w.in, policies_);
          store::StoryRecord& r = w.record;
          r.story = w.in.story;
          r.verdict = provenance::VerdictName(report.verdict);
          r.policy = report.policy;
          json doc = MakeDocument(w.in, report);
          r.counts_json = doc.value("counts", json::object()).dump();
          r.updated = now;
          // The outcome reads the whole document: take it before the stored form consumes it.
          w.outcome = OutcomeOfRecord(r, doc);
          r.report_json = StoredReportJson(std::move(doc));
        } catch (const std::exception& e) {
          w.status = Status::Internal("story " + std::to_string(w.in.story.id) + ": " + e.what());
        }
      }
    };
    std::thread helper;
    if (options_.worker_threads > 1 && n > 1) helper = std::thread(analyze);
    analyze();
    if (helper.joinable()) helper.join();
    // 3. Reports written in story order; inputs go back to the cache.
    for (StoryWork& w : work) {
      HW_RETURN_IF_ERROR(w.status);
      HW_RETURN_IF_ERROR(store_->UpsertStory(w.record));
      batch_outcomes_[w.record.story.id] = std::move(w.outcome);
      if (!story_cache_.enabled()) continue;
      CachedStory& c = w.parts;
      c.story = w.record.story;
      c.articles = std::move(w.in.articles);
      c.attributions = std::move(w.in.attributions);
      c.reuse = std::move(w.in.reuse);
      story_cache_.Put(c.story.id, std::move(c));
    }
  }
  return Status::Ok();
}

}  // namespace headwater::pipeline
