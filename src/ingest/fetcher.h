// HTTP(S) fetching that is safe to point at user-supplied URLs (feeds, pages, webhooks).
//
// Every hop is checked BEFORE any connection: the host is resolved, and each address must be
// public unless the options allow loopback or private ranges (tests allow loopback only). The
// connection is pinned to the checked address (no DNS rebinding between check and connect), and
// redirects are followed by hand so every hop is checked again. Timeouts, a redirect limit and a
// size cap bound every fetch; gzip/deflate bodies are decoded.
// Thread-safety: a CurlFetcher may be used by one thread at a time.
#pragma once

#include <sys/socket.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace headwater::ingest {

struct FetchOptions {
  bool allow_loopback = false;  // 127.0.0.0/8, ::1 (tests serve fixtures there)
  bool allow_private = false;   // 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, link-local
  int max_redirects = 5;
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 20000;
  size_t max_bytes = size_t{16} << 20;  // a larger body is an error (ResourceExhausted)
  std::string user_agent = "Headwater/0.1 (news provenance; +https://github.com/)";
};

// OK when the address may be contacted under the options; PermissionDenied naming the address
// and its range otherwise. Refused always: unspecified, multicast, broadcast, reserved ranges.
Status CheckAddress(const sockaddr* addr, const FetchOptions& options);
// The same for an IP literal ("10.0.0.1", "::1"); InvalidArgument when it is not one.
Status CheckIpLiteral(std::string_view ip, const FetchOptions& options);

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::string body;                         // POST body
  std::map<std::string, std::string> headers;  // extra request headers
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string final_url;  // after redirects
  std::map<std::string, std::string> headers;  // lower-cased names, last value wins
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Transport failures and refused addresses are a non-ok Status; an HTTP error status is an
  // ok response with that status.
  virtual StatusOr<HttpResponse> Fetch(const HttpRequest& request) = 0;
};

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(FetchOptions options = {});
  StatusOr<HttpResponse> Fetch(const HttpRequest& request) override;
  // Connections opened so far (tests assert that refused URLs open none).
  int connects() const { return connects_.load(); }

 private:
  StatusOr<HttpResponse> FetchOnce(const HttpRequest& request, const std::string& url);
  FetchOptions options_;
  std::atomic<int> connects_{0};
};

}  // namespace headwater::ingest
