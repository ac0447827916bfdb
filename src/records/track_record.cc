// Track records: one pass over the outcomes, filtering by originator and age, bucketing by
// verdict, then the Beta posterior mean (see track_record.h).
#include "records/track_record.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace headwater::records {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

bool Originated(const StoryOutcome& o, OutletId outlet) {
  return std::find(o.origin_outlets.begin(), o.origin_outlets.end(), outlet) !=
         o.origin_outlets.end();
}

bool OldEnough(const StoryOutcome& o, UnixSeconds now, const TrackRecordOptions& opt) {
  return now - o.first_seen >= opt.min_age_days * kSecondsPerDay;
}

// Adds one judged outcome of `outlet` to the counts (estimate left for Finish). T is TrackRecord
// or TrackRecordSlice.
template <typename T>
void Count(const StoryOutcome& o, OutletId outlet, const TrackRecordOptions& opt, T* t) {
  using provenance::Verdict;
  ++t->originated;
  if (RefutedFor(o, outlet)) {
    ++t->refuted;
  } else if (o.verdict == Verdict::kCorroborated ||
             (opt.partly_counts_as_corroborated && o.verdict == Verdict::kPartlyCorroborated)) {
    ++t->corroborated;
  } else if (o.verdict == Verdict::kSingleSource) {
    ++t->single_source;
  }
}

template <typename T>
void Finish(const TrackRecordOptions& opt, T* t) {
  t->estimate = BetaPosteriorMean(t->corroborated, t->originated, opt.prior_alpha, opt.prior_beta);
}

}  // namespace

int YearOf(UnixSeconds t) {
  // Civil year from days since the epoch (Howard Hinnant's algorithm, as in common/time).
  int64_t z = (t >= 0 ? t : t - (kSecondsPerDay - 1)) / kSecondsPerDay + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return static_cast<int>(m <= 2 ? y + 1 : y);
}

bool RefutedFor(const StoryOutcome& o, OutletId outlet) {
  return o.refuted || std::find(o.refuted_outlets.begin(), o.refuted_outlets.end(), outlet) !=
                          o.refuted_outlets.end();
}

StoryOutcome OutcomeOf(const provenance::Report& report, const provenance::StoryInput& in,
                       bool refuted, bool corrections_refute) {
  StoryOutcome o;
  o.story = in.story.id;
  o.country = in.story.country;
  o.verdict = report.verdict;
  o.refuted = refuted;
  o.first_seen = in.story.first_seen;
  if (o.first_seen == 0) {
    std::optional<UnixSeconds> first;
    for (const Article& a : in.articles) {
      if (a.published && (!first || *a.published < *first)) first = a.published;
    }
    o.first_seen = first.value_or(0);
  }
  for (const provenance::OriginInfo& origin : report.origins) {
    if (origin.denies || origin.outlet_id == 0) continue;
    if (!Originated(o, origin.outlet_id)) o.origin_outlets.push_back(origin.outlet_id);
    if (origin.retracted || origin.refuted || (corrections_refute && origin.corrected)) {
      if (std::find(o.refuted_outlets.begin(), o.refuted_outlets.end(), origin.outlet_id) ==
          o.refuted_outlets.end())
        o.refuted_outlets.push_back(origin.outlet_id);
    }
  }
  return o;
}

double BetaPosteriorMean(int successes, int trials, double alpha, double beta) {
  return (successes + alpha) / (trials + alpha + beta);
}

TrackRecord ComputeTrackRecord(OutletId outlet, const std::vector<StoryOutcome>& outcomes,
                               UnixSeconds now, const TrackRecordOptions& options) {
  TrackRecord t;
  for (const StoryOutcome& o : outcomes) {
    if (Originated(o, outlet) && OldEnough(o, now, options)) Count(o, outlet, options, &t);
  }
  Finish(options, &t);
  return t;
}

std::map<std::string, TrackRecord> TrackRecordByRegion(
    OutletId outlet, const std::vector<StoryOutcome>& outcomes, UnixSeconds now,
    const std::function<std::string(std::string_view country)>& region_of,
    const TrackRecordOptions& options) {
  std::map<std::string, TrackRecord> out;
  for (const StoryOutcome& o : outcomes) {
    if (Originated(o, outlet) && OldEnough(o, now, options)) {
      Count(o, outlet, options, &out[region_of(o.country)]);
    }
  }
  for (auto& [region, t] : out) Finish(options, &t);
  return out;
}

