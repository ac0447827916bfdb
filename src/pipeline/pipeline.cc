#include "pipeline/pipeline.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "common/text.h"
#include "common/url.h"
#include "normalize/places.h"
#include "pipeline/views.h"

namespace headwater::pipeline {

using json = nlohmann::json;

namespace {
constexpr const char* kClustererBlob = "stories.clusterer";

// The places the clusterer reads from an article: its places' names, then its dateline country.
std::vector<std::string> StoryPlaces(const Article& a) {
  std::vector<std::string> places;
  places.reserve(a.places.size() + 1);
  for (const PlaceMention& p : a.places) places.push_back(p.name);
  if (!a.dateline.country.empty()) places.push_back(a.dateline.country);
  return places;
}

// Adds the wall time of its scope to a stage's total (instrumentation only: no decision reads it).
class StageTimer {
 public:
  StageTimer(IngestSummary* s, const char* stage)
      : s_(s), stage_(stage), start_(std::chrono::steady_clock::now()) {}
  ~StageTimer() {
    s_->stage_seconds[stage_] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  IngestSummary* s_;
  const char* stage_;
  std::chrono::steady_clock::time_point start_;
};
}  // namespace

std::string IngestSummary::ToString() const {
  std::string s = std::to_string(lines) + " lines: " + std::to_string(added) + " added, " +
                  std::to_string(duplicates) + " duplicate" + (duplicates == 1 ? "" : "s") + ", " +
                  std::to_string(skipped) + " skipped; " + std::to_string(stories_touched.size()) +
                  " stor" + (stories_touched.size() == 1 ? "y" : "ies") + " touched (" +
                  std::to_string(stories_new.size()) + " new); " + std::to_string(reuse_edges) +
                  " reuse edges, " + std::to_string(attributions) + " attributions";
  return s;
}

Pipeline::Pipeline(store::Store* store, PipelineOptions options, const Clock* clock)
    : store_(store),
      options_(std::move(options)),
      clock_(clock),
      policies_(provenance::PolicySet::BuiltIn()),
      extractor_(options_.attribution),
      story_cache_(options_.story_cache) {}

Pipeline::~Pipeline() = default;

StatusOr<std::unique_ptr<Pipeline>> Pipeline::Open(store::Store* store, PipelineOptions options,
                                                   const Clock* clock) {
  std::unique_ptr<Pipeline> p(new Pipeline(store, std::move(options), clock));
  HW_RETURN_IF_ERROR(p->LoadRegistry());
  if (p->options_.policies_path.empty()) {
    HW_ASSIGN_OR_RETURN(p->policies_, provenance::PolicySet::LoadDefault());
  } else {
    HW_ASSIGN_OR_RETURN(p->policies_, provenance::PolicySet::Load(p->options_.policies_path));
  }
  return p;
}

Status Pipeline::LoadRegistry() {
  registry_ = std::make_unique<normalize::OutletRegistry>();
  HW_ASSIGN_OR_RETURN(std::vector<Outlet> outlets, store_->ListOutlets());
  for (Outlet& o : outlets) registry_->Add(std::move(o));
  return Status::Ok();
}

StatusOr<size_t> Pipeline::ImportOutlets(const std::vector<Outlet>& outlets) {
  HW_RETURN_IF_ERROR(store_->Begin());
  for (const Outlet& o : outlets) {
    auto id = store_->UpsertOutlet(o);
    if (!id.ok()) {
      (void)store_->Rollback();
      return Status(id.status().code(), "outlet \"" + o.name + "\": " + id.status().message());
    }
  }
  Status s = store_->Commit();
  if (!s.ok()) {
    (void)store_->Rollback();
    return s;
  }
  HW_RETURN_IF_ERROR(LoadRegistry());
  return outlets.size();
}

const Outlet* Pipeline::LookupOutlet(const std::string& given, const std::string& host) const {
  if (const Outlet* o = registry_->FindByDomain(host)) return o;
  if (!given.empty()) {
    if (const Outlet* o = registry_->FindByName(given)) return o;
    if (given.find('.') != std::string::npos)
      if (const Outlet* o = registry_->FindByDomain(given)) return o;
  }
  return registry_->FindByName(normalize::UnverifiedOutlet(given, host).name);
}

StatusOr<const Outlet*> Pipeline::ResolveOutlet(const std::string& given, const std::string& host) {
  if (const Outlet* o = LookupOutlet(given, host)) return o;
  Outlet fresh = normalize::UnverifiedOutlet(given, host);
  HW_ASSIGN_OR_RETURN(OutletId id, store_->UpsertOutlet(fresh));
  fresh.id = id;
  ++outlets_added_;
  return registry_->Add(std::move(fresh));
}

// Signatures stored by an older format are sketched again from their articles' text, in one
// transaction, so a store made before a change of the reuse sketch still finds copies of its
// articles (the stored reuse edges are kept as they are).
Status Pipeline::ResketchSignatures(const std::vector<ArticleId>& ids) {
  HW_RETURN_IF_ERROR(store_->Begin());
  for (ArticleId id : ids) {
    auto article = store_->GetArticle(id);
    Status st = article.status();
    reuse::Signature sig;
    if (st.ok()) {
      sig = reuse::Sketch(reuse::ShingleSequence(article->text, options_.reuse), options_.reuse);
      st = store_->SetSignature(id, reuse::EncodeSignature(sig));
    }
    if (!st.ok()) {
      (void)store_->Rollback();
      return st;
    }
    if (!sig.empty()) reuse_->Add(id, sig);
  }
  return store_->Commit();
}

StatusOr<IngestSummary> Pipeline::Ingest(const std::vector<ingest::RawArticle>& raw,
                                         const std::vector<ingest::LineError>& parse_errors,
                                         bool strict, const Progress& progress) {
  IngestSummary summary;
  summary.lines = raw.size() + parse_errors.size();
  summary.errors = parse_errors;
  summary.skipped = parse_errors.size();
  if (strict && !parse_errors.empty())
    return Status::InvalidArgument(parse_errors.front().ToString() +
                                   " (--strict: nothing committed)");

  if (options_.load_gazetteer && !gazetteer_) {
    auto g = normalize::Gazetteer::LoadDefault();
    if (!g.ok()) return g.status();
    gazetteer_ = std::move(g).value();
  }
  if (!reuse_) {
    reuse_ = std::make_unique<reuse::ReuseDetector>(options_.reuse);
    HW_ASSIGN_OR_RETURN(auto sigs, store_->Signatures());
    std::vector<ArticleId> stale;  // signatures of an older format: sketched again below
    for (auto& [id, bytes] : sigs) {
      if (reuse::SignatureVersion(bytes) != reuse::kSignatureVersion) {
        stale.push_back(id);
        continue;
      }
      auto sig = reuse::DecodeSignature(bytes);
      if (!sig.ok())
        return Status::Corruption("signature of article " + std::to_string(id) + ": " +
                                  sig.status().message());
      reuse_->Add(id, *sig);
    }
    if (!stale.empty()) HW_RETURN_IF_ERROR(ResketchSignatures(stale));
  }
  // The clusterer is kept across batches; it is read again only when another connection has
  // committed since (its stored state may then be newer than ours). Reading and rebuilding it
  // for every batch cost O(stories held) per batch.
  if (clusterer_) {
    auto version = store_->DataVersion();
    if (!version.ok() || *version != clusterer_data_version_) {
      clusterer_.reset();
      story_cache_.Clear();  // another connection may have added articles to cached stories
      surviving_.clear();
    }
  }
  if (!clusterer_) {
    auto version = store_->DataVersion();
    clusterer_data_version_ = version.ok() ? *version : -1;
    HW_ASSIGN_OR_RETURN(auto blob, store_->GetBlob(kClustererBlob));
    if (blob) {
      HW_ASSIGN_OR_RETURN(auto c, stories::StoryClusterer::Deserialize(*blob, options_.stories));
      clusterer_ = std::make_unique<stories::StoryClusterer>(std::move(c));
    } else {
      clusterer_ = std::make_unique<stories::StoryClusterer>(options_.stories);
    }
  }

  // Process in order of publication (unknown times last, in input order).
  std::vector<size_t> order(raw.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto& pa = raw[a].input.published;
    const auto& pb = raw[b].input.published;
    if (pa && pb) return *pa < *pb;
    return pa.has_value() && !pb.has_value();
  });

