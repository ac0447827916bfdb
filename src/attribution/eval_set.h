// Hand-annotated attribution evaluation sets (e.g. the Spanish set in
// tests/fixtures/attribution/): the project keeps only article ids, code-point offsets and labels;
// the texts are read at run time from the corpus they were annotated on (a JSON Lines file with
// `id` and `text` fields, such as ../shared/data/spanish-news/v1-2018-dev.jsonl).
//
// Annotation file: JSON Lines. The first line is a header object with a "corpus" key; every
// other line is {"id": N, "attributions": [{"cue": [[b,e],...], "source": [[b,e],...],
// "content": [[b,e],...], "kind": "person", "stance": "asserts"}, ...]} with half-open CODE
// POINT offsets into the article's `text`; "source" is [] for a sourceless attribution.
//
// Scoring (EvaluateSet) is the PolNeAR scorer's (polnear.h: trimmed spans, one-to-one greedy
// matching, micro-averaged), plus, over the matched attributions, how often the predicted source
// kind and stance equal the annotated ones.
// Thread-safety: free functions over values; safe to call concurrently.
#pragma once

#include <string>
#include <vector>

#include "attribution/extractor.h"
#include "attribution/polnear.h"
#include "common/model.h"
#include "common/status.h"

namespace headwater::attribution {

struct LabeledAttribution {
  polnear::SpanAttribution spans;  // code points
  SourceKind kind = SourceKind::kNone;
  Stance stance = Stance::kAsserts;
};

struct LabeledDocument {
  std::string id;
  std::string text;  // the corpus text, UTF-8
  std::vector<LabeledAttribution> gold;
};

// Reads `annotations_path` and joins it with the texts of `corpus_jsonl` by id. Fails
// (kCorruption naming the line) on malformed JSON, an unknown kind or stance, an id the corpus
// lacks, or an offset beyond the text.
StatusOr<std::vector<LabeledDocument>> LoadEvalSet(const std::string& annotations_path,
                                                   const std::string& corpus_jsonl);

struct EvalSetScores {
  polnear::Scores spans;
  long matched = 0;        // attribution-level matches
  long kind_agree = 0;     // of those, predicted source kind == annotated kind
  long stance_agree = 0;   // of those, predicted stance == annotated stance
  polnear::Counts denies;  // denials among matched pairs: tp = both deny
  // Shares in [0,1], higher is better; 0 when nothing matched.
  double KindAccuracy() const { return matched ? double(kind_agree) / matched : 0.0; }
  double StanceAccuracy() const { return matched ? double(stance_agree) / matched : 0.0; }
  std::string ToString() const;
};

// Runs `extractor` with Context{lang} over every document and scores it.
EvalSetScores EvaluateSet(const std::vector<LabeledDocument>& docs, const Extractor& extractor,
                          const std::string& lang);

}  // namespace headwater::attribution
