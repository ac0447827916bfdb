// PolNeAR reader and scorer. Steps: parse brat T/E lines into code-point span lists; normalise
// every span (trim white space and punctuation, sort, merge); then for each field match gold and
// predicted items one-to-one by a global greedy pass over all pairs ordered by overlap size
// (exact matching uses the same pass with "identical" as the pair test).
#include "attribution/polnear.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/text.h"

namespace headwater::attribution::polnear {
namespace {

using Spans = std::vector<Span>;

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string_view> SplitBy(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

bool ParseUint(std::string_view s, uint32_t* v) {
  if (s.empty()) return false;
  uint64_t x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + (c - '0');
    if (x > 0xFFFFFFFFu) return false;
  }
  *v = static_cast<uint32_t>(x);
  return true;
}

bool IsIdOf(std::string_view id, char letter) {
  if (id.size() < 2 || id[0] != letter) return false;
  return std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsTrimmable(char32_t c) {
  return c == 0xFEFF || u_isUWhiteSpace(c) || u_ispunct(c);
}

// Trims each piece against the code points of the text, then sorts and merges.
Spans Normalize(const Spans& in, const std::u32string& cps) {
  Spans out;
  for (Span s : in) {
    uint32_t b = std::min<uint32_t>(s.begin, cps.size()), e = std::min<uint32_t>(s.end, cps.size());
    while (b < e && IsTrimmable(cps[b])) ++b;
    while (e > b && IsTrimmable(cps[e - 1])) --e;
    if (b < e) out.push_back({b, e});
  }
  std::sort(out.begin(), out.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin || (a.begin == b.begin && a.end < b.end); });
  Spans merged;
  for (const Span& s : out) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

uint32_t Overlap(const Spans& a, const Spans& b) {
  uint32_t n = 0;
  for (const Span& x : a)
    for (const Span& y : b) {
      uint32_t lo = std::max(x.begin, y.begin), hi = std::min(x.end, y.end);
      if (hi > lo) n += hi - lo;
    }
  return n;
}

// One-to-one greedy matching: `score(g, p)` > 0 makes a pair eligible; higher pairs first.
template <typename F>
long GreedyMatch(size_t n_gold, size_t n_pred, F score,
                 std::vector<std::pair<size_t, size_t>>* matched = nullptr) {
  struct Pair {
    double s;
    size_t g, p;
  };
  std::vector<Pair> pairs;
  for (size_t g = 0; g < n_gold; ++g)
    for (size_t p = 0; p < n_pred; ++p) {
      double s = score(g, p);
      if (s > 0) pairs.push_back({s, g, p});
    }
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.s > b.s; });
  std::vector<bool> gu(n_gold), pu(n_pred);
  long tp = 0;
  for (const Pair& pr : pairs) {
    if (gu[pr.g] || pu[pr.p]) continue;
    gu[pr.g] = pu[pr.p] = true;
    if (matched) matched->push_back({pr.g, pr.p});
    ++tp;
  }
  return tp;
}

void ScoreField(const std::vector<Spans>& gold_all, const std::vector<Spans>& pred_all,
                Counts* exact, Counts* overlap) {
  std::vector<Spans> gold, pred;
  for (const Spans& s : gold_all)
    if (!s.empty()) gold.push_back(s);
  for (const Spans& s : pred_all)
    if (!s.empty()) pred.push_back(s);
  exact->gold += gold.size(), overlap->gold += gold.size();
  exact->predicted += pred.size(), overlap->predicted += pred.size();
  exact->tp += GreedyMatch(gold.size(), pred.size(),
                           [&](size_t g, size_t p) { return gold[g] == pred[p] ? 1.0 : 0.0; });
  overlap->tp += GreedyMatch(gold.size(), pred.size(),
                             [&](size_t g, size_t p) { return double(Overlap(gold[g], pred[p])); });
}

std::string Row(const char* name, const Counts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-16s P %.3f  R %.3f  F1 %.3f  (tp %ld, gold %ld, pred %ld)\n",
                name, c.Precision(), c.Recall(), c.F1(), c.tp, c.gold, c.predicted);
  return buf;
}

}  // namespace

