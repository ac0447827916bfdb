// Views: the JSON objects of ../shared/CLI.md that both the `headwater` CLI and the HTTP API
// (`headwater serve`) show, built in one place so the two never drift apart: story summaries,
// watches, alerts, outlets, plus the parsing of the ids and filter values both accept.
// Thread-safety: pure functions, except those taking a Store, which use it from the calling
// thread only.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/model.h"
#include "common/status.h"
#include "store/store.h"

namespace headwater::pipeline {

// Parses a JSON object keeping only the given top-level keys (the values of the others are
// scanned but never built): the cheap way to read a few fields of a stored story report.
// Returns a discarded/null value when the text is not JSON.
nlohmann::json ParseTopLevelKeys(std::string_view text,
                                 std::initializer_list<std::string_view> keys);

// The story object of `headwater stories --json` (id, title, verdict, policy, country, status,
// first_seen, last_seen, counts, articles), taken from the stored report; missing fields null.
nlohmann::json StorySummaryJson(const store::StoryRecord& record);

// The report document as the store keeps it (StoryRecord::report_json): the `story ID --json`
// document without the members no reader of the stored report uses — graph, timeline,
// explanation, echoes, places and key_terms (42% of the report's bytes on the 10k bench
// corpus). Readers of the stored form: the story list (StorySummaryJson), watches (counts,
// origins, denials, retractions, articles), track-record outcomes (origins) and bench/score.py
// (origins); `story ID` and the API's story endpoints recompute the whole document
// (Pipeline::StoryDocument). A reader of a dropped member must be added to this list first.
std::string StoredReportJson(nlohmann::json document);

// {"watch","story","what","from","to","at","evidence"} of `watch check --json`.
nlohmann::json AlertJson(const store::Alert& alert);

// {"id","kind","target","created","stories"}: the watch and the story ids it follows now.
nlohmann::json WatchJson(store::Store* store, const store::Watch& watch);

// {"id","name","domain","domains","aliases","country","languages","kind","group","owner_group",
// "verified"}: `domain` is the first domain (or null), `group` the independence group.
nlohmann::json OutletJson(const Outlet& outlet);

// A positive decimal id ("12"); InvalidArgument naming `what` otherwise.
StatusOr<int64_t> ParseId(std::string_view text, std::string_view what);

// True for the five verdict names of DESIGN.md.
bool IsVerdictName(std::string_view verdict);

// "corroborated, disputed, partly-corroborated, single-source, unsourced".
const char* VerdictNames();

}  // namespace headwater::pipeline
