// PolNeAR evaluation: reads the corpus's brat standoff files and scores predicted attributions
// against them.
//
// Brat lines used: `Tn<TAB>Type start end[;start end...]<TAB>text` (Type Cue, Source, Content,
// Attribution, Attribution-no-source; others ignored) and `En<TAB>Role:Tk Role:Tj ...` linking
// one attribution's parts. Offsets are CODE POINTS into the .txt exactly as stored (a leading
// BOM counts as one code point). Anything else (AnnotatorNotes, wrapped span text) is skipped.
//
// Scoring (all figures micro-averaged over texts; precision, recall and F1 each in [0,1],
// higher is better):
//  - every span is first trimmed of leading/trailing white space and punctuation; pieces that
//    become empty are dropped;
//  - cue, source and content are scored separately, each both "exact" (identical piece lists)
//    and "overlap" (at least one code point in common); one gold item matches at most one
//    predicted item within a text (greedy, largest overlap first);
//  - an attribution matches when cues overlap, contents overlap, and sources overlap or are
//    both absent (one-to-one as well).
// Thread-safety: free functions over values; safe to call concurrently.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attribution/extractor.h"
#include "common/model.h"
#include "common/status.h"

namespace headwater::attribution::polnear {

// One attribution with CODE POINT spans (half-open). `source` is empty when sourceless.
struct SpanAttribution {
  std::vector<Span> cue, source, content;
};

struct Document {
  std::string name;  // file stem, "breitbart_2015-11-11_..."
  std::string text;  // the .txt as stored (UTF-8, BOM kept)
  std::vector<SpanAttribution> gold;
};

// Parses one .ann file's contents. Fails (kCorruption, naming the line) on a T line whose
// offsets do not parse; E lines naming unknown T ids are skipped.
StatusOr<std::vector<SpanAttribution>> ParseBrat(std::string_view ann);

// Loads `dir`/text/*.txt with `dir`/attributions/*.ann (`<stem>_<annotator>.ann`; when several
// annotators did one text, the alphabetically first file). Texts without an .ann are skipped.
// Documents come sorted by name.
StatusOr<std::vector<Document>> LoadSplit(const std::string& dir);

// Converts an extractor's BYTE-span attributions over `text` to code-point spans.
std::vector<SpanAttribution> ToCodePoints(std::string_view text,
                                          const std::vector<Attribution>& predicted);

// Writes code-point attributions as brat standoff (T lines Cue/Source/Content/Attribution and E
// lines), the same shape ParseBrat reads; `text` supplies the span texts.
std::string ToBrat(std::string_view text, const std::vector<SpanAttribution>& attributions);

struct Counts {
  long tp = 0, gold = 0, predicted = 0;
  double Precision() const { return predicted ? double(tp) / predicted : 0.0; }
  double Recall() const { return gold ? double(tp) / gold : 0.0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  void Add(const Counts& o) { tp += o.tp, gold += o.gold, predicted += o.predicted; }
};

struct Scores {
  Counts cue_exact, cue_overlap, source_exact, source_overlap, content_exact, content_overlap;
  Counts attribution;
  void Add(const Scores& o);
  // Multi-line human-readable table of P/R/F1.
  std::string ToString() const;
};

// Scores one text's predictions (code-point spans) against its gold attributions.
Scores ScoreText(std::string_view text, const std::vector<SpanAttribution>& gold,
                 const std::vector<SpanAttribution>& predicted);

// The one-to-one attribution matching ScoreText counts: pairs (gold index, predicted index) whose
// cues overlap, contents overlap and sources overlap or are both absent, chosen greedily by the
// total overlap (largest first). Spans are code points; indices refer to the given vectors.
std::vector<std::pair<size_t, size_t>> MatchAttributions(
    std::string_view text, const std::vector<SpanAttribution>& gold,
    const std::vector<SpanAttribution>& predicted);

// Runs `extractor` (lang "en", no registry) over every document and sums ScoreText.
Scores Evaluate(const std::vector<Document>& docs, const Extractor& extractor);

}  // namespace headwater::attribution::polnear