StatusOr<std::vector<SpanAttribution>> ParseBrat(std::string_view ann) {
  std::map<std::string, Spans, std::less<>> spans;
  std::vector<SpanAttribution> out;
  std::vector<std::string_view> lines = SplitBy(ann, '\n');
  // T lines first (E lines may precede the T lines they name in hand-edited files).
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view line = lines[ln];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> f = SplitBy(line, '\t');
    if (f.size() < 2 || !IsIdOf(f[0], 'T')) continue;
    size_t sp = f[1].find(' ');
    if (sp == std::string_view::npos) {
      return Status::Corruption("brat line " + std::to_string(ln + 1) + ": no offsets");
    }
    Spans s;
    for (std::string_view piece : SplitBy(f[1].substr(sp + 1), ';')) {
      std::vector<std::string_view> be = SplitBy(piece, ' ');
      Span x;
      if (be.size() != 2 || !ParseUint(be[0], &x.begin) || !ParseUint(be[1], &x.end) ||
          x.end < x.begin) {
        return Status::Corruption("brat line " + std::to_string(ln + 1) + ": bad offsets '" +
                                  std::string(piece) + "'");
      }
      s.push_back(x);
    }
    spans[std::string(f[0])] = std::move(s);
  }
  for (std::string_view line : lines) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> f = SplitBy(line, '\t');
    if (f.size() < 2 || !IsIdOf(f[0], 'E')) continue;
    SpanAttribution a;
    bool any = false;
    for (std::string_view arg : SplitBy(f[1], ' ')) {
      size_t colon = arg.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view role = arg.substr(0, colon), id = arg.substr(colon + 1);
      auto it = spans.find(id);
      if (it == spans.end()) continue;
      if (role == "Cue") a.cue = it->second, any = true;
      else if (role == "Source") a.source = it->second, any = true;
      else if (role == "Content") a.content = it->second, any = true;
    }
    if (any) out.push_back(std::move(a));
  }
  return out;
}

StatusOr<std::vector<Document>> LoadSplit(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::map<std::string, std::string> ann_of;  // stem -> alphabetically first .ann
  for (const auto& e : fs::directory_iterator(dir + "/attributions", ec)) {
    std::string name = e.path().filename().string();
    if (e.path().extension() != ".ann") continue;
    size_t us = name.rfind('_');
    if (us == std::string::npos) continue;
    std::string stem = name.substr(0, us);
    auto it = ann_of.find(stem);
    if (it == ann_of.end() || name < fs::path(it->second).filename().string())
      ann_of[stem] = e.path().string();
  }
  if (ec) return Status::IoError("cannot list " + dir + "/attributions: " + ec.message());
  std::vector<Document> docs;
  for (const auto& [stem, ann_path] : ann_of) {
    std::string txt_path = dir + "/text/" + stem + ".txt";
    if (!fs::exists(txt_path)) continue;
    HW_ASSIGN_OR_RETURN(std::string text, ReadFile(txt_path));
    HW_ASSIGN_OR_RETURN(std::string ann, ReadFile(ann_path));
    auto gold = ParseBrat(ann);
    if (!gold.ok()) return Status::Corruption(ann_path + ": " + gold.status().message());
    docs.push_back({stem, std::move(text), std::move(*gold)});
  }
  return docs;
}

std::vector<SpanAttribution> ToCodePoints(std::string_view text,
                                          const std::vector<Attribution>& predicted) {
  CodePointIndex idx(text);
  auto conv = [&](const std::vector<Span>& in) {
    Spans out;
    for (const Span& s : in)
      out.push_back({static_cast<uint32_t>(idx.ToCodePoint(s.begin)),
                     static_cast<uint32_t>(idx.ToCodePoint(s.end))});
    return out;
  };
  std::vector<SpanAttribution> out;
  for (const Attribution& a : predicted) out.push_back({conv(a.cue), conv(a.source), conv(a.content)});
  return out;
}

std::string ToBrat(std::string_view text, const std::vector<SpanAttribution>& attributions) {
  std::u32string cps;
  for (size_t pos = 0; pos < text.size();) cps.push_back(DecodeUtf8(text, &pos));
  std::string out;
  int t = 0, e = 0;
  auto emit = [&](const char* type, const Spans& spans) {
    std::string id = "T" + std::to_string(++t);
    out += id + "\t" + type + " ";
    std::string covered;
    for (size_t i = 0; i < spans.size(); ++i) {
      if (i) out += ";", covered += " ";
      out += std::to_string(spans[i].begin) + " " + std::to_string(spans[i].end);
      for (uint32_t c = spans[i].begin; c < spans[i].end && c < cps.size(); ++c)
        AppendUtf8(cps[c] == U'\n' ? U' ' : cps[c], &covered);
    }
    out += "\t" + covered + "\n";
    return id;
  };
  for (const SpanAttribution& a : attributions) {
    if (a.cue.empty()) continue;
    std::string cue = emit("Cue", a.cue);
    std::string src = a.source.empty() ? "" : emit("Source", a.source);
    std::string content = a.content.empty() ? "" : emit("Content", a.content);
    std::string att = emit(a.source.empty() ? "Attribution-no-source" : "Attribution", a.cue);
    out += "E" + std::to_string(++e) + "\t" + (a.source.empty() ? "Attribution-no-source:" : "Attribution:") +
           att + " Cue:" + cue;
    if (!src.empty()) out += " Source:" + src;
    if (!content.empty()) out += " Content:" + content;
    out += "\n";
  }
  return out;
}

