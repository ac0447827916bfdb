// Outlet coreference: news prose names an outlet once and then refers to it as "the group",
// "the watchdog", "the report", "la organización", "o jornal" — or announces it before naming it
// ("A border-security watchdog says … Frontier Vigil said …"). This pass resolves such generic
// sources to the outlet the text names nearest (before, else just after), so an article that
// relays another outlet's reporting through "according to the group" is seen as citing it.
// It also attaches a source that belongs to another outlet ("The source, whom the group did not
// identify", "the group's intelligence source") to that outlet, and drops bare relative pronouns
// ("which", "who") as sources.
// Thread-safety: pure function.
#pragma once

#include <string_view>
#include <vector>

#include "attribution/extractor.h"
#include "common/model.h"

namespace headwater::attribution {

struct CoreferenceOptions {
  // A forward (cataphoric) reference resolves to an outlet named at most this many bytes after.
  size_t max_forward_bytes = 600;
};

// Rewrites attributions in place. REQUIRES: ctx.outlets is non-null (else nothing changes).
void ResolveOutletCoreference(std::string_view text, const Context& ctx,
                              std::vector<Attribution>* attributions,
                              const CoreferenceOptions& options = {});

}  // namespace headwater::attribution