  if (outcomes_) {
    auto version = store_->DataVersion();
    if (!version.ok() || *version != outcomes_data_version_) outcomes_.reset();
  }
  track_index_.reset();
  merged_in_batch_.clear();
  batch_outcomes_.clear();
  HW_RETURN_IF_ERROR(store_->Begin());
  auto fail = [&](Status s) -> Status {
    (void)store_->Rollback();
    // The in-memory indexes saw articles that were rolled back: drop them, reload next batch.
    reuse_.reset();
    clusterer_.reset();
    story_cache_.Clear();
    surviving_.clear();
    batch_outcomes_.clear();
    outcomes_.reset();
    track_index_.reset();
    (void)LoadRegistry();
    return s;
  };
  normalize::Normalizer normalizer(options_.normalize, gazetteer_.get());
  auto resolve = [this](const std::string& given, const std::string& host) {
    return ResolveOutlet(given, host);
  };
  // Per-article stages before the store (normalize, attribution) run first for the whole batch on
  // worker_threads threads, against the registry as it was before the batch: an article whose
  // outlet is not in the registry yet is normalized in order below (its outlet is created then),
  // and attributions found before an outlet was created in this batch are found again in order,
  // so every result is the one of a sequential run.
  std::vector<UnixSeconds> nows(order.size());
  for (UnixSeconds& t : nows) t = clock_->Now();
  std::vector<PreparedArticle> prepared(order.size());
  PrepareArticles(raw, order, normalizer, nows, &prepared, &summary);
  size_t outlets_before = outlets_added_;
  std::unordered_map<std::string, bool> seen_in_batch;
  batch_articles_.clear();
  batch_index_.clear();
  batch_articles_.reserve(raw.size());
  size_t done = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    const ingest::RawArticle& r = raw[order[k]];
    PreparedArticle& pre = prepared[k];
    // Once an outlet was created in this batch, an article normalized before may resolve to
    // another outlet now (the new one's domain or name): then it is normalized again.
    if (!pre.deferred && pre.article.ok() && outlets_added_ != outlets_before) {
      const Outlet* now = LookupOutlet(r.input.outlet, HostOf(r.input.url));
      if (!now || now->id != pre.article->outlet_id) pre.deferred = true;
    }
    auto normalized = [&]() -> StatusOr<Article> {
      if (!pre.deferred) return std::move(pre.article);
      StageTimer t(&summary, "normalize");
      return normalizer.Normalize(r.input, resolve, nows[k]);
    }();
    if (!normalized.ok()) {
      ingest::LineError e{r.file, r.line, "", normalized.status().message()};
      if (strict)
        return fail(Status::InvalidArgument(e.ToString() + " (--strict: nothing committed)"));
      summary.errors.push_back(e);
      ++summary.skipped;
      continue;
    }
    Article a = std::move(normalized).value();
    std::string hash_key = "h" + std::to_string(a.content_hash);
    bool dup_in_batch = seen_in_batch.count(a.canonical_url) ||
                        (a.content_hash != 0 && seen_in_batch.count(hash_key));
    auto dup = store_->FindDuplicate(a.canonical_url, a.content_hash);
    if (!dup.ok()) return fail(dup.status());
    if (dup_in_batch || dup->has_value()) {
      ++summary.duplicates;
    } else {
      seen_in_batch[a.canonical_url] = true;
      if (a.content_hash) seen_in_batch[hash_key] = true;
      const std::vector<Attribution>* found =
          !pre.deferred && outlets_added_ == outlets_before ? &pre.attributions : nullptr;
      Status s = ProcessArticle(a, found, pre.deferred ? nullptr : &pre.terms, &summary);
      if (!s.ok())
        return fail(Status(s.code(), r.file + ":" + std::to_string(r.line) + ": " + s.message()));
      ++summary.added;
    }
    if (progress) progress(++done, raw.size());
  }
  {
    StageTimer provenance_timer(&summary, "provenance");
    Status s = UpdateStories(summary.stories_touched);
    if (!s.ok()) return fail(s);
  }
  // The outcomes were read before this batch's reports were written: refresh the changed ones,
  // and leave them beside the stories for the next reader, in the batch's transaction.
  std::set<StoryId> changed = summary.stories_touched;
  changed.insert(merged_in_batch_.begin(), merged_in_batch_.end());
  if (Status r = RefreshOutcomes(changed); !r.ok()) outcomes_.reset();
  batch_outcomes_.clear();
  track_index_.reset();
  Status s = store_->PutBlob(kClustererBlob, clusterer_->Serialize());
  if (s.ok() && outcomes_)
    s = store_->PutBlob(kOutcomesBlob, SerializeOutcomes(*outcomes_, CorrectionsRefute()));
  if (s.ok()) s = store_->Commit();
  if (!s.ok()) return fail(s);
  batch_articles_.clear();
  batch_index_.clear();
  batch_articles_.shrink_to_fit();
#ifdef __GLIBC__
  if (options_.trim_heap_after_batch) malloc_trim(0);
#endif
  return summary;
}

