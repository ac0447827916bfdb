// Source classification. Order of decisions: registry outlet (mention inside the source, or the
// whole source as a name) > a named publisher's document ("a report in the Des Moines
// Register") > media word > anonymous source (unnamed "source(s)", "anonymous", "fuentes") >
// named person (capitalised words not from the official lexicon) > official body > document >
// pronoun person. A resolved outlet whose domain is among the article's links gives `link`.
#include "attribution/source.h"

#include <algorithm>
#include <cstring>

#include "common/url.h"

namespace headwater::attribution {
namespace {

bool StartsUpper(std::string_view text, const Token& t) {
  size_t pos = t.begin;
  return IsUpperCase(DecodeUtf8(text, &pos));
}

std::string StripPossessive(std::string w) {
  if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
  return w;
}

const std::vector<std::string_view>& KnownWires() {
  static const auto* k = new std::vector<std::string_view>{
      "AP", "Reuters", "AFP", "EFE", "UPI", "Bloomberg", "dpa", "ANSA", "Xinhua", "Notimex",
      "Lusa", "Agencia Brasil", "Europa Press"};
  return *k;
}

void FindReason(std::string_view text, const std::vector<Token>& tokens, uint32_t begin,
                uint32_t end, Attribution* at) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].begin < begin || tokens[i].end > end) continue;
    const std::string& w = tokens[i].folded;
    if (w == "reasons" || w == "reason" || w == "razones" || w == "razoes" || w == "motivos") {
      for (size_t j = i; j + 4 > i && j > 0; --j) {
        const std::string& p = tokens[j - 1].folded;
        if (p == "for" || p == "por") {
          at->anonymous_reason =
              std::string(text.substr(tokens[j - 1].begin, tokens[i].end - tokens[j - 1].begin));
          return;
        }
      }
    }
    if (w == "because" || w == "porque") {
      size_t k = i + 1;
      while (k < tokens.size() && tokens[k].end <= end && k < i + 15) {
        std::string_view gap = text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
        if (gap.find(',') != gap.npos || gap.find('.') != gap.npos) break;
        ++k;
      }
      at->anonymous_reason =
          std::string(text.substr(tokens[i].begin, tokens[k - 1].end - tokens[i].begin));
      return;
    }
  }
}

// Spanish/Portuguese noun phrases put their head first: "el portavoz del Ministerio" is a
// person, "la Agencia Espacial Europea" an official body, "las primeras investigaciones" a
// document, "Testigos" anonymous, "la PGR" (an acronym) an official body. Refines the kind
// chosen by ResolveSource for a source that names no outlet; leaves others unchanged.
void RefineRomanceKind(std::string_view text, const std::vector<const Token*>& st,
                       Attribution* at) {
  if (st.empty() || at->source_kind == SourceKind::kOutlet) return;
  static const std::vector<std::string_view> kSkip = {
      "el",     "la",     "los",    "las",    "un",      "una",      "unos",     "unas",
      "o",      "a",      "os",     "as",     "um",      "uma",      "uno",      "de",
      "del",    "su",     "sus",    "este",   "esta",    "estos",    "estas",    "mismo",
      "misma",  "mismos", "mismas", "primer", "primera", "primeros", "primeras", "propio",
      "propia", "dicho",  "dicha",  "varios", "varias",  "algunos",  "algunas"};
  size_t h = 0;
  while (h + 1 < st.size() && std::find(kSkip.begin(), kSkip.end(), st[h]->folded) != kSkip.end())
    ++h;
  const std::string& head = st[h]->folded;
  if (h + 1 == st.size() && IsAnonymousWord(head)) {
    at->source_kind = SourceKind::kAnonymous;
    at->anonymous = true;
    at->person.clear();
    return;
  }
  if (at->source_kind == SourceKind::kAnonymous) return;
  std::string_view raw = text.substr(st[h]->begin, st[h]->end - st[h]->begin);
  bool acronym = h + 1 == st.size() && raw.size() >= 2 && raw.size() <= 6 &&
                 std::all_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (IsRoleWord(head)) {
    at->source_kind = SourceKind::kPerson;
  } else if (IsOfficialWord(head) || acronym) {
    at->source_kind = SourceKind::kOfficial;
    at->person.clear();
  } else if (IsDocumentWord(head)) {
    at->source_kind = SourceKind::kDocument;
    at->person.clear();
  }
}

}  // namespace

