#include "provenance/export.h"

#include "common/csv.h"
#include "common/text.h"

namespace headwater::provenance {

using json = nlohmann::json;

namespace {

void Data(std::string* out, const char* key, std::string_view value) {
  *out += "      <data key=\"";
  *out += key;
  *out += "\">" + XmlEscape(value) + "</data>\n";
}

}  // namespace

std::string ReportToGraphML(const Report& r) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  const char* node_keys[][2] = {{"label", "string"}, {"role", "string"},   {"outlet", "string"},
                                {"country", "string"}, {"kind", "string"}, {"url", "string"},
                                {"external", "boolean"}, {"published", "string"}};
  for (auto& k : node_keys)
    out += std::string("  <key id=\"") + k[0] + "\" for=\"node\" attr.name=\"" + k[0] +
           "\" attr.type=\"" + k[1] + "\"/>\n";
  for (const char* k : {"kind", "class", "self"})
    out += std::string("  <key id=\"e_") + k + "\" for=\"edge\" attr.name=\"" + k +
           "\" attr.type=\"" + (std::string(k) == "self" ? "boolean" : "string") + "\"/>\n";
  out += "  <graph id=\"story\" edgedefault=\"directed\">\n";
  for (const Node& n : r.nodes) {
    out += "    <node id=\"" + XmlEscape(n.id) + "\">\n";
    Data(&out, "label", n.outlet);
    Data(&out, "role", NodeRoleName(n.role));
    Data(&out, "outlet", n.outlet);
    Data(&out, "country", n.country);
    Data(&out, "kind", n.kind);
    Data(&out, "url", n.url);
    Data(&out, "external", n.external ? "true" : "false");
    Data(&out, "published", n.published ? FormatRfc3339(*n.published) : "");
    out += "    </node>\n";
  }
  for (size_t i = 0; i < r.edges.size(); ++i) {
    const Edge& e = r.edges[i];
    out += "    <edge id=\"e" + std::to_string(i) + "\" source=\"" + XmlEscape(r.nodes[e.from].id) +
           "\" target=\"" + XmlEscape(r.nodes[e.to].id) + "\">\n";
    Data(&out, "e_kind", EdgeKindName(e.kind));
    Data(&out, "e_class", e.kind == EdgeKind::kCopies ? ReuseClassName(e.cls) : "");
    Data(&out, "e_self", e.self ? "true" : "false");
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

json ReportToClaimReview(const Report& r, const StoryInput& in, UnixSeconds published) {
  json appearance = json::array();
  for (const Article& a : in.articles) {
    json w = {{"@type", "CreativeWork"}, {"url", a.url}};
    if (!a.outlet_name.empty()) w["publisher"] = {{"@type", "Organization"}, {"name", a.outlet_name}};
    if (a.published) w["datePublished"] = FormatRfc3339(*a.published);
    appearance.push_back(std::move(w));
  }
  json claim = {{"@type", "Claim"}, {"appearance", appearance}};
  // The first appearance: the earliest origin article (else the earliest article).
  const Node* first = nullptr;
  for (const Node& n : r.nodes) {
    if (n.external || n.role != NodeRole::kOrigin) continue;
    if (!first || (n.published && (!first->published || *n.published < *first->published))) first = &n;
  }
  if (first) {
    json w = {{"@type", "CreativeWork"}, {"url", first->url}};
    if (first->published) w["datePublished"] = FormatRfc3339(*first->published);
    if (!first->outlet.empty()) {
      w["publisher"] = {{"@type", "Organization"}, {"name", first->outlet}};
      claim["author"] = {{"@type", "Organization"}, {"name", first->outlet}};
    }
    claim["firstAppearance"] = w;
  } else if (!appearance.empty()) {
    claim["firstAppearance"] = appearance.front();
  }
  // schema.org Rating: 1..5 is the usual scale; map the verdicts onto it, best = corroborated.
  int value = r.verdict == Verdict::kCorroborated          ? 5
              : r.verdict == Verdict::kPartlyCorroborated ? 4
              : r.verdict == Verdict::kSingleSource       ? 3
              : r.verdict == Verdict::kDisputed           ? 2
                                                          : 1;
  return {{"@context", "https://schema.org"},
          {"@type", "ClaimReview"},
          {"claimReviewed", in.story.title},
          {"datePublished", FormatRfc3339(published)},
          {"author", {{"@type", "Organization"}, {"name", "Headwater"}}},
          {"itemReviewed", claim},
          {"reviewRating",
           {{"@type", "Rating"},
            {"ratingValue", value},
            {"bestRating", 5},
            {"worstRating", 1},
            {"alternateName", VerdictName(r.verdict)},
            {"ratingExplanation", r.explanation}}}};
}

std::string StoriesCsvHeader() {
  return "id,title,verdict,policy,country,status,first_seen,last_seen,articles,outlets,origins,"
         "independent_origins,in_country_origins,denials\n";
}

std::string StoryCsvRow(const json& s) {
  auto str = [&](const char* k) {
    return s.contains(k) && s[k].is_string() ? s[k].get<std::string>() : std::string();
  };
  auto count = [&](const char* k) {
    const json& c = s.contains("counts") ? s["counts"] : json::object();
    return std::to_string(c.is_object() ? c.value(k, 0) : 0);
  };
  std::vector<std::string> cells = {str("id"),         str("title"),     str("verdict"),
                                    str("policy"),     str("country"),   str("status"),
                                    str("first_seen"), str("last_seen"), count("articles"),
                                    count("outlets"),  count("origins"), count("independent_origins"),
                                    count("in_country_origins"), count("denials")};
  std::string row;
  for (size_t i = 0; i < cells.size(); ++i) row += (i ? "," : "") + CsvEscape(cells[i]);
  return row + "\n";
}

}  // namespace headwater::provenance