void Pipeline::PrepareArticles(const std::vector<ingest::RawArticle>& raw,
                               const std::vector<size_t>& order,
                               const normalize::Normalizer& normalizer,
                               const std::vector<UnixSeconds>& nows,
                               std::vector<PreparedArticle>* out, IngestSummary* summary) {
  std::atomic<size_t> next{0};
  std::mutex mu;
  for (auto& e : term_extractors_) {
    if (!e) e = std::make_unique<stories::TermExtractor>(options_.stories.terms);
  }
  auto work = [&](stories::TermExtractor* terms) {
    double normalize_s = 0, attribution_s = 0, stories_s = 0;
    for (size_t k; (k = next.fetch_add(1)) < order.size();) {
      PreparedArticle& p = (*out)[k];
      auto t0 = std::chrono::steady_clock::now();
      bool unknown = false;
      auto lookup = [&](const std::string& given,
                        const std::string& host) -> StatusOr<const Outlet*> {
        if (const Outlet* o = LookupOutlet(given, host)) return o;
        unknown = true;
        return Status::NotFound("outlet not in the registry yet");
      };
      p.article = normalizer.Normalize(raw[order[k]].input, lookup, nows[k]);
      p.deferred = unknown;
      auto t1 = std::chrono::steady_clock::now();
      normalize_s += std::chrono::duration<double>(t1 - t0).count();
      if (p.deferred || !p.article.ok()) continue;
      const Article& a = *p.article;
      attribution::Context ctx;
      ctx.lang = a.lang;
      ctx.outlets = registry_.get();
      ctx.own_outlet = a.outlet_id;
      ctx.links = a.links;
      try {
        p.attributions = extractor_.Extract(a.text, ctx);
      } catch (const std::exception&) {
        p.deferred = true;  // done again in order, where the error is reported
      }
      auto t2 = std::chrono::steady_clock::now();
      attribution_s += std::chrono::duration<double>(t2 - t1).count();
      if (p.deferred) continue;
      // The clusterer's terms: a pure function of these fields (ProcessArticle passes the same).
      p.terms = terms->Extract(a.lang, a.title, a.text, StoryPlaces(a));
      stories_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count();
    }
    std::lock_guard<std::mutex> lock(mu);
    summary->stage_seconds["normalize"] += normalize_s;
    summary->stage_seconds["attribution"] += attribution_s;
    summary->stage_seconds["stories"] += stories_s;
  };
  std::thread helper;
  if (options_.worker_threads > 1 && order.size() > 1)
    helper = std::thread(work, term_extractors_[1].get());
  work(term_extractors_[0].get());
  if (helper.joinable()) helper.join();
}

