// Exports of a story's provenance for other tools: the graph as GraphML (Gephi, yEd, NetworkX),
// the verdict as schema.org ClaimReview JSON-LD (fact-checking platforms, search engines), and a
// CSV row per story. DOT and the CLI JSON live in provenance.h.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provenance/provenance.h"

namespace headwater::provenance {

// GraphML with node attributes (label, role, outlet, country, kind, url, external) and edge
// attributes (kind, class, self); ids as in Report::nodes.
std::string ReportToGraphML(const Report& r);

// A schema.org ClaimReview of the story: claimReviewed = the story title; reviewRating's
// alternateName = the verdict, ratingExplanation = the explanation; itemReviewed is a Claim whose
// firstAppearance is the earliest origin article and whose appearance lists every article.
// published = when the review is made (the caller's clock).
nlohmann::json ReportToClaimReview(const Report& r, const StoryInput& in, UnixSeconds published);

// CSV: the header line, then one line per story summary (RFC 4180 quoting).
std::string StoriesCsvHeader();
std::string StoryCsvRow(const nlohmann::json& story);  // a `stories --json` story object

}  // namespace headwater::provenance
