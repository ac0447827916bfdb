// Policies: named rules for when a story counts as corroborated, chosen by the story's primary
// country (DESIGN.md, "Policy"). Users edit them in share/policies.toml:
//
//   [policies.latin-america]
//   countries = ["MX", "GT", ...]        # ISO 3166-1 alpha-2; omitted or [] for `default`
//   min_independent_origins = 2
//   min_in_country_origins = 2
//   anonymous_only_counts = true
//   denials_dispute = false
//
// A policy named "default" is required; it applies to every country no other policy lists. A
// country may be listed by one policy only. An optional table sets how track records judge:
//
//   [track_records]
//   min_age_days = 180          # stories younger than this are too young to judge (0..36500)
//   corrections_refute = false  # does a correction count against the originator like a
//                               # retraction? (retractions and refutations always do)
// Thread-safety: a PolicySet is an immutable value after Parse/Load; share it freely.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace headwater::provenance {

struct Policy {
  std::string name;
  std::vector<std::string> countries;  // ISO alpha-2 this policy applies to (empty = default)
  int min_independent_origins = 2;     // >= 1
  int min_in_country_origins = 0;      // >= 0
  bool anonymous_only_counts = true;   // do origins whose only sources are anonymous count?
  bool denials_dispute = false;        // does an official denial make the story disputed?
};

// The [track_records] table; unset keys are nullopt (the caller's defaults apply).
struct TrackRecordPolicy {
  std::optional<int> min_age_days;
  std::optional<bool> corrections_refute;
};

class PolicySet {
 public:
  // Parses the TOML text. Errors name source_name, the table and the key at fault (and the line
  // for TOML syntax errors).
  static StatusOr<PolicySet> Parse(std::string_view toml_text, std::string_view source_name);
  static StatusOr<PolicySet> Load(const std::string& path);
  // FindDataFile("policies.toml") (common/paths.h).
  static StatusOr<PolicySet> LoadDefault();
  // A set holding only the built-in default policy (2 independent, 0 in-country origins).
  static PolicySet BuiltIn();

  // The policy listing country, else the one named "default". country compares upper-cased.
  const Policy& ForCountry(std::string_view country) const;
  const std::vector<Policy>& policies() const { return policies_; }
  const TrackRecordPolicy& track_records() const { return track_records_; }
  // Where the policies came from: the file name given to Parse/Load, or "built-in".
  const std::string& source() const { return source_; }

 private:
  PolicySet() = default;          // only through Parse/BuiltIn: a set always holds "default"
  std::vector<Policy> policies_;  // "default" first, then the others by name
  size_t default_index_ = 0;
  std::string source_ = "built-in";
  TrackRecordPolicy track_records_;
};

}  // namespace headwater::provenance
