// Outlet resolution. Names and aliases are indexed by their folded first word so FindMentions
// is one pass over the text's tokens with a short list of candidates per token.
#include "normalize/outlet_registry.h"

#include <algorithm>

#include "common/text.h"
#include "common/url.h"

namespace headwater::normalize {

std::string OutletRegistry::NameKey(std::string_view name) {
  std::string folded = Fold(TrimSpace(name));
  std::string key = CollapseSpace(folded, false);
  if (key.rfind("the ", 0) == 0) key = key.substr(4);
  if (key.size() > 2 && key.compare(key.size() - 2, 2, "'s") == 0) key.resize(key.size() - 2);
  else if (!key.empty() && key.back() == '\'') key.pop_back();
  return key;
}

const Outlet* OutletRegistry::Add(Outlet outlet) {
  auto owned = std::make_unique<Outlet>(std::move(outlet));
  const Outlet* o = owned.get();
  outlets_.push_back(std::move(owned));
  by_id_[o->id] = o;
  for (const std::string& d : o->domains) {
    std::string host = HostOf("https://" + d);
    if (host.empty()) host = Fold(d);
    by_domain_.emplace(host, o);
    by_name_.emplace(host, o);
  }
  auto add_name = [&](const std::string& n) {
    std::string key = NameKey(n);
    if (key.empty()) return;
    by_name_.emplace(key, o);
    std::vector<std::string> words = FoldedWords(n);
    if (!words.empty() && words[0] == "the" && words.size() > 1) words.erase(words.begin());
    if (words.empty()) return;
    bool short_alias = CodePointLength(n) <= 3;
    std::string raw(TrimSpace(n));
    by_first_word_[words[0]].push_back({words, o, short_alias, raw});
  };
  add_name(o->name);
  for (const std::string& a : o->aliases) add_name(a);
  return o;
}

const Outlet* OutletRegistry::Get(OutletId id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const Outlet* OutletRegistry::FindByDomain(std::string_view host_in) const {
  std::string host(host_in);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  while (!host.empty()) {
    auto it = by_domain_.find(host);
    if (it != by_domain_.end()) return it->second;
    size_t dot = host.find('.');
    if (dot == std::string::npos) break;
    host = host.substr(dot + 1);
    if (host.find('.') == std::string::npos) break;  // never match a bare TLD
  }
  return nullptr;
}

const Outlet* OutletRegistry::FindByName(std::string_view name) const {
  std::string key = NameKey(name);
  auto it = by_name_.find(key);
  if (it != by_name_.end()) return it->second;
  return nullptr;
}

std::vector<OutletMention> OutletRegistry::FindMentions(std::string_view text) const {
  std::vector<OutletMention> out;
  if (by_first_word_.empty()) return out;
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size();) {
    std::string first = tokens[i].folded;
    bool possessive = false;
    if (first.size() > 2 && first.compare(first.size() - 2, 2, "'s") == 0) {
      first.resize(first.size() - 2);
      possessive = true;
    }
    auto it = by_first_word_.find(first);
    size_t best_len = 0;
    const Outlet* best = nullptr;
    if (it != by_first_word_.end()) {
      for (const NameEntry& e : it->second) {
        size_t n = e.words.size();
        if (n > best_len && i + n <= tokens.size()) {
          bool match = true;
          for (size_t k = 0; k < n && match; ++k) {
            std::string w = tokens[i + k].folded;
            if (k == n - 1 && w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0)
              w.resize(w.size() - 2);
            if (k == 0) w = first;
            match = w == e.words[k];
            if (k > 0 && possessive) match = false;
          }
          if (match && e.needs_upper) {
            std::string_view surface =
                text.substr(tokens[i].begin, tokens[i + n - 1].end - tokens[i].begin);
            match = surface.rfind(e.raw, 0) == 0;
          }
          if (match) {
            best_len = n;
            best = e.outlet;
          }
        }
      }
    }
    if (best) {
      OutletMention m;
      m.begin = tokens[i].begin;
      m.end = tokens[i + best_len - 1].end;
      m.outlet = best;
      out.push_back(m);
      i += best_len;
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<const Outlet*> OutletRegistry::All() const {
  std::vector<const Outlet*> v;
  for (const auto& o : outlets_) v.push_back(o.get());
  return v;
}

}  // namespace headwater::normalize
