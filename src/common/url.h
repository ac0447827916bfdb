// URLs: canonical form for de-duplication and the host an outlet is resolved by.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace headwater {

struct UrlParts {
  std::string scheme;  // lower-case, "http" or "https"
  std::string host;    // lower-case, no port, no trailing dot
  int port = 0;        // 0 when absent
  std::string path;    // begins with "/"
  std::string query;   // without "?"
  std::string fragment;
};

// Parses an absolute http(s) URL; nullopt for anything else.
std::optional<UrlParts> ParseUrl(std::string_view url);

// Canonical URL: scheme https→kept, host lower-cased without "www." and default port, path with
// dot segments removed and without a trailing "/" (except the root), tracking parameters
// (utm_*, fbclid, gclid, ocid, cmpid, smid, ref, …) dropped, remaining parameters sorted,
// fragment dropped. http and https compare equal (scheme becomes "https").
// nullopt when url is not an absolute http(s) URL.
std::optional<std::string> CanonicalUrl(std::string_view url);

// The host without "www." ("www.nytimes.com" -> "nytimes.com"), or "" when not a URL.
std::string HostOf(std::string_view url);

// Registrable-looking domain: the last two labels, or three when the second-level label is a
// common public suffix part ("bbc.co.uk", "folha.uol.com.br" -> "uol.com.br"? no: keeps
// "folha.uol.com.br"'s last three labels when the last two are "com.br", "co.uk", …).
std::string BaseDomain(std::string_view host);

// Resolves a possibly relative href against base; nullopt when it is not http(s) after resolving.
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view href);

}  // namespace headwater