void ResolveSource(std::string_view text, const std::vector<Token>& tokens, const Context& ctx,
                   Attribution* at) {
  if (at->source.empty()) {
    at->source_kind = SourceKind::kNone;
    return;
  }
  uint32_t sb = at->source.front().begin, se = at->source.back().end;
  std::string_view src = text.substr(sb, se - sb);
  std::vector<const Token*> st;
  for (const Token& t : tokens)
    if (t.begin >= sb && t.end <= se) st.push_back(&t);
  std::string folded = Fold(src);

  // Outlet.
  const Outlet* outlet = nullptr;
  if (ctx.outlets) {
    std::vector<normalize::OutletMention> ms = ctx.outlets->FindMentions(src);
    if (!ms.empty()) outlet = ms.front().outlet;
    if (!outlet) outlet = ctx.outlets->FindByName(src);
  }
  bool anonymous_word = false, official = false, document = false;
  std::string role;
  uint32_t role_begin = 0, role_end = 0;  // from the first to the last role word
  for (const Token* t : st) {
    std::string w = StripPossessive(t->folded);
    anonymous_word |= IsAnonymousWord(w);
    official |= IsOfficialWord(w);
    document |= IsDocumentWord(w);
    if (IsRoleWord(w) && (!StartsUpper(text, *t) || t->begin == sb)) {
      if (role_begin == role_end) role_begin = t->begin;
      role_end = t->end;
    }
  }
  if (role_end > role_begin) role = std::string(text.substr(role_begin, role_end - role_begin));
  official |= folded.find("u.s.") != std::string::npos ||
              folded.find("white house") != std::string::npos;
  // Person: the longest run of capitalised tokens that are not official/document words.
  std::string person;
  size_t best = 0;
  for (size_t i = 0; i < st.size();) {
    size_t j = i;
    while (j < st.size() && StartsUpper(text, *st[j]) &&
           !IsOfficialWord(StripPossessive(st[j]->folded)) &&
           !IsDocumentWord(st[j]->folded) && !IsRoleWord(st[j]->folded) &&
           st[j]->folded != "the" && st[j]->folded != "a" && st[j]->folded != "el" &&
           st[j]->folded != "la" && st[j]->folded != "o" && !IsPronoun(st[j]->folded) &&
           (j == i || text.substr(st[j - 1]->end, st[j]->begin - st[j - 1]->end) == " "))
      ++j;
    // A capitalised run after "of"/"de" names an organisation ("Department of Homeland
    // Security", "Secretaría de Gobernación"), not a person.
    bool of_before = i > 0 && (st[i - 1]->folded == "of" || st[i - 1]->folded == "for" ||
                               st[i - 1]->folded == "de" || st[i - 1]->folded == "del" ||
                               st[i - 1]->folded == "da" || st[i - 1]->folded == "do");
    // Spanish/Portuguese put an article before organisations, not people: a source that is
    // an article and one capitalised word ("la Sedena", "el Vaticano", "La F1") is official.
    bool article_before = i == 1 && (st[0]->folded == "el" || st[0]->folded == "la" ||
                                     st[0]->folded == "los" || st[0]->folded == "las");
    if (article_before && j == i + 1 && j == st.size()) {
      official = true;
      i = j;
      continue;
    }
    if (j - i > best && !of_before) {
      best = j - i;
      person = std::string(text.substr(st[i]->begin, st[j - 1]->end - st[i]->begin));
    }
    i = j > i ? j : i + 1;
  }
  if (best == 1 && st.size() > 1 && st.front()->begin == sb && folded.find(' ') != std::string::npos &&
      (official || document || anonymous_word))
    person.clear();  // a capitalised first word of a common noun phrase ("Sources close ...")

  bool media = false;
  for (const Token* t : st) {
    std::string w = StripPossessive(t->folded);
    media |= IsMediaWord(w) && (StartsUpper(text, *t) || IsMediaNoun(w));
  }
  // The head of the noun phrase: its last word before an apposition or relative clause.
  // Spanish and Portuguese put the head first ("un comunicado de la Secretaría").
  static const std::vector<std::string_view> kDeterminers = {
      "the", "a", "an", "un", "una", "el", "la", "los", "las", "o", "os", "as", "um", "uma"};
  size_t first = 0;
  while (first + 1 < st.size() && std::find(kDeterminers.begin(), kDeterminers.end(),
                                            st[first]->folded) != kDeterminers.end())
    ++first;
  bool document_head = !st.empty() && IsDocumentWord(st[first]->folded) &&
                       first + 1 < st.size() &&
                       (st[first + 1]->folded == "de" || st[first + 1]->folded == "del" ||
                        st[first + 1]->folded == "da" || st[first + 1]->folded == "do");
  for (size_t i = 0; i < st.size() && !document_head; ++i) {
    bool last = i + 1 == st.size() ||
                text.substr(st[i]->end, st[i + 1]->begin - st[i]->end).find(',') != std::string_view::npos;
    if (last) {
      document_head = IsDocumentWord(StripPossessive(st[i]->folded));
      break;
    }
  }
  // "a report in the Des Moines Register", "an article by The Intercept": a document of a named
  // publisher (capitalised words to the end of the source, no official body) is that publisher's
  // reporting, an outlet even when the registry does not know it.
  std::string publisher;
  if (!outlet && first + 2 < st.size() && IsDocumentWord(st[first]->folded) &&
      (st[first + 1]->folded == "in" || st[first + 1]->folded == "by" ||
       st[first + 1]->folded == "from")) {
    size_t k = first + 2;
    if (st[k]->folded == "the" && k + 1 < st.size()) ++k;
    size_t j = k;
    while (j < st.size() && StartsUpper(text, *st[j]) &&
           !IsOfficialWord(StripPossessive(st[j]->folded)) &&
           (j == k || text.substr(st[j - 1]->end, st[j]->begin - st[j - 1]->end) == " "))
      ++j;
    if (j > k && j == st.size()) {
      publisher = std::string(text.substr(st[k]->begin, st[j - 1]->end - st[k]->begin));
    }
  }
  at->anonymous = anonymous_word && person.empty();
  if (at->anonymous) {
    // The reason usually sits in an apposition inside the source or right after the cue.
    FindReason(text, tokens, sb, at->content.empty() ? se : at->content.back().end, at);
  }
  if (outlet) {
    at->source_kind = SourceKind::kOutlet;
    at->outlet_id = outlet->id;
    at->outlet_name = outlet->name;
    at->self_citation = ctx.own_outlet != 0 && outlet->id == ctx.own_outlet;
    for (const std::string& link : ctx.links) {
      if (ctx.outlets->FindByDomain(HostOf(link)) == outlet) {
        at->link = link;
        break;
      }
    }
  } else if (!publisher.empty()) {
    at->source_kind = SourceKind::kOutlet;  // named, perhaps not in the registry
    const Outlet* named = ctx.outlets ? ctx.outlets->FindByName(publisher) : nullptr;
    at->outlet_id = named ? named->id : 0;
    at->outlet_name = named ? named->name : publisher;
    at->self_citation = named && ctx.own_outlet != 0 && named->id == ctx.own_outlet;
    at->anonymous = false;
  } else if (media) {
    at->source_kind = SourceKind::kOutlet;  // an outlet the registry does not know
  } else if (at->anonymous) {
    at->source_kind = SourceKind::kAnonymous;
  } else if (!person.empty() && !(official && best == 1 && !role.empty())) {
    at->source_kind = SourceKind::kPerson;
    at->person = person;
  } else if (document_head) {
    at->source_kind = SourceKind::kDocument;  // "court documents", "a police report"
  } else if (official) {
    at->source_kind = SourceKind::kOfficial;
  } else if (document) {
    at->source_kind = SourceKind::kDocument;
  } else {
    at->source_kind = SourceKind::kPerson;  // pronouns and common-noun people ("experts")
  }
  at->role = role;
  if (ctx.lang == "es" || ctx.lang == "pt") RefineRomanceKind(text, st, at);
}