Status Pipeline::ProcessArticle(Article& a, const std::vector<Attribution>* found,
                                std::optional<std::vector<stories::RawTerm>>* terms,
                                IngestSummary* summary) {
  {
    StageTimer t(summary, "store");
    HW_ASSIGN_OR_RETURN(a.id, store_->InsertArticle(a));
  }
  batch_index_[a.id] = batch_articles_.size();
  batch_articles_.push_back(a);
  const Article& stored = batch_articles_.back();

  // Reuse: candidates from the index, exact check against their texts.
  std::unordered_map<ArticleId, Article> cache;
  auto fetch = [&](ArticleId id) -> const Article* {
    if (auto b = batch_index_.find(id); b != batch_index_.end()) return &batch_articles_[b->second];
    auto it = cache.find(id);
    if (it != cache.end()) return &it->second;
    auto got = store_->GetArticle(id);
    if (!got.ok()) return nullptr;
    return &cache.emplace(id, std::move(got).value()).first->second;
  };
  std::vector<ReuseEdge> edges;
  {
    StageTimer t(summary, "reuse");
    edges = reuse_->Process(stored, fetch);
  }
  std::vector<StoryId> linked;
  for (const ReuseEdge& e : edges) {
    const Article* copy = fetch(e.copy_id);
    const Article* source = fetch(e.source_id);
    std::string upstream;
    if (copy) {
      upstream = reuse::WireCredit(copy->text, copy->byline);
      const Outlet* wire = upstream.empty() ? nullptr : registry_->FindByName(upstream);
      if (source && wire && wire->id == source->outlet_id) upstream.clear();
    }
    HW_RETURN_IF_ERROR(store_->InsertReuse(e, upstream));
    ++summary->reuse_edges;
    // A whole copy belongs with its source's story. A partial overlap does not pull stories
    // together: it is often shared boilerplate or one quoted paragraph (measured: on the
    // multi-outlet events, partial edges chained the Spotify story into the Helsinki summit).
    ArticleId other = e.source_id == a.id ? e.copy_id : e.source_id;
    if (e.cls == ReuseClass::kWhole)
      if (const Article* o = fetch(other); o && o->story_id) linked.push_back(o->story_id);
  }
  HW_RETURN_IF_ERROR(store_->SetSignature(a.id, reuse::EncodeSignature(reuse_->last_signature())));

  // Attribution.
  attribution::Context ctx;
  ctx.lang = a.lang;
  ctx.outlets = registry_.get();
  ctx.own_outlet = a.outlet_id;
  ctx.links = a.links;
  std::vector<Attribution> attributions;
  if (found) {
    attributions = *found;
  } else {
    StageTimer t(summary, "attribution");
    attributions = extractor_.Extract(a.text, ctx);
  }
  HW_RETURN_IF_ERROR(store_->InsertAttributions(a.id, attributions));
  summary->attributions += attributions.size();

  // Links to stored articles pull this one toward their stories.
  for (const std::string& link : a.links) {
    HW_ASSIGN_OR_RETURN(auto target, store_->FindByUrl(link));
    if (target) {
      if (const Article* t = fetch(*target); t && t->story_id) linked.push_back(t->story_id);
    }
  }

  // Stories.
  stories::ArticleFeatures f;
  f.id = a.id;
  f.time = a.published.value_or(a.ingested);
  f.lang = a.lang;
  f.title = a.title;
  f.text = a.text;
  f.places = StoryPlaces(a);
  f.linked_stories = linked;
  if (terms != nullptr) f.terms = std::move(*terms);
  stories::Assignment as;
  {
    StageTimer t(summary, "stories");
    as = clusterer_->Assign(f);
  }
  HW_ASSIGN_OR_RETURN(as.story, Surviving(as.story));
  // An article that copies or links articles of several stories shows they are one happening:
  // the later stories merge into the earliest (recorded, never silently rewritten).
  std::set<StoryId> others;
  for (StoryId s : linked) {
    HW_ASSIGN_OR_RETURN(StoryId live, Surviving(s));
    if (live != as.story) others.insert(live);
  }
  // Stories the clusterer merged into this one because their content grew together
  // (stories::Options::merge_threshold): recorded the same way, with the reason "content".
  std::set<StoryId> by_content;
  for (StoryId s : as.merged_from) {
    HW_ASSIGN_OR_RETURN(StoryId live, Surviving(s));
    if (live != as.story && !others.count(live)) by_content.insert(live);
  }
  if ((!others.empty() || !by_content.empty()) && !as.is_new) {
    StoryId into = as.story;
    if (!others.empty()) into = std::min(into, *others.begin());
    if (!by_content.empty()) into = std::min(into, *by_content.begin());
    others.insert(as.story);
    for (StoryId s : by_content) others.insert(s);
    others.erase(into);
    for (StoryId from : others) {
      std::string why = by_content.count(from) ? "content " + a.canonical_url : a.canonical_url;
      HW_RETURN_IF_ERROR(store_->MergeStory(from, into, clock_->Now(), why));
      surviving_[from] = into;
      merged_in_batch_.insert(from);
      story_cache_.Erase(from);
      story_cache_.Erase(into);
      for (Article& b : batch_articles_)
        if (b.story_id == from) b.story_id = into;
      summary->stories_touched.erase(from);
      summary->stories_new.erase(from);
    }
    as.story = into;
  }
  a.story_id = as.story;
  batch_articles_.back().story_id = as.story;
  UnixSeconds now = clock_->Now();
  if (as.is_new) {
    store::StoryRecord r;
    r.story.id = as.story;
    r.story.title = a.title;
    r.story.first_seen = r.story.last_seen = f.time;
    r.updated = now;
    HW_RETURN_IF_ERROR(store_->UpsertStory(r));
    HW_RETURN_IF_ERROR(store_->RecordStoryEvent(as.story, now, "created", a.canonical_url));
    summary->stories_new.insert(as.story);
  } else if (as.revived) {
    HW_RETURN_IF_ERROR(store_->RecordStoryEvent(as.story, now, "revived", a.canonical_url));
  }
  HW_RETURN_IF_ERROR(store_->RecordStoryEvent(
      as.story, now, "assigned",
      json{{"url", a.canonical_url}, {"score", as.score}, {"new", as.is_new}}.dump()));
  HW_RETURN_IF_ERROR(store_->SetArticleStory(a.id, as.story));
  summary->stories_touched.insert(as.story);
  return Status::Ok();
}

