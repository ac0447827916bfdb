// WireCredit: which news agency a text credits as its source, read from the places a syndicated
// copy names it: the byline ("By Reuters"), the dateline ("MOSCOW (AP) —") and the first
// ~300 bytes of the text.
// Thread-safety: pure function, safe to call concurrently.
#pragma once

#include <string>
#include <string_view>

namespace headwater::reuse {

// Bytes at the start of the text searched for a credit (the dateline and the first sentence).
inline constexpr size_t kWireCreditWindow = 300;

// The canonical short name of the wire agency credited in `byline` or in the first
// kWireCreditWindow bytes of `text`: "AP", "Reuters", "AFP", "EFE", "UPI", "Notimex",
// "Europa Press", "Agência Brasil", "Bloomberg"; "" when none. Long names ("Associated Press",
// "Agence France-Presse", "United Press International") match case- and accent-insensitively;
// acronyms match only in capitals as whole words ("AFP", "EFE", "UPI"), and AP only as "(AP)" or
// as a whole word of the byline, so "ap" inside a word or a sentence is no credit. A name in a
// photo credit ("Saul Loeb | AFP | Getty Images", "(AFP Photo/...)", "Photo: Bloomberg") is
// no credit: "photo", "getty", "image" or "picture" within 30 bytes on its line. The byline
// wins over the text; within one, the earliest credit wins.
std::string WireCredit(std::string_view text, std::string_view byline);

}  // namespace headwater::reuse
