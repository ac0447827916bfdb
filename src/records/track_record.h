// Track records of outlets (DESIGN.md, "Track record"): of the stories an outlet originated that
// are old enough to judge, how many were later corroborated by independent origins, how many
// stayed single-source, how many were retracted or refuted — with a smoothed estimate, never a
// bare score.
//
// The estimate is the mean of the Beta posterior of "a story this outlet originates gets
// corroborated", with prior Beta(alpha, beta) (default Beta(1, 1), uniform):
//   estimate = (corroborated + alpha) / (originated + alpha + beta), in [0, 1];
// higher means the outlet's stories are more often corroborated; an outlet with no judged story
// gets alpha / (alpha + beta) = 0.5. Disputed stories count as judged but not corroborated.
// Thread-safety: pure functions; the lookup returned by MakeTrackRecordLookup is immutable and
// may be called concurrently.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "provenance/provenance.h"

namespace headwater::records {

using provenance::TrackRecord;
using provenance::TrackRecordSlice;

// What became of one story, as the track records need it.
struct StoryOutcome {
  StoryId story = 0;
  std::vector<OutletId> origin_outlets;  // outlets of the story's asserting origins
  UnixSeconds first_seen = 0;            // when the story was first seen
  std::string country;                   // primary country
  provenance::Verdict verdict = provenance::Verdict::kSingleSource;
  // Retracted or refuted (a later article says so; provenance::Report::retractions): `refuted`
  // for every originator (a retraction naming no report in particular), refuted_outlets for the
  // originators whose report was named.
  bool refuted = false;
  std::vector<OutletId> refuted_outlets;
};

struct TrackRecordOptions {
  // Stories first seen less than this long before `now` are too young to judge (a second source
  // may still come). Default 180 days.
  int64_t min_age_days = 180;
  // Beta prior of the estimate: alpha pseudo-stories corroborated, beta not. Default Beta(1, 1).
  double prior_alpha = 1.0;
  double prior_beta = 1.0;
  // A partly-corroborated story (two or more independent origins, fewer than the policy asks)
  // counts as corroborated: independent origins did confirm it. Default true.
  bool partly_counts_as_corroborated = true;
};

// The outcome of an analyzed story: its asserting origins' outlets (external ones included,
// unknown outlets left out), first seen (the story's, else its earliest article), country,
// verdict, and which originators' reports were retracted or refuted (report.retractions of kind
// retracted/refuted; corrections only when corrections_refute). `refuted` forces the whole
// story refuted.
StoryOutcome OutcomeOf(const provenance::Report& report, const provenance::StoryInput& in,
                       bool refuted = false, bool corrections_refute = false);

// Whether `outlet`'s report in this outcome counts as retracted or refuted.
bool RefutedFor(const StoryOutcome& o, OutletId outlet);

// (successes + alpha) / (trials + alpha + beta), in [0, 1]. REQUIRES: alpha, beta > 0.
double BetaPosteriorMean(int successes, int trials, double alpha, double beta);

// The track record of `outlet` over the outcomes it originated that are old enough at `now`.
TrackRecord ComputeTrackRecord(OutletId outlet, const std::vector<StoryOutcome>& outcomes,
                               UnixSeconds now, const TrackRecordOptions& options = {});

// The same, split by region (region_of maps a story's country to a region name, e.g. the name of
// the policy chosen for it: PolicySet::ForCountry(cc).name) and by year of first_seen (UTC).
// Only regions / years with at least one judged story appear.
std::map<std::string, TrackRecord> TrackRecordByRegion(
    OutletId outlet, const std::vector<StoryOutcome>& outcomes, UnixSeconds now,
    const std::function<std::string(std::string_view country)>& region_of,
    const TrackRecordOptions& options = {});
std::map<int, TrackRecord> TrackRecordByYear(OutletId outlet,
                                             const std::vector<StoryOutcome>& outcomes,
                                             UnixSeconds now,
                                             const TrackRecordOptions& options = {});

// A lookup for provenance::StoryInput::track_record over precomputed outcomes: the outlet's
// record, or nullopt when it originated no judged story. With region_of, each record also
// carries by_year and by_region slices (TrackRecord::by_year / by_region).
std::function<std::optional<TrackRecord>(OutletId)> MakeTrackRecordLookup(
    const std::vector<StoryOutcome>& outcomes, UnixSeconds now,
    const TrackRecordOptions& options = {},
    const std::function<std::string(std::string_view country)>& region_of = nullptr);

// Track records of every outlet over a fixed set of outcomes, built once (one pass, O(outcomes ×
// origins)) and asked many times: Get() is O(slices of the outlet), and can leave one story out
// (a story's own outcome must not vouch for its origins), so recomputing N stories costs O(N)
// rather than O(N²). Immutable after construction: Get() may be called concurrently.
class TrackRecordIndex {
 public:
  // region_of may be empty: then no by_year / by_region slices.
  TrackRecordIndex(const std::vector<StoryOutcome>& outcomes, UnixSeconds now,
                   const TrackRecordOptions& options = {},
                   std::function<std::string(std::string_view country)> region_of = nullptr);

  // The record of `outlet` over every outcome but story `exclude` (0 = none); nullopt when no
  // judged story is left.
  std::optional<TrackRecord> Get(OutletId outlet, StoryId exclude = 0) const;

 private:
  struct Acc {
    TrackRecordSlice total;
    std::map<int, TrackRecordSlice> by_year;
    std::map<std::string, TrackRecordSlice> by_region;
  };
  struct Judged {  // one judged outcome, as counted
    StoryId story = 0;
    int year = 0;
    std::string region;
    std::vector<std::pair<OutletId, int>> outlets;  // outlet -> bucket (0 corr, 1 single, 2 ref, 3 other)
  };
  TrackRecordOptions options_;
  bool slices_ = false;
  std::unordered_map<OutletId, Acc> acc_;
  std::unordered_map<StoryId, Judged> judged_;
};

// The UTC calendar year of t.
int YearOf(UnixSeconds t);

}  // namespace headwater::records
