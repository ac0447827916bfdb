// Provenance of one story: builds the provenance graph (articles plus external nodes for cited
// outlets without an article), finds the origins and echoes, merges origins into independent
// origins, counts the in-country ones, lists denials, and decides the verdict under a policy
// with a one-paragraph explanation (DESIGN.md, "Vocabulary").
//
// Steps of Analyze(), in order:
//   1. graph: nodes, then edges `copies` (reuse), `cites` (attribution to another outlet) and
//      `links` (hyperlinks), each pointing from an article to where its content came from;
//   2. roles: an article with its own sources (person, official, anonymous, document
//      attributions, its own dateline, or a citation of its own outlet) that is not a whole copy
//      is an origin; an article depending on other outlets' nodes is an echo of the origins it
//      reaches through other echoes; the rest are unsourced; external nodes are origins;
//   3. independence: origins merged by owner group and by whole copies of one wire story;
//      in-country and anonymous-only per independent origin;
//   4. denials, contradiction, verdict (order of DESIGN.md), explanation.
// Thread-safety: Analyze() and the formatters are pure functions of their arguments.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/model.h"
#include "normalize/outlet_registry.h"
#include "provenance/policy.h"

namespace headwater::provenance {

class FactCache;  // provenance/fact_cache.h

// An outlet's track record (DESIGN.md): of the stories it originated that are old enough to
// judge, how many were corroborated, stayed single-source or were refuted. estimate is a
// smoothed share of corroborated stories in [0,1] (higher = more often corroborated); see
// records/track_record.h for how it is computed. Defined here so provenance need not depend on
// records.
// by_year and by_region (when filled) split the same counts by the UTC year the story was first
// seen ("2016") and by region (the name of the policy chosen for the story's country); each
// slice has its own estimate, and only slices with a judged story appear.
struct TrackRecordSlice {
  std::string key;  // "2016", or a region name such as "latin-america"
  int originated = 0, corroborated = 0, single_source = 0, refuted = 0;
  double estimate = 0;
};
struct TrackRecord {
  int originated = 0, corroborated = 0, single_source = 0, refuted = 0;
  double estimate = 0;
  std::vector<TrackRecordSlice> by_year, by_region;  // ascending keys; may be empty
};

struct StoryInput {
  Story story;                            // country = primary country (ISO alpha-2, may be "")
  std::vector<Article> articles;          // the story's articles
  std::vector<ReuseEdge> reuse;           // copies edges among them
  std::vector<Attribution> attributions;  // of those articles (article_id set)
  const normalize::OutletRegistry* outlets = nullptr;  // may be null: articles' names are used
  std::function<std::optional<TrackRecord>(OutletId)> track_record;  // may be empty
  // May be null. Per-article facts (retraction cues, wire credit) kept across Analyze() calls, so
  // a story recomputed after a new article scans only the new text; the report is the same.
  FactCache* cache = nullptr;
};

enum class Verdict { kCorroborated, kDisputed, kPartlyCorroborated, kSingleSource, kUnsourced };
// "corroborated", "disputed", "partly-corroborated", "single-source", "unsourced".
const char* VerdictName(Verdict v);
std::optional<Verdict> ParseVerdict(std::string_view s);

// A passage of one article: [begin, end) BYTE offsets into that article's text (the JSON
// converts them to code points). article = 0 and url = "" when there is no passage.
struct Evidence {
  ArticleId article = 0;
  std::string url;
  uint32_t begin = 0, end = 0;
  std::string text;
};

enum class NodeRole { kOrigin, kEcho, kUnsourced };
const char* NodeRoleName(NodeRole r);  // "origin", "echo", "unsourced"

struct Node {
  std::string id;          // "a<article id>" for articles, "o<outlet id>" or "x<n>" for external
  bool external = false;   // an outlet cited in the story without an article in it
  ArticleId article = 0;   // 0 for external nodes
  std::string url;         // "" for external nodes
  OutletId outlet_id = 0;  // 0 when the outlet is unknown
  std::string outlet;      // outlet name
  std::string country, kind, group;  // outlet country, kind name, independence group
  std::optional<UnixSeconds> published;
  NodeRole role = NodeRole::kUnsourced;
};

enum class EdgeKind { kCopies, kCites, kLinks };
const char* EdgeKindName(EdgeKind k);  // "copies", "cites", "links"

// from depends on to: `to` is where (part of) from's content came from.
struct Edge {
  size_t from = 0, to = 0;  // indices into Report::nodes
  EdgeKind kind = EdgeKind::kCites;
  ReuseClass cls = ReuseClass::kNone;  // for copies: whole or partial
  bool self = false;  // both ends belong to one outlet (a self-citation): no dependency
  Evidence evidence;  // the attribution or link passage; empty for copies and bare links
};

struct OriginInfo {  // one per origin outlet
  std::string outlet;
  OutletId outlet_id = 0;
  std::string country, kind;
  bool external = false;
  std::string independent_group;  // name of the merged independent origin it belongs to
  bool in_country = false;
  bool anonymous_only = false;        // every own source is anonymous
  bool denies = false;                // its own sources deny the story rather than assert it
  std::vector<std::string> articles;  // urls
  std::vector<size_t> nodes;          // indices into Report::nodes
  std::vector<Evidence> evidence;
  std::optional<TrackRecord> track_record;
  // A later article (or its own) says its report was retracted / corrected / refuted (the
  // retraction names it, or names no report in particular). A retracted origin does not count
  // as an independent origin unless Options::retracted_origins_count.
  bool retracted = false, corrected = false, refuted = false;
};

struct EchoInfo {
  size_t node = 0;
  std::string url, outlet;
  std::vector<std::string> echoes;  // origin outlet names reached, sorted
  std::vector<std::string> via;     // edge kind names on the way, sorted
};

struct Denial {
  std::string who;  // the source as written, else the resolved person / outlet / role
  bool official = false;
  std::string url;
  std::optional<UnixSeconds> published;
  Evidence evidence;
};

// What a later article says became of a report (DESIGN.md, "Track record"): `retracted` (the
// report was withdrawn), `corrected` (it was corrected; the story may stand), `refuted` (shown
// false: a fact-check rating, "debunked", "desmiente la nota"). See provenance/retraction.h.
enum class RetractionKind { kRetracted, kCorrected, kRefuted };
const char* RetractionKindName(RetractionKind k);  // "retracted", "corrected", "refuted"

struct Retraction {
  RetractionKind kind = RetractionKind::kCorrected;
  std::string by;            // outlet of the article that says it
  OutletId by_outlet_id = 0;
  bool self = false;         // the outlet says it of its own report ("we erred", "Correction:")
  // Outlets whose report it concerns (names, ids parallel; id 0 when unknown). Empty: no report
  // is named; it then concerns the story's one origin (other than `by`) when there is exactly
  // one, else no origin in particular (listed only).
  std::vector<std::string> targets;
  std::vector<OutletId> target_ids;
  ArticleId article = 0;
  std::string url;
  std::optional<UnixSeconds> published;
  std::string cue;    // the words that say it, as written
  Evidence evidence;  // the sentence
};

struct TimelineEntry {
  std::optional<UnixSeconds> published;
  std::string url, outlet;
  NodeRole role = NodeRole::kUnsourced;
};

struct Counts {
  int articles = 0, outlets = 0, origins = 0, independent_origins = 0, in_country_origins = 0,
      denials = 0;
  int denying_origins = 0;         // independent origins whose own sources deny (not counted above)
  int anonymous_only_origins = 0;  // independent origins resting only on anonymous sources
  int retractions = 0;             // Report::retractions of kind retracted or refuted
  int corrections = 0;             // Report::retractions of kind corrected
};

struct Report {
  Verdict verdict = Verdict::kUnsourced;
  std::string policy;
  std::string country;
  Counts counts;
  std::string explanation;
  std::vector<OriginInfo> origins;
  std::vector<EchoInfo> echoes;
  std::vector<Denial> denials;
  std::vector<Retraction> retractions;  // retractions, corrections, refutations; article order
  std::vector<PlaceMention> places;     // summed over the articles, most mentioned first
  std::vector<TimelineEntry> timeline;  // by published time, unknown times last
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

struct Options {
  // An article's own dateline (no wire credit, or a credit naming its own outlet) counts as its
  // own reporting, i.e. as an own source.
  bool dateline_counts_as_source = true;
  // An external node for an outlet of kind `social` is an origin (else it stands for "reports on
  // social media": what only reaches it is unsourced).
  bool social_is_origin = false;
  // The lead decides: an article whose first asserting attribution cites another outlet is an
  // echo even when it quotes own sources later (reactions, denials, the cited outlet's source).
  bool lead_decides = true;
  // A wire credit in an article's byline or lead (reuse::WireCredit: "By Reuters", "(AP) —")
  // that is not its own outlet is a citation of the wire from the lead on: the article is an
  // echo of the wire's report, not an origin, even when it quotes the wire's sources.
  bool wire_credit_is_citation = true;
  // Quote provenance: a statement given to another outlet ("Gingrich told Newsmax that…", "X
  // said in an interview with CNN", "according to CNN, officials said…") is that outlet's
  // reporting. An own source (person, official, anonymous, document) whose cue lies inside the
  // passage of an asserting citation of another outlet in the same article is counted as a
  // citation of that outlet (the cites edge keeps the passage as evidence), not as an own source.
  bool quotes_given_to_outlets_relay = true;
  // Evidence passages kept per origin outlet.
  size_t max_evidence_per_origin = 3;
  // Look for retractions, corrections and refutations in the story's articles.
  bool detect_retractions = true;
  // Does an origin whose report was retracted still count as an independent origin? Default no:
  // a withdrawn report is no evidence.
  bool retracted_origins_count = false;
  // Does a refutation (a fact-check rating it false, "debunked", "desmiente la nota") make a story
  // that is not corroborated `disputed`? Default yes: an independent check contradicts it.
  bool refutations_dispute = true;
};

// Analyzes one story under the policy PolicySet::ForCountry(in.story.country).
Report Analyze(const StoryInput& in, const PolicySet& policies, const Options& options = {});

// The JSON of CLI.md's `headwater story ID --json` plus "graph": {"nodes", "edges"}. Evidence
// offsets are Unicode code points of the article text (half-open).
nlohmann::json ReportToJson(const Report& r, const StoryInput& in);
// Graphviz digraph of the provenance graph (origins boxed, echoes grey, edges labeled by kind).
std::string ReportToDot(const Report& r);
// The human-readable report the CLI prints.
std::string ReportToText(const Report& r);

}  // namespace headwater::provenance
