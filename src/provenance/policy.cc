// Policy file parsing with toml++ (exceptions from toml++ are caught here and become Status).
#include "provenance/policy.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "common/paths.h"

namespace headwater::provenance {
namespace {

constexpr std::string_view kDefaultName = "default";

std::string Where(std::string_view source, const std::string& table, std::string_view key) {
  std::string s(source);
  s += ": [policies." + table + "]";
  if (!key.empty()) s += " key '" + std::string(key) + "'";
  return s;
}

std::string LineOf(const toml::node& n) {
  const auto& src = n.source();
  if (src.begin.line == 0) return "";
  return " (line " + std::to_string(src.begin.line) + ")";
}

Status ReadInt(const toml::node& n, std::string_view source, const std::string& table,
               std::string_view key, int min_value, int* out) {
  const auto* v = n.as_integer();
  if (v == nullptr) {
    return Status::InvalidArgument(Where(source, table, key) + LineOf(n) + ": expected an integer");
  }
  int64_t x = v->get();
  if (x < min_value || x > 1000) {
    return Status::InvalidArgument(Where(source, table, key) + LineOf(n) + ": " +
                                   std::to_string(x) + " is out of range [" +
                                   std::to_string(min_value) + ", 1000]");
  }
  *out = static_cast<int>(x);
  return Status::Ok();
}

Status ReadBool(const toml::node& n, std::string_view source, const std::string& table,
                std::string_view key, bool* out) {
  const auto* v = n.as_boolean();
  if (v == nullptr) {
    return Status::InvalidArgument(Where(source, table, key) + LineOf(n) +
                                   ": expected true or false");
  }
  *out = v->get();
  return Status::Ok();
}

Status ReadCountries(const toml::node& n, std::string_view source, const std::string& table,
                     std::vector<std::string>* out) {
  const auto* arr = n.as_array();
  if (arr == nullptr) {
    return Status::InvalidArgument(Where(source, table, "countries") + LineOf(n) +
                                   ": expected an array of ISO 3166-1 alpha-2 codes");
  }
  for (const toml::node& e : *arr) {
    const auto* s = e.as_string();
    std::string code = s ? s->get() : "";
    bool ok = code.size() == 2 && std::isalpha(static_cast<unsigned char>(code[0])) &&
              std::isalpha(static_cast<unsigned char>(code[1]));
    if (!ok) {
      return Status::InvalidArgument(Where(source, table, "countries") + LineOf(e) +
                                     ": expected a two-letter country code, got " +
                                     (s ? "\"" + code + "\"" : std::string("a non-string")));
    }
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out->push_back(code);
  }
  return Status::Ok();
}

Status ParsePolicy(const std::string& name, const toml::table& t, std::string_view source,
                   Policy* p) {
  p->name = name;
  for (const auto& [k, v] : t) {
    std::string_view key = k.str();
    if (key == "countries") {
      HW_RETURN_IF_ERROR(ReadCountries(v, source, name, &p->countries));
    } else if (key == "min_independent_origins") {
      HW_RETURN_IF_ERROR(ReadInt(v, source, name, key, 1, &p->min_independent_origins));
    } else if (key == "min_in_country_origins") {
      HW_RETURN_IF_ERROR(ReadInt(v, source, name, key, 0, &p->min_in_country_origins));
    } else if (key == "anonymous_only_counts") {
      HW_RETURN_IF_ERROR(ReadBool(v, source, name, key, &p->anonymous_only_counts));
    } else if (key == "denials_dispute") {
      HW_RETURN_IF_ERROR(ReadBool(v, source, name, key, &p->denials_dispute));
    } else {
      return Status::InvalidArgument(
          Where(source, name, key) + LineOf(v) +
          ": unknown key (expected countries, min_independent_origins, min_in_country_origins, "
          "anonymous_only_counts, denials_dispute)");
    }
  }
  if (p->min_in_country_origins > p->min_independent_origins) {
    return Status::InvalidArgument(Where(source, name, "min_in_country_origins") +
                                   ": exceeds min_independent_origins");
  }
  if (name == kDefaultName && !p->countries.empty()) {
    return Status::InvalidArgument(Where(source, name, "countries") +
                                   ": the default policy applies to every other country and "
                                   "must not list countries");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<PolicySet> PolicySet::Parse(std::string_view toml_text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << source_name << ":" << e.source().begin.line << ":" << e.source().begin.column
        << ": TOML syntax error: " << e.description();
    return Status::InvalidArgument(msg.str());
  }
  PolicySet set;
  for (const auto& [k, v] : root) {
    if (k.str() == "track_records") {
      const toml::table* t = v.as_table();
      if (t == nullptr)
        return Status::InvalidArgument(std::string(source_name) + ": [track_records]" + LineOf(v) +
                                       ": expected a table");
      for (const auto& [tk, tv] : *t) {
        std::string where = std::string(source_name) + ": [track_records] key '" +
                            std::string(tk.str()) + "'" + LineOf(tv);
        if (tk.str() == "min_age_days") {
          const auto* x = tv.as_integer();
          if (x == nullptr || x->get() < 0 || x->get() > 36500)
            return Status::InvalidArgument(where + ": expected an integer in [0, 36500]");
          set.track_records_.min_age_days = static_cast<int>(x->get());
        } else if (tk.str() == "corrections_refute") {
          const auto* x = tv.as_boolean();
          if (x == nullptr) return Status::InvalidArgument(where + ": expected true or false");
          set.track_records_.corrections_refute = x->get();
        } else {
          return Status::InvalidArgument(where +
                                         ": unknown key (expected min_age_days, corrections_refute)");
        }
      }
      continue;
    }
    if (k.str() != "policies") {
      return Status::InvalidArgument(std::string(source_name) + ": top-level key '" +
                                     std::string(k.str()) + "'" + LineOf(v) +
                                     " is unknown (policies live in [policies.NAME] tables; track records in "
                                     "[track_records])");
    }
  }
  const toml::table* all = root["policies"].as_table();
  if (all == nullptr) {
    return Status::InvalidArgument(
        std::string(source_name) +
        ": no [policies.NAME] tables (a [policies.default] is required)");
  }
  std::map<std::string, std::string> owner;  // country -> policy listing it
  for (const auto& [k, v] : *all) {
    std::string name(k.str());
    const toml::table* t = v.as_table();
    if (t == nullptr) {
      return Status::InvalidArgument(Where(source_name, name, "") + LineOf(v) +
                                     ": expected a table");
    }
    Policy p;
    HW_RETURN_IF_ERROR(ParsePolicy(name, *t, source_name, &p));
    for (const std::string& c : p.countries) {
      auto [it, inserted] = owner.emplace(c, name);
      if (!inserted && it->second != name) {
        return Status::InvalidArgument(Where(source_name, name, "countries") + ": " + c +
                                       " is already listed by [policies." + it->second + "]");
      }
    }
    set.policies_.push_back(std::move(p));
  }
  auto it = std::find_if(set.policies_.begin(), set.policies_.end(),
                         [](const Policy& p) { return p.name == kDefaultName; });
  if (it == set.policies_.end()) {
    return Status::InvalidArgument(std::string(source_name) +
                                   ": [policies.default] is missing (it applies to every country "
                                   "no other policy lists)");
  }
  std::rotate(set.policies_.begin(), it, it + 1);
  set.default_index_ = 0;
  set.source_ = std::string(source_name);
  return set;
}

StatusOr<PolicySet> PolicySet::Load(const std::string& path) {
  HW_ASSIGN_OR_RETURN(std::string text, ReadFile(path, size_t{1} << 20));
  return Parse(text, path);
}

StatusOr<PolicySet> PolicySet::LoadDefault() {
  HW_ASSIGN_OR_RETURN(std::string path, FindDataFile("policies.toml"));
  return Load(path);
}

PolicySet PolicySet::BuiltIn() {
  PolicySet set;
  Policy p;
  p.name = std::string(kDefaultName);
  set.policies_.push_back(p);
  return set;
}

const Policy& PolicySet::ForCountry(std::string_view country) const {
  std::string upper(country);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!upper.empty()) {
    for (const Policy& p : policies_) {
      if (std::find(p.countries.begin(), p.countries.end(), upper) != p.countries.end()) return p;
    }
  }
  return policies_[default_index_];
}

}  // namespace headwater::provenance
