// Retractions, corrections and refutations: sentences of an article saying that a report (its
// own outlet's, or another outlet's) was retracted, corrected or refuted — "The AP has retracted
// its story", "Correction: an earlier version of this article…", "we erred", "la nota fue
// retirada", "fe de erratas", "desmiente la información de…", fact-check ratings such as
// "Rating: False" / "Calificación: Falso".
//
// Two steps, each usable alone:
//   1. FindRetractionCues(text): the cue matches of one text (English and Spanish lexicons, both
//      always tried: the languages share no cue), with the sentence around each;
//   2. FindRetractions(in, ...) (used by Analyze): for each cue of each article of a story, who
//      says it (the article's outlet), whose report it targets (outlets named in the sentence,
//      else the outlets of story articles it links to, else its own outlet for first-person and
//      "this article" cues, else nobody in particular: the story itself), and the evidence.
// A cue inside an attribution of a person, official or anonymous source is a denial by that
// source (listed as a denial already), not a retraction.
// Thread-safety: pure functions; the compiled patterns are built once, thread-safely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provenance/provenance.h"

namespace headwater::provenance {

// One cue match in a text. Offsets are bytes into the text, half-open.
struct RetractionCue {
  RetractionKind kind = RetractionKind::kCorrected;
  bool self = false;  // first person or "this article": the text's own outlet's report
  uint32_t cue_begin = 0, cue_end = 0;
  uint32_t sentence_begin = 0, sentence_end = 0;
};

// Every cue of text, in text order; at most one per sentence (the strongest kind: retracted >
// refuted > corrected).
std::vector<RetractionCue> FindRetractionCues(std::string_view text);

// The retractions, corrections and refutations said in the story's articles, in article order.
// A retraction targeting an outlet is kept only when the article is not earlier than that
// outlet's earliest article in the story (a retraction comes after the report).
std::vector<Retraction> FindRetractions(const StoryInput& in);
// The same with the cues of each article given: cues[i] = FindRetractionCues(in.articles[i].text)
// (e.g. from a FactCache); cues.size() == in.articles.size(), no null.
std::vector<Retraction> FindRetractions(const StoryInput& in,
                                        const std::vector<const std::vector<RetractionCue>*>& cues);

}  // namespace headwater::provenance
