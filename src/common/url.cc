#include "common/url.h"

#include <algorithm>
#include <vector>

namespace headwater {

static std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::optional<UrlParts> ParseUrl(std::string_view url) {
  while (!url.empty() && (url.front() == ' ' || url.front() == '\t')) url.remove_prefix(1);
  while (!url.empty() && (url.back() == ' ' || url.back() == '\t' || url.back() == '\n' ||
                          url.back() == '\r'))
    url.remove_suffix(1);
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  UrlParts p;
  p.scheme = Lower(url.substr(0, colon));
  if (p.scheme != "http" && p.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(colon + 3);
  size_t end_auth = rest.find_first_of("/?#");
  std::string_view auth = rest.substr(0, end_auth);
  rest = end_auth == std::string_view::npos ? std::string_view() : rest.substr(end_auth);
  size_t at = auth.rfind('@');
  if (at != std::string_view::npos) auth = auth.substr(at + 1);
  std::string_view host = auth;
  if (!auth.empty() && auth.front() == '[') {  // IPv6 literal
    size_t close = auth.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = auth.substr(0, close + 1);
    std::string_view after = auth.substr(close + 1);
    if (!after.empty() && after.front() == ':') {
      int port = 0;
      for (char c : after.substr(1)) {
        if (c < '0' || c > '9') return std::nullopt;
        port = port * 10 + (c - '0');
        if (port > 65535) return std::nullopt;
      }
      p.port = port;
    }
  } else {
    size_t pc = auth.rfind(':');
    if (pc != std::string_view::npos) {
      host = auth.substr(0, pc);
      int port = 0;
      for (char c : auth.substr(pc + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        port = port * 10 + (c - '0');
        if (port > 65535) return std::nullopt;
      }
      p.port = port;
    }
  }
  p.host = Lower(host);
  while (!p.host.empty() && p.host.back() == '.') p.host.pop_back();
  if (p.host.empty()) return std::nullopt;
  for (char c : p.host)
    if (c == ' ' || c == '/' || c == '\\') return std::nullopt;
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    p.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    p.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  p.path = rest.empty() ? "/" : std::string(rest);
  return p;
}

static std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (seg != "." && !(seg.empty() && j != path.size())) {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string r;
  for (const auto& s : out)
    if (!s.empty()) r += "/" + s;
  return r.empty() ? "/" : r;
}

static bool IsTrackingParam(std::string_view key) {
  std::string k = Lower(key);
  if (k.rfind("utm_", 0) == 0) return true;
  static const char* kDrop[] = {"fbclid", "gclid", "ocid", "cmpid", "smid", "ref", "ref_src",
                                "mc_cid", "mc_eid", "_ga", "igshid", "cmp", "mbid", "rss",
                                "yclid", "dclid", "share", "s_cid", "ito"};
  for (const char* d : kDrop)
    if (k == d) return true;
  return false;
}

std::optional<std::string> CanonicalUrl(std::string_view url) {
  auto p = ParseUrl(url);
  if (!p) return std::nullopt;
  std::string host = p->host;
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  if (host.rfind("m.", 0) == 0 && host.size() > 6) host = host.substr(2);
  std::string out = "https://" + host;
  if (p->port != 0 && p->port != 80 && p->port != 443) out += ":" + std::to_string(p->port);
  std::string path = RemoveDotSegments(p->path);
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  out += path;
  std::vector<std::string> params;
  size_t i = 0;
  while (i < p->query.size()) {
    size_t j = p->query.find('&', i);
    if (j == std::string::npos) j = p->query.size();
    std::string kv = p->query.substr(i, j - i);
    std::string key = kv.substr(0, kv.find('='));
    if (!kv.empty() && !IsTrackingParam(key)) params.push_back(kv);
    i = j + 1;
  }
  std::sort(params.begin(), params.end());
  for (size_t k = 0; k < params.size(); ++k) out += (k == 0 ? "?" : "&") + params[k];
  return out;
}

std::string HostOf(std::string_view url) {
  auto p = ParseUrl(url);
  if (!p) return "";
  std::string host = p->host;
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

std::string BaseDomain(std::string_view host_in) {
  std::string host(host_in);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  std::vector<size_t> dots;
  for (size_t i = 0; i < host.size(); ++i)
    if (host[i] == '.') dots.push_back(i);
  if (dots.size() < 2) return host;
  std::string last_two = host.substr(dots[dots.size() - 2] + 1);
  static const char* kSecondLevel[] = {"co.uk", "com.br", "com.mx", "com.ar", "co.jp", "com.au",
                                       "org.uk", "gob.mx", "gov.br", "com.co", "com.pe", "co.za",
                                       "net.br", "org.br", "com.ve", "gov.uk", "ac.uk", "com.es"};
  for (const char* s : kSecondLevel) {
    if (last_two == s) {
      return dots.size() >= 3 ? host.substr(dots[dots.size() - 3] + 1) : host;
    }
  }
  return last_two;
}

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view href) {
  while (!href.empty() && (href.front() == ' ' || href.front() == '\n')) href.remove_prefix(1);
  if (href.empty() || href.front() == '#') return std::nullopt;
  if (ParseUrl(href)) return std::string(href);
  if (href.find("://") != std::string_view::npos) return std::nullopt;
  if (href.rfind("mailto:", 0) == 0 || href.rfind("javascript:", 0) == 0 ||
      href.rfind("tel:", 0) == 0 || href.rfind("data:", 0) == 0)
    return std::nullopt;
  auto b = ParseUrl(base);
  if (!b) return std::nullopt;
  std::string origin = b->scheme + "://" + b->host + (b->port ? ":" + std::to_string(b->port) : "");
  if (href.rfind("//", 0) == 0) return b->scheme + ":" + std::string(href);
  if (href.front() == '/') return origin + std::string(href);
  std::string dir = b->path.substr(0, b->path.rfind('/') + 1);
  if (href.front() == '?') return origin + b->path + std::string(href);
  return origin + RemoveDotSegments(dir + std::string(href));
}

}  // namespace headwater
