// Credit lines: the line an aggregator or a repost sets above the text to say whose article it
// carries. Two forms are read:
//   "Star Tribune•"     a publisher's name followed by a bullet on a line of its own, as
//                       yahoo.com and other relays print it under the headline (also a byline
//                       ending in a bullet, "Jill Colvin, The Associated Press •": the part
//                       after the last comma is the publisher);
//   "(From The Hill)"   a repost's header naming where it is from ("(Via Reuters)" too).
// Each is an attribution of the whole article to that publisher: the article relays the
// publisher's report, it is not the article's own reporting (issue 8).
//
// Needs the outlet registry (Context::outlets): without one nothing is added, so PolNeAR
// scoring (no registry) is unaffected.
// Thread-safety: a pure function; the registry is only read.
#pragma once

#include <string_view>
#include <vector>

#include "attribution/extractor.h"

namespace headwater::attribution {

// Bytes at the start of the text searched for credit lines (headline, credit line, date line).
inline constexpr size_t kCreditLineWindow = 600;
// Longest publisher name read on a credit line, in bytes; longer lines are text, not credits.
inline constexpr size_t kCreditLineMaxName = 60;

// Appends one attribution per credit line among the first `max_lines` lines (and the first
// kCreditLineWindow bytes) of `text`. Cue = the bullet or "(From" / "(Via"; source = the name;
// content = what the credit stands over: the text above the credit line (the headline), if any,
// and the next non-empty line (the lead); source_kind outlet; stance asserts. The name resolves
// to a registry outlet by name or alias, else by a registry name it starts with ("Reuters UK"),
// else by a domain spelled from it ("Star Tribune" -> startribune.com), else it is kept as
// written (outlet_id 0, outlet_name = the name). self_citation when it resolves to
// Context::own_outlet or names the own outlet's domain ("Yahoo View•" on yahoo.com). Lines naming
// nothing (a bare "•", a name of more than six words or fewer than three letters, a name starting
// with a non-letter) are skipped.
void AddCreditLines(std::string_view text, const Context& ctx, int max_lines,
                    std::vector<Attribution>* out);

}  // namespace headwater::attribution
