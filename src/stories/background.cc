// Background term frequencies (background.h). Per language, each corpus's document shares are
// folded into a running minimum; a term missing from one corpus of a language has generality 0
// in it. The final table maps term -> max over languages, recomputed for a language whenever
// one of its corpora is added (corpora are few and added once, at start-up).
#include "stories/background.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_set>

namespace headwater::stories {

void BackgroundFrequencies::AddCorpus(std::string_view lang,
                                      const std::vector<std::vector<RawTerm>>& docs,
                                      uint32_t min_docs) {
  if (docs.empty()) return;
  std::unordered_map<std::string, uint32_t> df;
  for (const std::vector<RawTerm>& d : docs) {
    std::unordered_set<std::string_view> seen;
    for (const RawTerm& t : d) {
      if (seen.insert(t.term).second) df[t.term] += 1;
    }
  }
  std::string key(lang);
  Lang& l = langs_[key];
  const double n = static_cast<double>(docs.size());
  for (const auto& [term, count] : df) {
    if (count < min_docs) continue;
    double share = count / n;
    auto [it, inserted] = l.shares.try_emplace(term, share, 0);
    if (!inserted) it->second.first = std::min(it->second.first, share);
    it->second.second += 1;
  }
  l.corpora += 1;
  corpora_ += 1;
  Recompute();
}

void BackgroundFrequencies::Recompute() {
  // Rebuild the whole table: a language's terms may have dropped out with the new corpus.
  generality_.clear();
  for (const auto& [name, l] : langs_) {
    for (const auto& [term, v] : l.shares) {
      if (v.second < l.corpora) continue;  // absent from one corpus of the language
      double& g = generality_[term];
      g = std::max(g, v.first);
    }
  }
}

double BackgroundFrequencies::Generality(std::string_view term) const {
  if (generality_.empty()) return 0;
  auto it = generality_.find(std::string(term));
  return it == generality_.end() ? 0 : it->second;
}

std::string BackgroundFrequencies::ToTsv() const {
  std::map<std::string, double> sorted(generality_.begin(), generality_.end());
  std::string out;
  char buf[32];
  for (const auto& [term, g] : sorted) {
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, g, std::chars_format::fixed, 6);
    out += term;
    out += '\t';
    out.append(buf, end);
    out += '\n';
  }
  return out;
}

StatusOr<BackgroundFrequencies> BackgroundFrequencies::FromTsv(std::string_view tsv) {
  BackgroundFrequencies b;
  size_t line_no = 0;
  while (!tsv.empty()) {
    size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv = nl == std::string_view::npos ? std::string_view() : tsv.substr(nl + 1);
    ++line_no;
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    double g = -1;
    if (tab != std::string_view::npos && tab > 0) {
      std::from_chars(line.data() + tab + 1, line.data() + line.size(), g);
    }
    if (g < 0 || g > 1) {
      return Status::InvalidArgument("background table line " + std::to_string(line_no) +
                                     ": expected term<TAB>generality in [0,1]");
    }
    b.generality_[std::string(line.substr(0, tab))] = g;
  }
  b.corpora_ = 1;
  return b;
}

}  // namespace headwater::stories