StatusOr<StoryId> Pipeline::Surviving(StoryId id) {
  // As store::SurvivingStory (at most 64 hops), reading each story's merge state once.
  for (int hops = 0; hops < 64 && id != 0; ++hops) {
    auto it = surviving_.find(id);
    if (it == surviving_.end()) {
      HW_ASSIGN_OR_RETURN(auto r, store_->GetStory(id));
      // A story not stored yet is one the clusterer has just started: it is stored live.
      StoryId into = r ? r->story.merged_into : 0;
      it = surviving_.emplace(id, into).first;
    }
    if (it->second == 0) return id;
    id = it->second;
  }
  return id;
}

records::TrackRecordOptions Pipeline::TrackRecordOptions() const {
  records::TrackRecordOptions o = options_.track_records;
  if (policies_.track_records().min_age_days)
    o.min_age_days = *policies_.track_records().min_age_days;
  return o;
}

StatusOr<std::shared_ptr<const records::TrackRecordIndex>> Pipeline::TrackIndex() {
  if (track_index_ && outcomes_) return track_index_;
  HW_ASSIGN_OR_RETURN(const std::vector<records::StoryOutcome>* outcomes, Outcomes());
  // The policy set is copied into the function: the index may outlive this pipeline's policies.
  track_index_ = std::make_shared<const records::TrackRecordIndex>(
      *outcomes, clock_->Now(), TrackRecordOptions(),
      [policies = policies_](std::string_view cc) { return policies.ForCountry(cc).name; });
  return track_index_;
}