void AddDatelineCredits(std::string_view text, const Context& ctx, std::vector<Attribution>* out) {
  size_t p = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) p = 3;
  while (p < text.size()) {
    size_t nl = text.find('\n', p);
    size_t pe = nl == std::string_view::npos ? text.size() : nl;
    std::string_view para = text.substr(p, pe - p);
    // The credit is the parenthesised group followed by a dash: "Nagpur (India) (AFP) –" has
    // two groups, the second one is the credit.
    size_t open = para.find(" (");
    size_t close = open == para.npos ? para.npos : para.find(')', open);
    while (open != para.npos && close != para.npos && open < 60) {
      size_t a = close + 1;
      while (a < para.size() && para[a] == ' ') ++a;
      if (a < para.size() && para[a] == '(') {
        open = a - 1;
        close = para.find(')', a);
        continue;
      }
      break;
    }
    if (open != para.npos && close != para.npos && open > 1 && open < 80 && close - open < 30) {
      std::string_view head = para.substr(0, open);
      size_t after = close + 1;
      while (after < para.size() && para[after] == ' ') ++after;
      bool dash = para.compare(after, 3, "\xE2\x80\x94") == 0 ||
                  para.compare(after, 3, "\xE2\x80\x93") == 0 ||
                  (after < para.size() && para[after] == '-');
      // The first word of a dateline is in capitals: "WASHINGTON", "CIUDAD JUÁREZ".
      size_t sp = head.find_first_of(" ,");
      std::string_view first = head.substr(0, sp);
      bool caps = first.size() >= 2 && std::none_of(first.begin(), first.end(), [](char c) {
                    return c >= 'a' && c <= 'z';
                  });
      std::string_view credit = para.substr(open + 2, close - open - 2);
      const Outlet* outlet = ctx.outlets ? ctx.outlets->FindByName(credit) : nullptr;
      bool wire = (outlet && outlet->kind == OutletKind::kWire) ||
                  std::find(KnownWires().begin(), KnownWires().end(), credit) != KnownWires().end();
      bool known = outlet || (!ctx.outlets && wire);
      // A wire credit needs only a capitalised place ("Beirut (AFP) –"); another outlet's name in
      // brackets after a capitalised word needs the all-caps wire style to count as a dateline.
      if (!caps && wire && !first.empty() && first[0] >= 'A' && first[0] <= 'Z') caps = true;
      size_t cstart = after + (dash ? (para[after] == '-' ? 1 : 3) : 0);
      if (dash && caps && known && cstart < para.size()) {
        Attribution at;
        uint32_t cb = uint32_t(p + open + 2), ce = uint32_t(p + close);
        at.cue.push_back({cb, ce});
        at.source.push_back({cb, ce});
        size_t cs = p + cstart;
        while (cs < pe && text[cs] == ' ') ++cs;
        if (cs < pe) {
          at.content.push_back({uint32_t(cs), uint32_t(pe)});
          at.cue_text = at.source_text = std::string(credit);
          at.content_text = std::string(text.substr(cs, pe - cs));
          at.source_kind = SourceKind::kOutlet;
          if (outlet) {
            at.outlet_id = outlet->id;
            at.outlet_name = outlet->name;
            at.self_citation = ctx.own_outlet != 0 && outlet->id == ctx.own_outlet;
          }
          out->push_back(std::move(at));
        }
      }
    }
    if (nl == std::string_view::npos) break;
    p = nl + 1;
  }
}

}  // namespace headwater::attribution
