// The attribution stage: finds every place an article credits someone for what it says
// ("X said", "according to X", "según X", "segundo X", "it was reported that"), with the cue,
// the source and the content as byte spans, the resolved source (outlet, person, official body,
// anonymous source, document), the stance (asserts/denies), self-citation and the link.
//
// How: the text is tokenized once (common/text.h Tokenize, folded tokens) and the cue lexicon
// (lexicon.h) is matched in ONE pass as a hash of first folded words -> multi-word entries,
// longest match first. Each cue is then resolved locally inside its sentence: the subject
// before a speech verb, the noun phrase after "according to" or after an inverted verb
// ("…,” said X"), the content after the verb or before the source, quotes extended across
// sentences. Wire credits in datelines ("WASHINGTON (AP) —") are attributions too.
//
// Source kinds (source.h): `outlet` when the source names a registry outlet (name, alias,
// possessive "JW's", a publisher's report: "Judicial Watch published a report") — then
// outlet_id/outlet_name are set, `link` is the first of Context::links on that outlet's
// domain, and self_citation is outlet_id == Context::own_outlet; an outlet-looking name the
// registry lacks ("El Diario de Juárez") is `outlet` with outlet_id 0. "JW's intelligence
// source" is `outlet` with anonymous = true. Otherwise `anonymous` (unnamed "source(s)",
// "fuentes anónimas"; anonymous_reason from "for safety reasons" / "because …"), `person`
// (a capitalised name, or a pronoun; role from "spokeswoman", "portavoz"), `official`
// ("the FBI", "U.S. and Mexico", "la Secretaría de Gobernación", "police"), `document`
// ("court documents", "un comunicado"), `none` for sourceless cues. Stance is `denies` for
// deny/reject/dismiss/refute, negar/desmentir/rechazar, negar/desmentir/rejeitar.
//
// Thread-safety: an Extractor is immutable after construction; Extract() is const and may run
// concurrently from many threads. Copyable and movable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attribution/cue_model.h"
#include "attribution/lexicon.h"
#include "common/model.h"
#include "normalize/outlet_registry.h"

namespace headwater::attribution {

struct Options {
  // Extend a verb cue back over auxiliaries/adverbs directly before it ("has said",
  // "also said", "was asked"), as PolNeAR annotates them.
  bool include_auxiliaries = true;
  // Extend a verb cue forward over a particle right after it ("asked about", "lashed out",
  // "argued against", "called for", "fired back"), as PolNeAR annotates them.
  bool include_particles = true;
  // Most tokens of a source noun phrase taken before a speech verb (longer subjects keep their
  // last tokens).
  int max_source_tokens = 20;
  // Most bytes searched backwards/forwards for the other half of a quotation that contains
  // the content ("“…,” she said" with the quote opened sentences earlier).
  int max_quote_bytes = 3000;
  // After "“C1,” she said." also take a quotation that opens the next sentence ("“C2.”") as
  // content, as PolNeAR does.
  bool follow_quotes = true;
  // Ignore cues inside quotations ("“I would say this,” Trump answered": only "answered").
  bool skip_quoted_cues = true;
  // Treat "Name: claim" at a sentence start (headline style, 1-5 capitalised words before the
  // colon) as an attribution with the colon as cue. Off by default: right only ~41% of the time
  // on PolNeAR train, and a punctuation-only cue cannot be scored there.
  bool colon_cues = false;
  // Report wire credits in datelines ("WASHINGTON (AP) —") as attributions.
  bool dateline_credits = true;
  // Credit a registry outlet the text names as the one a statement was made to or a thing found
  // by ("told Newsmax", "in an interview with CNN", "uncovered by Fox News"; media_credits.h).
  // Needs Context::outlets.
  bool media_credits = true;
  // Credit a publisher named on a credit line at the top of the text ("Star Tribune•" under an
  // aggregator's headline, "(From The Hill)" over a repost; credit_lines.h), searched among the
  // first `credit_line_max_lines` lines. Needs Context::outlets.
  bool credit_lines = true;
  int credit_line_max_lines = 6;
  // Emit sourceless cues ("reportedly", "it was reported that") as attributions with no source.
  bool sourceless_cues = true;
  // Resolve generic sources ("the group", "the report", "la organización") to the outlet the text
  // names nearest, and drop bare relative pronouns as sources (attribution/coreference.h). Needs
  // Context::outlets.
  bool resolve_coreference = true;
  // Learned filter (cue_model.h), applied when Context::lang is "en": each candidate
  // attribution is scored from its cue's context and its spans, and dropped when the
  // probability (in [0,1], higher = more likely a real attribution) is below
  // `cue_drop_threshold`. The threshold was chosen on PolNeAR train (two folds; see
  // tests/attribution/cue_model_train_test.cc).
  bool use_cue_model = true;
  const CueModel* cue_model = nullptr;  // null = CueModel::English(); not owned
  double cue_drop_threshold = 0.3;
  // The same probability threshold for the model's candidate cues (words gold cues in train
  // often use that the lexicon lacks: "support", "criticism"); above 1 turns them off.
  double cue_add_threshold = 0.5;
  // Learned token tagger (cue_tagger.h), applied when Context::lang is "en": proposes cue words
  // the lexicon lacks ("asked", "in" a poll, "support") where its token probability (in [0,1],
  // higher = more likely a cue word) is at least `cue_tag_threshold`; a proposal's attribution
  // is then kept only when the filter scores it at least `cue_add_threshold`. Chosen on PolNeAR
  // train (two folds; tests/attribution/cue_tagger_train_test.cc). Above 1 turns it off.
  bool use_cue_tagger = true;
  const CueModel* cue_tagger = nullptr;  // null = EnglishCueTagger(); not owned
  double cue_tag_threshold = 0.5;
};

struct Context {
  std::string lang = "en";                             // "en", "es", "pt"; "und" = try all
  const normalize::OutletRegistry* outlets = nullptr;  // may be null
  OutletId own_outlet = 0;                             // the article's outlet, for self_citation
  std::vector<std::string> links;                      // the article's outbound links (absolute URLs)
};

class Extractor {
 public:
  // Compiles the cue matcher once; reusable.
  explicit Extractor(Options options = {});

  // Every attribution in `text` (UTF-8, may start with a BOM), in text order by cue. Spans are
  // BYTE offsets into `text`, half-open, trimmed of surrounding white space and punctuation.
  // Never fails: text without cues gives an empty vector.
  std::vector<Attribution> Extract(std::string_view text, const Context& ctx) const;

  // For training the filter: every candidate before the filter (dateline credits excepted)
  // with its trimmed cue span and feature names. Returns the unfiltered attributions.
  struct Candidate {
    Span cue;
    std::vector<std::string> features;
  };
  std::vector<Attribution> ExtractCandidates(std::string_view text, const Context& ctx,
                                             std::vector<Candidate>* candidates) const;

  const Options& options() const { return options_; }

 private:
  std::vector<Attribution> ExtractImpl(std::string_view text, const Context& ctx,
                                       std::vector<Candidate>* candidates) const;
  Options options_;
  CueMatcher matcher_;
};

}  // namespace headwater::attribution
