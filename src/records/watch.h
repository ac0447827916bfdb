// Watches and alerts: a user follows a story, an outlet (every story it appears in) or a saved
// search (every story whose articles match, now or later), and is alerted when a followed
// story's verdict, independent-origin count, in-country count, denials or retractions
// (retractions, corrections, refutations: alert "retractions") change, when a dormant story
// revives, or (outlet and query watches) when a new story matches.
//
// A watch remembers what its last check saw (Watch::state_json); Check reports each change once
// and then remembers it. Every alert carries evidence taken from the story's report.
// Thread-safety: functions take the store and use it from the calling thread only.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "store/store.h"

namespace headwater::records {

// Adds a watch and records the current state of what it follows, so the first check reports
// only what changed after this call. Returns the watch id.
// kind: story (target = story id), outlet (name, alias or domain), query (FTS text).
StatusOr<int64_t> AddWatch(store::Store* store, store::WatchKind kind, const std::string& target,
                           const std::string& webhook, UnixSeconds now);

// Compares every watch's followed stories with its remembered state, stores and returns the
// alerts (oldest first), and remembers the new state. One transaction.
StatusOr<std::vector<store::Alert>> CheckWatches(store::Store* store, UnixSeconds now);

// The stories a watch follows now (resolving merges to the surviving story).
StatusOr<std::vector<StoryId>> FollowedStories(store::Store* store, const store::Watch& watch);

}  // namespace headwater::records
