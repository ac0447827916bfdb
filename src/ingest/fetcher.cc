// libcurl, driven one hop at a time: resolve → check → pin (CURLOPT_RESOLVE) → request; a 3xx
// gives the next hop, checked again. CURLOPT_OPENSOCKETFUNCTION re-checks the address curl is
// about to connect to, so nothing unchecked is ever contacted.
#include "ingest/fetcher.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>
#include <mutex>

#include "common/url.h"

namespace headwater::ingest {

namespace {

std::string AddressText(const sockaddr* a) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (a->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a)->sin_addr, buf, sizeof buf);
  else if (a->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr, buf, sizeof buf);
  return buf;
}

enum class Range { kPublic, kLoopback, kPrivate, kForbidden };

Range Classify4(uint32_t ip) {  // host byte order
  auto in = [&](uint32_t net, int bits) { return (ip >> (32 - bits)) == (net >> (32 - bits)); };
  if (in(0x7F000000, 8)) return Range::kLoopback;
  if (in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16) || in(0x64400000, 10) ||
      in(0xA9FE0000, 16))
    return Range::kPrivate;  // 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), 169.254/16
  if (in(0x00000000, 8) || in(0xE0000000, 4) || in(0xF0000000, 4) || in(0xC0000000, 24) ||
      in(0xC0000200, 24) || in(0xC6336400, 24) || in(0xCB007100, 24) || in(0xC6120000, 15))
    return Range::kForbidden;  // 0/8, multicast, reserved+broadcast, IETF, TEST-NETs, benchmarking
  return Range::kPublic;
}

Range Classify6(const in6_addr& a) {
  const uint8_t* b = a.s6_addr;
  static const uint8_t kLoop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static const uint8_t kZero[16] = {0};
  if (std::memcmp(b, kLoop, 16) == 0) return Range::kLoopback;
  if (std::memcmp(b, kZero, 16) == 0) return Range::kForbidden;
  // IPv4-mapped ::ffff:a.b.c.d: judge the IPv4 address.
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(b, kMapped, 12) == 0) {
    uint32_t v4 = (uint32_t{b[12]} << 24) | (uint32_t{b[13]} << 16) | (uint32_t{b[14]} << 8) | b[15];
    return Classify4(v4);
  }
  if ((b[0] & 0xFE) == 0xFC) return Range::kPrivate;               // fc00::/7 unique local
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return Range::kPrivate;  // fe80::/10 link-local
  if (b[0] == 0xFF) return Range::kForbidden;                       // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return Range::kForbidden;  // doc
  return Range::kPublic;
}

const char* RangeName(Range r) {
  switch (r) {
    case Range::kLoopback: return "a loopback address";
    case Range::kPrivate: return "a private or link-local address";
    case Range::kForbidden: return "a reserved, multicast or unspecified address";
    case Range::kPublic: return "a public address";
  }
  return "";
}

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

struct HopState {
  CurlFetcher* fetcher;
  const FetchOptions* options;
  std::atomic<int>* connects;
  std::string body;
  std::map<std::string, std::string> headers;
  bool too_big = false;
  Status refused;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* st = static_cast<HopState*>(user);
  size_t len = size * n;
  if (st->body.size() + len > st->options->max_bytes) {
    st->too_big = true;
    return 0;  // aborts the transfer
  }
  st->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* st = static_cast<HopState*>(user);
  std::string line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.pop_back();
    st->headers[name] = value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    st->headers.clear();  // a new response (e.g. after 100 Continue)
  }
  return size * n;
}

curl_socket_t OnOpenSocket(void* user, curlsocktype, curl_sockaddr* addr) {
  auto* st = static_cast<HopState*>(user);
  Status s = CheckAddress(&addr->addr, *st->options);
  if (!s.ok()) {
    st->refused = s;
    return CURL_SOCKET_BAD;
  }
  st->connects->fetch_add(1);
  return socket(addr->family, addr->socktype, addr->protocol);
}

}  // namespace

