// Evaluation sets kept as offsets and labels. Steps: load the corpus texts by id, parse each
// annotation line into code-point spans and labels (checking every offset against its text),
// then score extractor output with the PolNeAR scorer and compare labels on matched pairs.
#include "attribution/eval_set.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/text.h"

namespace headwater::attribution {
namespace {

using nlohmann::json;

std::string IdString(const json& id) {
  if (id.is_string()) return id.get<std::string>();
  if (id.is_number_integer()) return std::to_string(id.get<long long>());
  return "";
}

bool ParseKind(const std::string& s, SourceKind* out) {
  for (SourceKind k : {SourceKind::kOutlet, SourceKind::kPerson, SourceKind::kOfficial,
                       SourceKind::kAnonymous, SourceKind::kDocument, SourceKind::kNone}) {
    if (s == SourceKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

// [[b,e],...] -> spans; false when malformed or beyond `length` code points.
bool ParseSpans(const json& v, size_t length, std::vector<Span>* out) {
  if (!v.is_array()) return false;
  for (const json& p : v) {
    if (!p.is_array() || p.size() != 2 || !p[0].is_number_unsigned() || !p[1].is_number_unsigned())
      return false;
    Span s{p[0].get<uint32_t>(), p[1].get<uint32_t>()};
    if (s.end < s.begin || s.end > length) return false;
    out->push_back(s);
  }
  return true;
}

}  // namespace

StatusOr<std::vector<LabeledDocument>> LoadEvalSet(const std::string& annotations_path,
                                                   const std::string& corpus_jsonl) {
  std::unordered_map<std::string, std::string> texts;
  {
    std::ifstream in(corpus_jsonl);
    if (!in) return Status::IoError("cannot open " + corpus_jsonl);
    std::string line;
    for (int ln = 1; std::getline(in, line); ++ln) {
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j.contains("text") ||
          !j["text"].is_string())
        return Status::Corruption(corpus_jsonl + ":" + std::to_string(ln) + ": not {id, text}");
      texts[IdString(j["id"])] = j["text"].get<std::string>();
    }
  }
  std::ifstream in(annotations_path);
  if (!in) return Status::IoError("cannot open " + annotations_path);
  std::vector<LabeledDocument> docs;
  std::string line;
  for (int ln = 1; std::getline(in, line); ++ln) {
    if (line.empty()) continue;
    std::string where = annotations_path + ":" + std::to_string(ln) + ": ";
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::Corruption(where + "not a JSON object");
    if (j.contains("corpus")) continue;  // header
    if (!j.contains("id") || !j.contains("attributions") || !j["attributions"].is_array())
      return Status::Corruption(where + "needs id and attributions");
    LabeledDocument d;
    d.id = IdString(j["id"]);
    auto it = texts.find(d.id);
    if (it == texts.end()) return Status::Corruption(where + "id " + d.id + " not in the corpus");
    d.text = it->second;
    const size_t length = CodePointLength(d.text);
    for (const json& a : j["attributions"]) {
      LabeledAttribution la;
      if (!a.is_object() || !ParseSpans(a.value("cue", json()), length, &la.spans.cue) ||
          !ParseSpans(a.value("source", json::array()), length, &la.spans.source) ||
          !ParseSpans(a.value("content", json()), length, &la.spans.content) ||
          la.spans.cue.empty())
        return Status::Corruption(where + "bad spans in id " + d.id);
      if (!ParseKind(a.value("kind", ""), &la.kind))
        return Status::Corruption(where + "unknown kind in id " + d.id);
      std::string stance = a.value("stance", "");
      if (stance != "asserts" && stance != "denies")
        return Status::Corruption(where + "unknown stance in id " + d.id);
      la.stance = stance == "denies" ? Stance::kDenies : Stance::kAsserts;
      d.gold.push_back(std::move(la));
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

std::string EvalSetScores::ToString() const {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "matched %ld: source kind agrees %.3f, stance agrees %.3f; denials P %.3f R "
                "%.3f (gold %ld)\n",
                matched, KindAccuracy(), StanceAccuracy(), denies.Precision(), denies.Recall(),
                denies.gold);
  return spans.ToString() + buf;
}

EvalSetScores EvaluateSet(const std::vector<LabeledDocument>& docs, const Extractor& extractor,
                          const std::string& lang) {
  EvalSetScores s;
  Context ctx;
  ctx.lang = lang;
  for (const LabeledDocument& d : docs) {
    std::vector<Attribution> pred = extractor.Extract(d.text, ctx);
    std::vector<polnear::SpanAttribution> p = polnear::ToCodePoints(d.text, pred), g;
    for (const LabeledAttribution& a : d.gold) g.push_back(a.spans);
    s.spans.Add(polnear::ScoreText(d.text, g, p));
    for (const LabeledAttribution& a : d.gold) s.denies.gold += a.stance == Stance::kDenies;
    for (const Attribution& a : pred) s.denies.predicted += a.stance == Stance::kDenies;
    for (const auto& [gi, pi] : polnear::MatchAttributions(d.text, g, p)) {
      ++s.matched;
      s.kind_agree += d.gold[gi].kind == pred[pi].source_kind;
      s.stance_agree += d.gold[gi].stance == pred[pi].stance;
      s.denies.tp += d.gold[gi].stance == Stance::kDenies && pred[pi].stance == Stance::kDenies;
    }
  }
  return s;
}

}  // namespace headwater::attribution
