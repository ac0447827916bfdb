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
    resolved["outlet"] = a.outlet_name;
    const Outlet* o = outlets ? outlets->Get(a.outlet_id) : nullptr;
    if (!o && outlets) o = outlets->FindByName(a.outlet_name);
    if (o && !o->domains.empty()) resolved["domain"] = o->domains.front();
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
