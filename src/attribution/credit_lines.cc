// Credit lines: walk the first lines of the text; a line that is a name followed by a bullet, or
// a parenthesised "(From NAME)" / "(Via NAME)", names the publisher the article relays. The name
// is checked for shape (a few words starting with a letter: a line of text is no credit), then
// resolved against the registry: by name or alias, by a registry name it starts with ("Reuters
// UK" -> Reuters), by the domain spelled from it (its folded letters and digits + ".com"), else
// kept as written. The attribution's content is what the credit stands over: the lines above it
// (the headline) and the next non-empty line (the lead), so that role analysis counts the
// sources quoted there as the publisher's (provenance Options::quotes_given_to_outlets_relay).
#include "attribution/credit_lines.h"

#include <string>

#include "attribution/spans.h"
#include "common/text.h"
#include "common/url.h"

namespace headwater::attribution {
namespace {

constexpr std::string_view kBullet = "\u2022";  // •
constexpr int kMaxNameWords = 6;

// [begin, end) of s trimmed of white space, as offsets into s.
std::pair<size_t, size_t> TrimmedRange(std::string_view s, size_t begin, size_t end) {
  std::string_view t = TrimSpace(s.substr(begin, end - begin));
  if (t.empty()) return {begin, begin};
  size_t b = static_cast<size_t>(t.data() - s.data());
  return {b, b + t.size()};
}

// Folded letters and digits of a name: "The Hill" -> "thehill", "Star Tribune" -> "startribune".
std::string Squashed(std::string_view name) {
  std::string out;
  for (char c : Fold(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

// A name as a credit line writes it: 1..kMaxNameWords words, starting with a letter, at most
// kCreditLineMaxName bytes, at least three letters or digits, a capital letter (or a domain's
// dot), no comma or sentence punctuation.
bool NameShaped(std::string_view name) {
  if (name.empty() || name.size() > kCreditLineMaxName) return false;
  size_t pos = 0;
  if (!IsWordChar(DecodeUtf8(name, &pos)) || (name[0] >= '0' && name[0] <= '9')) return false;
  int words = 1;
  bool upper = false;
  for (char c : name) {
    if (c == ' ') ++words;
    if (c == '"' || c == '!' || c == '?' || c == ';' || c == ',') return false;
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  // A domain ("latimes.com") or a capitalised name ("the Guardian"), not a phrase.
  bool domain = name.find('.') != std::string_view::npos && name.back() != '.';
  if (!upper && !domain) return false;
  return words <= kMaxNameWords && Squashed(name).size() >= 3;
}

// The label of the own outlet's domain ("yahoo" of yahoo.com), "" when unknown.
std::string OwnLabel(const Context& ctx) {
  const Outlet* own = ctx.own_outlet ? ctx.outlets->Get(ctx.own_outlet) : nullptr;
  if (own == nullptr || own->domains.empty()) return "";
  std::string d = own->domains.front();
  return Squashed(d.substr(0, d.find('.')));
}

void AddOne(std::string_view text, size_t line_begin, Span cue, Span source, size_t line_end,
            const Context& ctx, std::vector<Attribution>* out) {
  std::string_view name = text.substr(source.begin, source.end - source.begin);
  // A URL or a domain as the name ("https://www.oneindia.com•", "latimes.com•").
  std::string host = name.find("://") != std::string_view::npos ? HostOf(name) : "";
  std::string_view lookup = host.empty() ? name : std::string_view(host);
  if (host.empty() && !NameShaped(name)) return;
  const Outlet* o = ctx.outlets->FindByName(lookup);
  if (o == nullptr && host.empty()) {
    for (const auto& m : ctx.outlets->FindMentions(lookup)) {
      if (m.begin == 0) o = m.outlet;  // "Reuters UK", "CBS News Videos"
      break;
    }
  }
  std::string squashed = Squashed(lookup);
  if (o == nullptr && lookup.find('.') == std::string_view::npos && squashed.size() >= 4) {
    o = ctx.outlets->FindByDomain(squashed + ".com");
  }
  // The lead the credit stands over: the next non-empty line.
  size_t next = line_end;
  Span content{0, 0};
  while (next < text.size()) {
    size_t e = text.find('\n', next);
    if (e == std::string_view::npos) e = text.size();
    auto [b, t] = TrimmedRange(text, next, e);
    if (t > b) {
      content = {static_cast<uint32_t>(b), static_cast<uint32_t>(t)};
      break;
    }
    next = e + 1;
  }
  if (content.end <= content.begin) return;
  Attribution at;
  at.cue.push_back(cue);
  at.source.push_back(source);
  // The credit stands over what is above it too (the headline).
  auto [hb, he] = TrimmedRange(text, 0, line_begin);
  if (he > hb) at.content.push_back({static_cast<uint32_t>(hb), static_cast<uint32_t>(he)});
  at.content.push_back(content);
  at.cue_text = JoinSpans(text, at.cue);
  at.source_text = JoinSpans(text, at.source);
  at.content_text = JoinSpans(text, at.content);
  at.source_kind = SourceKind::kOutlet;
  at.stance = Stance::kAsserts;
  if (o != nullptr) {
    at.outlet_id = o->id;
    at.outlet_name = o->name;
  } else {
    at.outlet_name = std::string(lookup);
  }
  std::string own_label = OwnLabel(ctx);
  at.self_citation = (ctx.own_outlet != 0 && at.outlet_id == ctx.own_outlet) ||
                     (!own_label.empty() && squashed.find(own_label) != std::string::npos);
  if (at.self_citation && at.outlet_id == 0) at.outlet_id = ctx.own_outlet;
  out->push_back(std::move(at));
}

}  // namespace

void AddCreditLines(std::string_view text, const Context& ctx, int max_lines,
                    std::vector<Attribution>* out) {
  if (ctx.outlets == nullptr) return;
  const size_t window = std::min(text.size(), kCreditLineWindow);
  size_t begin = 0;
  for (int line = 0; line < max_lines && begin < window; ++line) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    auto [b, e] = TrimmedRange(text, begin, end);
    std::string_view l = text.substr(b, e - b);
    if (l.size() > kBullet.size() && l.substr(l.size() - kBullet.size()) == kBullet) {
      // "Star Tribune•", "Jill Colvin, The Associated Press •": the publisher after the last
      // comma.
      size_t name_end = e - kBullet.size();
      size_t name_begin = text.rfind(',', name_end);
      name_begin = name_begin == std::string_view::npos || name_begin < b ? b : name_begin + 1;
      auto [nb, ne] = TrimmedRange(text, name_begin, name_end);
      if (ne > nb) {
        AddOne(text, b, {static_cast<uint32_t>(name_end), static_cast<uint32_t>(e)},
               {static_cast<uint32_t>(nb), static_cast<uint32_t>(ne)}, end, ctx, out);
      }
    } else if (l.size() > 2 && l.front() == '(' && l.back() == ')') {
      // "(From The Hill)", "(Via Reuters)".
      std::string head = Fold(l.substr(1, 5));
      size_t cue_len = head.rfind("from ", 0) == 0 ? 5 : head.rfind("via ", 0) == 0 ? 4 : 0;
      if (cue_len > 0) {
        auto [nb, ne] = TrimmedRange(text, b + 1 + cue_len, e - 1);
        if (ne > nb) {
          AddOne(text, b, {static_cast<uint32_t>(b), static_cast<uint32_t>(b + cue_len)},
                 {static_cast<uint32_t>(nb), static_cast<uint32_t>(ne)}, end, ctx, out);
        }
      }
    }
    begin = end + 1;
  }
}

}  // namespace headwater::attribution