Status CheckAddress(const sockaddr* addr, const FetchOptions& o) {
  Range r;
  if (addr->sa_family == AF_INET) {
    r = Classify4(ntohl(reinterpret_cast<const sockaddr_in*>(addr)->sin_addr.s_addr));
  } else if (addr->sa_family == AF_INET6) {
    r = Classify6(reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr);
  } else {
    return Status::PermissionDenied("refusing a non-IP address family");
  }
  bool ok = r == Range::kPublic || (r == Range::kLoopback && o.allow_loopback) ||
            (r == Range::kPrivate && o.allow_private);
  if (ok) return Status::Ok();
  return Status::PermissionDenied("refusing to connect to " + AddressText(addr) + ": " +
                                  RangeName(r) + " (fetching is limited to public addresses)");
}

Status CheckIpLiteral(std::string_view ip, const FetchOptions& o) {
  std::string s(ip);
  if (!s.empty() && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, s.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return CheckAddress(reinterpret_cast<sockaddr*>(&v4), o);
  }
  if (inet_pton(AF_INET6, s.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    return CheckAddress(reinterpret_cast<sockaddr*>(&v6), o);
  }
  return Status::InvalidArgument("not an IP address: " + s);
}

CurlFetcher::CurlFetcher(FetchOptions options) : options_(std::move(options)) {
  static CurlGlobal global;
}

StatusOr<HttpResponse> CurlFetcher::Fetch(const HttpRequest& request) {
  std::string url = request.url;
  HttpRequest hop = request;
  for (int redirects = 0;; ++redirects) {
    HW_ASSIGN_OR_RETURN(HttpResponse r, FetchOnce(hop, url));
    if (r.status >= 300 && r.status < 400 && r.headers.count("location")) {
      if (redirects >= options_.max_redirects)
        return Status::Unavailable(request.url + ": more than " +
                                   std::to_string(options_.max_redirects) + " redirects");
      auto next = ResolveUrl(url, r.headers["location"]);
      if (!next) return Status::InvalidArgument(url + ": redirect to a non-http(s) location");
      url = *next;
      if (r.status == 303) {
        hop.method = "GET";
        hop.body.clear();
      }
      continue;
    }
    r.final_url = url;
    return r;
  }
}

StatusOr<HttpResponse> CurlFetcher::FetchOnce(const HttpRequest& request, const std::string& url) {
  auto parts = ParseUrl(url);
  if (!parts) return Status::InvalidArgument("not an http(s) URL: " + url);
  std::string host = parts->host;
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
  int port = parts->port ? parts->port : (parts->scheme == "https" ? 443 : 80);

  // Resolve and check every address before anything connects.
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
  if (rc != 0) return Status::Unavailable(url + ": cannot resolve " + host + ": " + gai_strerror(rc));
  std::string pinned;
  Status refused;
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    Status s = CheckAddress(ai->ai_addr, options_);
    if (!s.ok()) {
      refused = s;
      continue;
    }
    if (pinned.empty()) pinned = AddressText(ai->ai_addr);
  }
  freeaddrinfo(res);
  if (!refused.ok()) return Status(refused.code(), url + ": " + refused.message());
  if (pinned.empty()) return Status::Unavailable(url + ": no address for " + host);

  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("curl_easy_init failed");
  HopState st{this, &options_, &connects_, {}, {}, false, Status::Ok()};
  std::string resolve_entry = host + ":" + std::to_string(port) + ":" +
                              (pinned.find(':') != std::string::npos ? "[" + pinned + "]" : pinned);
  curl_slist* resolve = curl_slist_append(nullptr, resolve_entry.c_str());
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : request.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &st);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &st);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &st);
  if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  CURLcode cc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(resolve);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (!st.refused.ok()) return Status(st.refused.code(), url + ": " + st.refused.message());
  if (st.too_big || cc == CURLE_FILESIZE_EXCEEDED)
    return Status::ResourceExhausted(url + ": body larger than " + std::to_string(options_.max_bytes) +
                                     " bytes");
  if (cc != CURLE_OK) return Status::Unavailable(url + ": " + curl_easy_strerror(cc));
  HttpResponse r;
  r.status = static_cast<int>(status);
  r.body = std::move(st.body);
  r.headers = std::move(st.headers);
  return r;
}

}  // namespace headwater::ingest