std::map<int, TrackRecord> TrackRecordByYear(OutletId outlet,
                                             const std::vector<StoryOutcome>& outcomes,
                                             UnixSeconds now, const TrackRecordOptions& options) {
  std::map<int, TrackRecord> out;
  for (const StoryOutcome& o : outcomes) {
    if (Originated(o, outlet) && OldEnough(o, now, options)) {
      Count(o, outlet, options, &out[YearOf(o.first_seen)]);
    }
  }
  for (auto& [year, t] : out) Finish(options, &t);
  return out;
}

std::function<std::optional<TrackRecord>(OutletId)> MakeTrackRecordLookup(
    const std::vector<StoryOutcome>& outcomes, UnixSeconds now, const TrackRecordOptions& options,
    const std::function<std::string(std::string_view country)>& region_of) {
  auto index = std::make_shared<const TrackRecordIndex>(outcomes, now, options, region_of);
  return [index](OutletId outlet) { return index->Get(outlet); };
}

namespace {

// The bucket an outcome falls in for `outlet`: 0 corroborated, 1 single-source, 2 refuted,
// 3 judged but neither (disputed, unsourced). Mirrors Count().
int Bucket(const StoryOutcome& o, OutletId outlet, const TrackRecordOptions& opt) {
  using provenance::Verdict;
  if (RefutedFor(o, outlet)) return 2;
  if (o.verdict == Verdict::kCorroborated ||
      (opt.partly_counts_as_corroborated && o.verdict == Verdict::kPartlyCorroborated))
    return 0;
  if (o.verdict == Verdict::kSingleSource) return 1;
  return 3;
}

void Add(TrackRecordSlice* t, int bucket, int sign) {
  t->originated += sign;
  if (bucket == 0) t->corroborated += sign;
  if (bucket == 1) t->single_source += sign;
  if (bucket == 2) t->refuted += sign;
}

}  // namespace

TrackRecordIndex::TrackRecordIndex(const std::vector<StoryOutcome>& outcomes, UnixSeconds now,
                                   const TrackRecordOptions& options,
                                   std::function<std::string(std::string_view country)> region_of)
    : options_(options), slices_(static_cast<bool>(region_of)) {
  std::unordered_map<std::string, std::string> region_cache;
  for (const StoryOutcome& o : outcomes) {
    if (!OldEnough(o, now, options_) || o.origin_outlets.empty()) continue;
    Judged j;
    j.story = o.story;
    if (slices_) {
      auto it = region_cache.find(o.country);
      if (it == region_cache.end()) it = region_cache.emplace(o.country, region_of(o.country)).first;
      j.region = it->second;
      j.year = YearOf(o.first_seen);
    }
    for (OutletId outlet : o.origin_outlets) {
      int bucket = Bucket(o, outlet, options_);
      j.outlets.emplace_back(outlet, bucket);
      Acc& a = acc_[outlet];
      Add(&a.total, bucket, 1);
      if (slices_) {
        Add(&a.by_year[j.year], bucket, 1);
        Add(&a.by_region[j.region], bucket, 1);
      }
    }
    if (o.story != 0) judged_[o.story] = std::move(j);
  }
}

std::optional<TrackRecord> TrackRecordIndex::Get(OutletId outlet, StoryId exclude) const {
  auto it = acc_.find(outlet);
  if (it == acc_.end()) return std::nullopt;
  TrackRecordSlice total = it->second.total;
  const Judged* skip = nullptr;
  int skip_bucket = -1;
  if (exclude != 0) {
    auto j = judged_.find(exclude);
    if (j != judged_.end()) {
      for (const auto& [o, bucket] : j->second.outlets)
        if (o == outlet) {
          skip = &j->second;
          skip_bucket = bucket;
        }
    }
  }
  if (skip) Add(&total, skip_bucket, -1);
  if (total.originated <= 0) return std::nullopt;
  TrackRecord t;
  t.originated = total.originated;
  t.corroborated = total.corroborated;
  t.single_source = total.single_source;
  t.refuted = total.refuted;
  Finish(options_, &t);
  if (slices_) {
    for (const auto& [year, x] : it->second.by_year) {
      TrackRecordSlice s = x;
      if (skip && skip->year == year) Add(&s, skip_bucket, -1);
      if (s.originated <= 0) continue;
      s.key = std::to_string(year);
      Finish(options_, &s);
      t.by_year.push_back(std::move(s));
    }
    for (const auto& [region, x] : it->second.by_region) {
      TrackRecordSlice s = x;
      if (skip && skip->region == region) Add(&s, skip_bucket, -1);
      if (s.originated <= 0) continue;
      s.key = region;
      Finish(options_, &s);
      t.by_region.push_back(std::move(s));
    }
  }
  return t;
}

}  // namespace headwater::records
