// The outlet registry in memory: resolves a URL's host, a name, an alias or an abbreviation to
// an Outlet, and finds outlet names mentioned in a text.
//
// Names compare folded (common/text.h Fold) with a leading "the " and a possessive "'s" removed,
// so "The New York Times", "new york times" and "NYT's" (when "NYT" is an alias) all resolve.
// Domains match the host or any parent domain ("news.judicialwatch.org" -> "judicialwatch.org").
// Thread-safety: const methods may run concurrently; Add() needs exclusive access.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"

namespace headwater::normalize {

struct OutletMention {
  uint32_t begin = 0, end = 0;  // byte offsets of the name in the text
  const Outlet* outlet = nullptr;
};

class OutletRegistry {
 public:
  OutletRegistry() = default;
  OutletRegistry(const OutletRegistry&) = delete;
  OutletRegistry& operator=(const OutletRegistry&) = delete;

  // Adds an outlet (its id must be set and unique). Returns the stored copy.
  const Outlet* Add(Outlet outlet);

  const Outlet* Get(OutletId id) const;
  // By host or a parent domain of it; nullptr when none.
  const Outlet* FindByDomain(std::string_view host) const;
  // By name, alias or domain-as-name ("judicialwatch.org"); nullptr when none.
  const Outlet* FindByName(std::string_view name) const;
  // Every non-overlapping mention of a registered name or alias in text, longest first, left to
  // right. Aliases of two letters or fewer must appear in upper case ("JW", not "jw").
  std::vector<OutletMention> FindMentions(std::string_view text) const;

  std::vector<const Outlet*> All() const;
  size_t size() const { return outlets_.size(); }

  // Folded key used for names: Fold, strip "the " prefix and "'s"/"'" suffix, collapse spaces.
  static std::string NameKey(std::string_view name);

 private:
  std::vector<std::unique_ptr<Outlet>> outlets_;
  std::unordered_map<OutletId, const Outlet*> by_id_;
  std::unordered_map<std::string, const Outlet*> by_domain_;
  std::unordered_map<std::string, const Outlet*> by_name_;
  // First folded word of every name/alias -> the (folded word list, outlet, case-sensitive) entries.
  struct NameEntry {
    std::vector<std::string> words;
    const Outlet* outlet;
    bool needs_upper;
    std::string raw;  // alias as written, for the upper-case check
  };
  std::unordered_map<std::string, std::vector<NameEntry>> by_first_word_;
};

}  // namespace headwater::normalize
