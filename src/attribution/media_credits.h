// Media credits in running text: an outlet named as the one a statement was made to or a thing
// was found by ("Gingrich told Newsmax", "in an interview with CNN", "a video uncovered by Fox
// News", "documents obtained by The Hill", "first reported by Politico", "said on Fox News"),
// also through a person of the outlet ("told Bill Smith of Fox News", "in an interview with Jane
// Roe of CNN"). The article then relies on that outlet's report even when the speaker is a
// person, so the outlet is credited with an attribution of its own (source = the outlet's name,
// kind outlet); role analysis counts the speaker's statement as that citation (provenance
// Options::quotes_given_to_outlets_relay).
//
// Needs the outlet registry (Context::outlets): without one nothing is added, so PolNeAR
// scoring (no registry) is unaffected.
// Thread-safety: a pure function; the registry is only read.
#pragma once

#include <string_view>
#include <vector>

#include "attribution/extractor.h"
#include "attribution/spans.h"
#include "common/text.h"

namespace headwater::attribution {

// Appends one attribution per registry outlet mention that directly follows a media-credit cue
// ("told", "interview with", "uncovered by", "obtained by", "reported by", "speaking to", "said
// on", ...), or follows "told <Capitalised Name> of" / "interview with <Name> of" (the cue is
// then "told" / "interview with" alone), inside one sentence, unless an attribution in *out already
// resolves to that outlet with a source overlapping the mention. Cue = the cue words, source = the
// mention, content = the sentence before the cue (or, when the cue opens the sentence, the rest
// after the mention), trimmed; stance asserts; self_citation when the outlet is
// Context::own_outlet.
void AddMediaCredits(std::string_view text, const std::vector<Token>& tokens,
                     const std::vector<Sentence>& sentences, const Context& ctx,
                     std::vector<Attribution>* out);

}  // namespace headwater::attribution
