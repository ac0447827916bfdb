// Source resolution for the attribution stage: classifies a found source span (outlet, person,
// official body, anonymous source, document), resolves outlets through the registry (names,
// aliases, possessives, hyperlinked domains), fills person/role/anonymous reason and
// self-citation; and finds wire credits in datelines ("WASHINGTON (AP) —").
// Thread-safety: free functions, safe to call concurrently (the registry is only read).
#pragma once

#include <string_view>
#include <vector>

#include "attribution/extractor.h"
#include "common/text.h"

namespace headwater::attribution {

// Fills at->source_kind, outlet_id/outlet_name, person, role, anonymous(_reason),
// self_citation and link from at->source / at->content spans over `text`. `tokens` are
// Tokenize(text). A source with no span gets kNone.
void ResolveSource(std::string_view text, const std::vector<Token>& tokens, const Context& ctx,
                   Attribution* at);

// Appends one attribution per paragraph that opens with a dateline carrying a wire credit in
// parentheses followed by a dash: cue and source are the credit, content the rest of the
// paragraph, source_kind outlet. The credit must be a registry outlet, or one of the common
// wires (AP, Reuters, AFP, EFE, UPI, ...) when no registry is given.
void AddDatelineCredits(std::string_view text, const Context& ctx, std::vector<Attribution>* out);

}  // namespace headwater::attribution
