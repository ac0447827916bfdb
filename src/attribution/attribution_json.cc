#include "attribution/attribution_json.h"

namespace headwater::attribution {

using json = nlohmann::json;

static json Part(const std::vector<Span>& spans, const std::string& text, const CodePointIndex& idx) {
  json arr = json::array();
  for (const Span& s : spans) arr.push_back({idx.ToCodePoint(s.begin), idx.ToCodePoint(s.end)});
  return {{"spans", arr}, {"text", text}};
}

json AttributionToJson(const Attribution& a, const CodePointIndex& idx,
                       const normalize::OutletRegistry* outlets) {
  json resolved = {{"outlet", nullptr}, {"domain", nullptr}, {"person", nullptr}, {"role", nullptr}};
  if (!a.outlet_name.empty()) {
    const Outlet* o = outlets ? outlets->Get(a.outlet_id) : nullptr;
    if (!o && outlets) o = outlets->FindByName(a.outlet_name);
    // CLI.md: the registry's canonical name, else null. A credit line or "a report in X" may
    // name an outlet the registry lacks: the name stays in the source span, and provenance
    // still makes an external node of it, but it is not printed as a resolved outlet.
    if (o) {
      resolved["outlet"] = o->name;
      if (!o->domains.empty()) resolved["domain"] = o->domains.front();
    } else if (!outlets) {
      resolved["outlet"] = a.outlet_name;
    }
  }
  if (!a.person.empty()) resolved["person"] = a.person;
  if (!a.role.empty()) resolved["role"] = a.role;
  json j = {{"cue", Part(a.cue, a.cue_text, idx)},
            {"source", a.source.empty() ? json(nullptr) : Part(a.source, a.source_text, idx)},
            {"content", Part(a.content, a.content_text, idx)},
            {"source_kind", SourceKindName(a.source_kind)},
            {"resolved", resolved},
            {"anonymous", a.anonymous},
            {"stance", StanceName(a.stance)},
            {"self_citation", a.self_citation}};
  if (!a.anonymous_reason.empty()) j["anonymous_reason"] = a.anonymous_reason;
  if (!a.link.empty()) j["link"] = a.link;
  return j;
}

}  // namespace headwater::attribution
