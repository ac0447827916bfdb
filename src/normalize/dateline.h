// Wire-style datelines at the start of an article: "CIUDAD JUÁREZ, Mexico (AP) —",
// "WASHINGTON (Reuters) -", "EL PASO, Texas —", "CIUDAD JUÁREZ, Chih.—", "MÉXICO, D.F. (EFE).-",
// "Ciudad de México, 14 de abril (Notimex).-", "SÃO PAULO (Reuters) -".
//
// A dateline is PLACE [, QUALIFIER] [(CREDIT)] DASH within the first line (at most
// DatelineOptions::max_prefix_bytes) where the place is written in capitals, or is followed by a
// credit or a date. The place is resolved in the gazetteer, using the qualifier (a country, a
// region, or a conventional state abbreviation such as "Chih.", "Tamps.", "Tex.", "N.M.") to
// choose among namesakes. Only the abbreviations are written by hand (a closed list of press
// conventions); place names come from the gazetteer.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "common/model.h"
#include "normalize/gazetteer.h"

namespace headwater::normalize {

struct DatelineOptions {
  // Only this many leading bytes of the text are examined (and never past the first newline).
  size_t max_prefix_bytes = 200;
  // Longest place part, in words ("SAN JUAN DE LOS LAGOS" has 5).
  int max_place_words = 6;
};

// The dateline at the start of text, or an empty Dateline when there is none. begin/end are byte
// offsets of the dateline (without the space after the dash) in text. place is the gazetteer
// name when resolved ("Ciudad Juárez"), else the words as written in title case; country is the
// alpha-2 code, "" when unknown; credit is the wire credit ("AP", "EFE") or "".
// g may be null: then only the qualifier abbreviations resolve a country.
Dateline ParseDateline(std::string_view text, const Gazetteer* g, const DatelineOptions& o = {});

}  // namespace headwater::normalize
