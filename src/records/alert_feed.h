// An Atom 1.0 feed of alerts, so any feed reader can follow watches.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace headwater::records {

struct AlertFeedOptions {
  std::string feed_id = "urn:headwater:alerts";  // the feed's <id>
  std::string title = "Headwater alerts";
  std::string story_url_prefix;  // e.g. "http://127.0.0.1:8080/stories/" ("" = no <link>)
};

// Newest alerts first; `updated` is the newest alert's time (or now when there is none).
std::string AlertsToAtom(const std::vector<store::Alert>& alerts, UnixSeconds now,
                         const AlertFeedOptions& options = {});

// One line a person reads: "story #1: verdict single-source -> corroborated".
std::string AlertSummary(const store::Alert& a);

}  // namespace headwater::records
