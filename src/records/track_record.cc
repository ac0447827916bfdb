// Track records: one pass over the outcomes, filtering by originator and age, bucketing by
// verdict, then the Beta posterior mean (see track_record.h).
#include "records/track_record.h"

#include <algorithm>
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
  struct Acc {
    TrackRecord total;
    std::map<int, TrackRecordSlice> by_year;
    std::map<std::string, TrackRecordSlice> by_region;
  };
  std::unordered_map<OutletId, Acc> acc;
  std::unordered_map<std::string, std::string> region_cache;
  for (const StoryOutcome& o : outcomes) {
    if (!OldEnough(o, now, options)) continue;
    const std::string* region = nullptr;
    int year = 0;
    if (region_of) {
      auto it = region_cache.find(o.country);
      if (it == region_cache.end()) it = region_cache.emplace(o.country, region_of(o.country)).first;
      region = &it->second;
      year = YearOf(o.first_seen);
    }
    for (OutletId outlet : o.origin_outlets) {
      Acc& a = acc[outlet];
      Count(o, outlet, options, &a.total);
      if (region_of) {
        Count(o, outlet, options, &a.by_year[year]);
        Count(o, outlet, options, &a.by_region[*region]);
      }
    }
  }
  std::unordered_map<OutletId, TrackRecord> records;
  for (auto& [outlet, a] : acc) {
    TrackRecord t = std::move(a.total);
    Finish(options, &t);
    for (auto& [year, x] : a.by_year) {
      x.key = std::to_string(year);
      Finish(options, &x);
      t.by_year.push_back(std::move(x));
    }
    for (auto& [region, x] : a.by_region) {
      x.key = region;
      Finish(options, &x);
      t.by_region.push_back(std::move(x));
    }
    records.emplace(outlet, std::move(t));
  }
  return [records = std::move(records)](OutletId outlet) -> std::optional<TrackRecord> {
    auto it = records.find(outlet);
    if (it == records.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace headwater::records
