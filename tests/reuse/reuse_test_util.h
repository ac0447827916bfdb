// Constructed texts for the reuse tests: words that never repeat unless asked to.
#pragma once

#include <string>

namespace headwater::reuse::testing {

// "<prefix>0 <prefix>1 ... <prefix>{n-1}": n distinct words, so n - k + 1 distinct shingles.
inline std::string Words(const std::string& prefix, int n, int first = 0) {
  std::string s;
  for (int i = first; i < first + n; ++i) {
    if (!s.empty()) s += ' ';
    s += prefix + std::to_string(i);
  }
  return s;
}

}  // namespace headwater::reuse::testing