StatusOr<provenance::TrackRecord> Pipeline::OutletTrackRecord(OutletId outlet) {
  HW_ASSIGN_OR_RETURN(std::shared_ptr<const records::TrackRecordIndex> index, TrackIndex());
  provenance::TrackRecord none;
  none.estimate = records::BetaPosteriorMean(0, 0, TrackRecordOptions().prior_alpha,
                                             TrackRecordOptions().prior_beta);
  return index->Get(outlet).value_or(none);
}

json Pipeline::MakeDocument(const provenance::StoryInput& in, const provenance::Report& r) const {
  json doc = provenance::ReportToJson(r, in);
  doc["id"] = std::to_string(in.story.id);
  doc["title"] = in.story.title;
  doc["status"] = StoryStatusName(in.story.status);
  doc["first_seen"] =
      in.story.first_seen ? json(FormatRfc3339(in.story.first_seen)) : json(nullptr);
  doc["last_seen"] = in.story.last_seen ? json(FormatRfc3339(in.story.last_seen)) : json(nullptr);
  doc["key_terms"] = in.story.key_terms;
  return doc;
}

StatusOr<StoryReport> Pipeline::StoryDocument(StoryId id) {
  StoryReport out;
  HW_ASSIGN_OR_RETURN(out.input, LoadStoryInput(id));
  out.report = provenance::Analyze(out.input, policies_);
  out.json = MakeDocument(out.input, out.report);
  return out;
}

}  // namespace headwater::pipeline