void Scores::Add(const Scores& o) {
  cue_exact.Add(o.cue_exact), cue_overlap.Add(o.cue_overlap);
  source_exact.Add(o.source_exact), source_overlap.Add(o.source_overlap);
  content_exact.Add(o.content_exact), content_overlap.Add(o.content_overlap);
  attribution.Add(o.attribution);
}

std::string Scores::ToString() const {
  return Row("cue exact", cue_exact) + Row("cue overlap", cue_overlap) +
         Row("source exact", source_exact) + Row("source overlap", source_overlap) +
         Row("content exact", content_exact) + Row("content overlap", content_overlap) +
         Row("attribution", attribution);
}

namespace {

std::vector<SpanAttribution> NormalizeAll(const std::vector<SpanAttribution>& v,
                                          const std::u32string& cps) {
  std::vector<SpanAttribution> out;
  for (const SpanAttribution& a : v)
    out.push_back({Normalize(a.cue, cps), Normalize(a.source, cps), Normalize(a.content, cps)});
  return out;
}

std::u32string CodePoints(std::string_view text) {
  std::u32string cps;
  for (size_t pos = 0; pos < text.size();) cps.push_back(DecodeUtf8(text, &pos));
  return cps;
}

// Attribution-level matching over normalised spans (see MatchAttributions).
long MatchNormalized(const std::vector<SpanAttribution>& g, const std::vector<SpanAttribution>& p,
                     std::vector<std::pair<size_t, size_t>>* matched) {
  return GreedyMatch(
      g.size(), p.size(),
      [&](size_t i, size_t j) -> double {
        uint32_t c = Overlap(g[i].cue, p[j].cue), t = Overlap(g[i].content, p[j].content);
        if (c == 0 || t == 0) return 0;
        uint32_t src = 0;
        if (g[i].source.empty() != p[j].source.empty()) return 0;
        if (!g[i].source.empty()) {
          src = Overlap(g[i].source, p[j].source);
          if (src == 0) return 0;
        }
        return double(c) + t + src;
      },
      matched);
}

}  // namespace

Scores ScoreText(std::string_view text, const std::vector<SpanAttribution>& gold,
                 const std::vector<SpanAttribution>& predicted) {
  std::u32string cps = CodePoints(text);
  std::vector<SpanAttribution> g = NormalizeAll(gold, cps), p = NormalizeAll(predicted, cps);
  auto field = [](const std::vector<SpanAttribution>& v, Spans SpanAttribution::*m) {
    std::vector<Spans> out;
    for (const SpanAttribution& a : v) out.push_back(a.*m);
    return out;
  };
  Scores s;
  ScoreField(field(g, &SpanAttribution::cue), field(p, &SpanAttribution::cue), &s.cue_exact,
             &s.cue_overlap);
  ScoreField(field(g, &SpanAttribution::source), field(p, &SpanAttribution::source),
             &s.source_exact, &s.source_overlap);
  ScoreField(field(g, &SpanAttribution::content), field(p, &SpanAttribution::content),
             &s.content_exact, &s.content_overlap);
  s.attribution.gold = g.size();
  s.attribution.predicted = p.size();
  s.attribution.tp = MatchNormalized(g, p, nullptr);
  return s;
}

std::vector<std::pair<size_t, size_t>> MatchAttributions(
    std::string_view text, const std::vector<SpanAttribution>& gold,
    const std::vector<SpanAttribution>& predicted) {
  std::u32string cps = CodePoints(text);
  std::vector<std::pair<size_t, size_t>> matched;
  MatchNormalized(NormalizeAll(gold, cps), NormalizeAll(predicted, cps), &matched);
  return matched;
}

Scores Evaluate(const std::vector<Document>& docs, const Extractor& extractor) {
  Scores total;
  Context ctx;
  for (const Document& d : docs) {
    std::vector<Attribution> pred = extractor.Extract(d.text, ctx);
    total.Add(ScoreText(d.text, d.gold, ToCodePoints(d.text, pred)));
  }
  return total;
}

}  // namespace headwater::attribution::polnear
