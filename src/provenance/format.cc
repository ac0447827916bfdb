// Report formatters: the JSON of CLI.md (`headwater story ID --json` plus "graph"), Graphviz DOT
// and the human-readable text the CLI prints. JSON offsets are code points (common/text.h
// CodePointIndex over the article's text); internal Evidence offsets are bytes.
#include <fmt/format.h>

#include <map>
#include <set>

#include "common/text.h"
#include "provenance/provenance.h"

namespace headwater::provenance {
namespace {

using nlohmann::json;

// Code-point converters per article text, built lazily.
class Offsets {
 public:
  explicit Offsets(const StoryInput& in) {
    for (const Article& a : in.articles) text_[a.id] = &a.text;
  }
  json Evidence(const provenance::Evidence& ev) {
    if (ev.url.empty()) return nullptr;
    size_t start = ev.begin, end = ev.end;
    auto it = text_.find(ev.article);
    if (it != text_.end()) {
      auto [idx, inserted] = index_.try_emplace(ev.article, *it->second);
      start = idx->second.ToCodePoint(ev.begin);
      end = idx->second.ToCodePoint(ev.end);
    }
    return json{{"url", ev.url}, {"start", start}, {"end", end}, {"text", ev.text}};
  }

 private:
  std::map<ArticleId, const std::string*> text_;
  std::map<ArticleId, CodePointIndex> index_;
};

json Time(const std::optional<UnixSeconds>& t) {
  return t ? json(FormatRfc3339(*t)) : json(nullptr);
}

json TrackRecordJson(const std::optional<TrackRecord>& t) {
  if (!t) return nullptr;
  json j{{"originated", t->originated},
         {"corroborated", t->corroborated},
         {"single_source", t->single_source},
         {"refuted", t->refuted},
         {"estimate", t->estimate}};
  // {"2016": {...}, "2017": {...}} and {"latin-america": {...}}; present only when filled.
  auto slices = [](const std::vector<TrackRecordSlice>& v) {
    json out = json::object();
    for (const TrackRecordSlice& x : v) {
      out[x.key] = {{"originated", x.originated},
                    {"corroborated", x.corroborated},
                    {"single_source", x.single_source},
                    {"refuted", x.refuted},
                    {"estimate", x.estimate}};
    }
    return out;
  };
  if (!t->by_year.empty()) j["by_year"] = slices(t->by_year);
  if (!t->by_region.empty()) j["by_region"] = slices(t->by_region);
  return j;
}

}  // namespace

json ReportToJson(const Report& r, const StoryInput& in) {
  Offsets offsets(in);
  const Story& s = in.story;
  std::optional<UnixSeconds> first, last;
  for (const Article& a : in.articles) {
    if (!a.published) continue;
    if (!first || *a.published < *first) first = a.published;
    if (!last || *a.published > *last) last = a.published;
  }
  if (s.first_seen != 0) first = s.first_seen;
  if (s.last_seen != 0) last = s.last_seen;

  json j;
  j["schema"] = 1;
  j["id"] = std::to_string(s.id);
  j["title"] = s.title;
  j["verdict"] = VerdictName(r.verdict);
  j["policy"] = r.policy;
  j["country"] = r.country.empty() ? json(nullptr) : json(r.country);
  j["status"] = StoryStatusName(s.status);
  j["first_seen"] = Time(first);
  j["last_seen"] = Time(last);
  const Counts& c = r.counts;
  j["counts"] = {{"articles", c.articles},
                 {"outlets", c.outlets},
                 {"origins", c.origins},
                 {"independent_origins", c.independent_origins},
                 {"in_country_origins", c.in_country_origins},
                 {"denials", c.denials},
                 {"denying_origins", c.denying_origins},
                 {"anonymous_only_origins", c.anonymous_only_origins},
                 {"retractions", c.retractions},
                 {"corrections", c.corrections}};
  std::map<ArticleId, std::string> outlet_of;
  for (const Node& n : r.nodes) {
    if (!n.external) outlet_of[n.article] = n.outlet;
  }
  json articles = json::array();
  for (const Article& a : in.articles) {
    articles.push_back({{"url", a.url},
                        {"outlet", outlet_of.count(a.id) ? outlet_of[a.id] : a.outlet_name},
                        {"published", Time(a.published)},
                        {"lang", a.lang.empty() ? "und" : a.lang}});
  }
  j["articles"] = std::move(articles);
  j["explanation"] = r.explanation;

  json origins = json::array();
  for (const OriginInfo& o : r.origins) {
    json ev = json::array();
    for (const Evidence& e : o.evidence) ev.push_back(offsets.Evidence(e));
    origins.push_back({{"outlet", o.outlet},
                       {"country", o.country.empty() ? json(nullptr) : json(o.country)},
                       {"kind", o.kind},
                       {"external", o.external},
                       {"independent_group", o.independent_group},
                       {"in_country", o.in_country},
                       {"anonymous_only", o.anonymous_only},
                       {"denies", o.denies},
                       {"articles", o.articles},
                       {"evidence", std::move(ev)},
                       {"retracted", o.retracted},
                       {"corrected", o.corrected},
                       {"refuted", o.refuted},
                       {"track_record", TrackRecordJson(o.track_record)}});
  }
  j["origins"] = std::move(origins);

  json echoes = json::array();
  for (const EchoInfo& e : r.echoes) {
    echoes.push_back({{"url", e.url}, {"outlet", e.outlet}, {"echoes", e.echoes}, {"via", e.via}});
  }
  j["echoes"] = std::move(echoes);

  json denials = json::array();
  for (const Denial& d : r.denials) {
    denials.push_back({{"who", d.who},
                       {"official", d.official},
                       {"url", d.url},
                       {"published", Time(d.published)},
                       {"evidence", offsets.Evidence(d.evidence)}});
  }
  j["denials"] = std::move(denials);

  // Retractions, corrections and refutations ("kind" says which), in article order.
  json retractions = json::array();
  for (const Retraction& x : r.retractions) {
    retractions.push_back({{"kind", RetractionKindName(x.kind)},
                           {"by", x.by},
                           {"self", x.self},
                           {"targets", x.targets},
                           {"url", x.url},
                           {"published", Time(x.published)},
                           {"cue", x.cue},
                           {"evidence", offsets.Evidence(x.evidence)}});
  }
  j["retractions"] = std::move(retractions);

  json pl = json::array();
  for (const PlaceMention& p : r.places) {
    pl.push_back({{"name", p.name}, {"country", p.country}, {"mentions", p.mentions}});
  }
  j["places"] = std::move(pl);

  json timeline = json::array();
  for (const TimelineEntry& t : r.timeline) {
    timeline.push_back({{"published", Time(t.published)},
                        {"url", t.url},
                        {"outlet", t.outlet},
                        {"role", NodeRoleName(t.role)}});
  }
  j["timeline"] = std::move(timeline);

  json nodes = json::array();
  for (const Node& n : r.nodes) {
    nodes.push_back({{"id", n.id},
                     {"type", n.external ? "outlet" : "article"},
                     {"external", n.external},
                     {"url", n.external ? json(nullptr) : json(n.url)},
                     {"outlet", n.outlet},
                     {"country", n.country.empty() ? json(nullptr) : json(n.country)},
                     {"kind", n.kind},
                     {"independent_group", n.group},
                     {"published", Time(n.published)},
                     {"role", NodeRoleName(n.role)}});
  }
  json edges = json::array();
  for (const Edge& e : r.edges) {
    edges.push_back(
        {{"from", r.nodes[e.from].id},
         {"to", r.nodes[e.to].id},
         {"kind", EdgeKindName(e.kind)},
         {"class", e.kind == EdgeKind::kCopies ? json(ReuseClassName(e.cls)) : json(nullptr)},
         {"self", e.self},
         {"evidence", offsets.Evidence(e.evidence)}});
  }
  j["graph"] = {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
  return j;
}

namespace {

std::string DotQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string Clip(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace

std::string ReportToDot(const Report& r) {
  std::string out = "digraph provenance {\n  rankdir=RL;\n  node [fontname=\"Helvetica\"];\n";
  for (const Node& n : r.nodes) {
    std::string label = n.outlet;
    if (!n.external && n.published) label += "\n" + FormatDate(*n.published);
    if (n.external) label += "\n(external)";
    std::string attrs = "label=" + DotQuote(label);
    switch (n.role) {
      case NodeRole::kOrigin:
        attrs += ", shape=box, style=\"bold,filled\", fillcolor=\"#cde8c6\"";
        break;
      case NodeRole::kEcho:
        attrs += ", shape=ellipse, style=filled, fillcolor=\"#e4e4e4\"";
        break;
      case NodeRole::kUnsourced:
        attrs += ", shape=ellipse, style=dashed";
        break;
    }
    if (n.external) attrs += ", peripheries=2";
    out += "  " + DotQuote(n.id) + " [" + attrs + "];\n";
  }
  for (const Edge& e : r.edges) {
    std::string label = EdgeKindName(e.kind);
    if (e.kind == EdgeKind::kCopies) label += std::string(" (") + ReuseClassName(e.cls) + ")";
    out += "  " + DotQuote(r.nodes[e.from].id) + " -> " + DotQuote(r.nodes[e.to].id) +
           " [label=" + DotQuote(label) + (e.self ? ", style=dotted" : "") + "];\n";
  }
  out += "}\n";
  return out;
}

std::string ReportToText(const Report& r) {
  std::string out;
  out += fmt::format("Verdict: {} (policy {}, country {})\n", VerdictName(r.verdict), r.policy,
                     r.country.empty() ? "unknown" : r.country);
  out += r.explanation + "\n";
  const Counts& c = r.counts;
  out += fmt::format(
      "Counts: {} articles, {} outlets, {} origins, {} independent, {} in-country, {} denials\n",
      c.articles, c.outlets, c.origins, c.independent_origins, c.in_country_origins, c.denials);

  out += "\nOrigins:\n";
  if (r.origins.empty()) out += "  (none)\n";
  for (const OriginInfo& o : r.origins) {
    out +=
        fmt::format("  {} [{}{}{}] group {}{}{}{}\n", o.outlet, o.country.empty() ? "?" : o.country,
                    o.kind.empty() ? "" : ", ", o.kind, o.independent_group,
                    o.external ? ", external (no article)" : "", o.in_country ? ", in-country" : "",
                    o.anonymous_only ? ", anonymous sources only" : "");
    if (o.denies) out += "    its own sources deny the story\n";
    if (o.retracted) out += "    its report was retracted\n";
    if (o.refuted) out += "    its report was refuted\n";
    if (o.corrected) out += "    its report was corrected\n";
    if (o.track_record) {
      const TrackRecord& t = *o.track_record;
      out += fmt::format(
          "    track record: {} originated, {} corroborated, {} single-source, {} refuted "
          "(estimate {:.2f})\n",
          t.originated, t.corroborated, t.single_source, t.refuted, t.estimate);
      // "by year: 2015 2/3, 2016 1/2; by region: latin-america 3/5" (corroborated/originated).
      auto slices = [](const std::vector<TrackRecordSlice>& v) {
        std::string line;
        for (size_t i = 0; i < v.size(); ++i)
          line += fmt::format("{}{} {}/{}", i ? ", " : "", v[i].key, v[i].corroborated,
                              v[i].originated);
        return line;
      };
      if (!t.by_year.empty()) out += "      by year (corroborated/originated): " + slices(t.by_year) + "\n";
      if (!t.by_region.empty()) out += "      by region: " + slices(t.by_region) + "\n";
    }
    for (const std::string& url : o.articles) out += "    " + url + "\n";
    for (const Evidence& e : o.evidence) {
      out += "      \"" + Clip(e.text, 200) + "\"\n";
    }
  }

  out += "\nEchoes:\n";
  if (r.echoes.empty()) out += "  (none)\n";
  std::map<std::vector<std::string>, std::vector<const EchoInfo*>> by_target;
  for (const EchoInfo& e : r.echoes) by_target[e.echoes].push_back(&e);
  for (const auto& [targets, list] : by_target) {
    std::string names;
    for (size_t i = 0; i < targets.size(); ++i) names += (i ? ", " : "") + targets[i];
    out += fmt::format("  echoing {} ({}):\n", names, list.size());
    for (const EchoInfo* e : list) {
      std::string via;
      for (size_t i = 0; i < e->via.size(); ++i) via += (i ? "+" : "") + e->via[i];
      out += fmt::format("    {}  {}  via {}\n", e->outlet, e->url, via);
    }
  }

  out += "\nDenials:\n";
  if (r.denials.empty()) out += "  (none)\n";
  for (const Denial& d : r.denials) {
    out += fmt::format("  {}{} on {}  {}\n", d.who, d.official ? " (official)" : "",
                       d.published ? FormatDate(*d.published) : "unknown date", d.url);
    if (!d.evidence.text.empty()) out += "    \"" + Clip(d.evidence.text, 200) + "\"\n";
  }

  out += "\nRetractions and corrections:\n";
  if (r.retractions.empty()) out += "  (none)\n";
  for (const Retraction& x : r.retractions) {
    std::string whose;
    for (size_t i = 0; i < x.targets.size(); ++i) whose += (i ? ", " : "") + x.targets[i];
    out += fmt::format("  {} by {}{} on {}  {}\n", RetractionKindName(x.kind), x.by,
                       x.self ? " (its own report)"
                              : (whose.empty() ? " (the story)" : " (the report of " + whose + ")"),
                       x.published ? FormatDate(*x.published) : "unknown date", x.url);
    if (!x.evidence.text.empty()) out += "    \"" + Clip(x.evidence.text, 200) + "\"\n";
  }

  out += "\nPlaces:\n";
  if (r.places.empty()) out += "  (none)\n";
  for (const PlaceMention& p : r.places) {
    out += fmt::format("  {} ({}), {} mentions\n", p.name, p.country.empty() ? "?" : p.country,
                       p.mentions);
  }

  out += "\nTimeline:\n";
  for (const TimelineEntry& t : r.timeline) {
    out += fmt::format("  {}  {:<9}  {}  {}\n",
                       t.published ? FormatRfc3339(*t.published) : "unknown date             ",
                       NodeRoleName(t.role), t.outlet, t.url);
  }
  return out;
}

}  // namespace headwater::provenance
