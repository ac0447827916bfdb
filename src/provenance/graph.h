// Internal to provenance: the provenance graph of one story and the per-article facts the role
// analysis needs (own sources, self-citations, whole copies, denials).
// Thread-safety: BuildGraph is a pure function.
#pragma once

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provenance/provenance.h"

namespace headwater::provenance::internal {

// What is known about the outlet of a node. Made once per outlet and graph (Graph::outlets); the
// views point into the registry's Outlet or into owned_name, so an OutletInfo never moves.
struct OutletInfo {
  OutletId id = 0;
  // Equal key_index = one outlet: the same registry outlet or outlet id (id != 0), else the same
  // name under OutletRegistry::NameKey. In [0, Graph::outlet_keys).
  uint32_t key_index = 0;
  std::string_view name, country, kind, group;
  OutletKind outlet_kind = OutletKind::kUnknown;
  std::string owned_name;  // the name when it is not the registry's ("" otherwise)
};

// Facts of one article node, from its attributions, dateline and reuse edges.
struct ArticleFacts {
  const Article* article = nullptr;    // null for external nodes
  const OutletInfo* outlet = nullptr;  // never null once built; owned by Graph::outlets
  int own_named = 0;          // asserting own sources (attributions) that are not anonymous
  int own_anonymous = 0;      // asserting own sources that are anonymous
  int own_denying = 0;        // own sources (not outlets) that deny
  bool own_dateline = false;  // carries its own dateline (no credit, or its own outlet's)
  Evidence dateline_evidence;
  // Cites its own outlet's report, which has no earlier article in the story (a self-citation
  // of an article in the story is a self edge instead). Role analysis also sets it when a self
  // edge leads to one of the outlet's origins.
  bool self_cited = false;
  bool whole_copy = false;  // wholly derived from another outlet's article
  // The passages of its asserting own attributions: Graph::OwnEvidence(node).
  bool dateline_counted = false;  // set by role analysis: the dateline counted as a source
  // Byte offsets of the first asserting own source and of the first citation of another outlet:
  // the lead of an article (whichever comes first) says whose reporting it carries.
  uint32_t first_own = UINT32_MAX;
  uint32_t first_cite = UINT32_MAX;
  // The byline credits a wire ("By Reuters"): it precedes the whole text, so the article relays
  // the wire whatever its lead quotes.
  bool wire_byline = false;
};

struct Graph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<ArticleFacts> facts;  // parallel to nodes
  std::vector<Denial> denials;      // in article order
  // Each article node's asserting own attributions, in attribution order; their passages
  // (SpanRange) and Evidence are made only for the few an origin keeps. One flat array
  // (own_span_begin[node] .. own_span_begin[node + 1]) rather than a vector per article: fewer
  // allocations per recompute.
  std::vector<const Attribution*> own_sources;
  std::vector<uint32_t> own_span_begin;  // nodes.size() + 1 entries
  std::span<const Attribution* const> OwnEvidence(size_t node) const {
    return {own_sources.data() + own_span_begin[node],
            own_span_begin[node + 1] - own_span_begin[node]};
  }
  // The outlets described once each (ArticleFacts::outlet points here; a deque never moves its
  // elements, not even when the Graph is moved).
  std::deque<OutletInfo> outlets;
  size_t outlet_keys = 0;  // distinct OutletInfo::key_index values
};

// wire_credits: when not null, (*wire_credits)[i] = reuse::WireCredit(text, byline) of
// in.articles[i] (e.g. from a FactCache); else computed here.
Graph BuildGraph(const StoryInput& in, const Options& options,
                 const std::vector<const std::string*>* wire_credits = nullptr);

// [begin, end) (bytes) covering an attribution's cue, source and content spans; 0, 0 when it has
// none.
std::pair<uint32_t, uint32_t> SpanRange(const Attribution& at);

// The article's own sources assert the story (as opposed to only denying it, or having none).
inline bool Asserts(const ArticleFacts& f) {
  return f.own_named + f.own_anonymous > 0 || f.self_cited || f.dateline_counted;
}

// Step 2 of Analyze() (roles.cc): sets the role of every article node (origin, echo,
// unsourced), ArticleFacts::dateline_counted and self_cited, and appends one EchoInfo per echo in
// node order.
void AssignRoles(Graph& g, const Options& options, std::vector<EchoInfo>* echoes);

// The passage [begin, end) (bytes, clipped to the text) of an article.
Evidence MakeEvidence(const Article& a, uint32_t begin, uint32_t end);

}  // namespace headwater::provenance::internal
