// `headwater serve`: the HTTP JSON API of docs/API.md (described by share/openapi.json, served
// at /api/openapi.json) and the static files of the web UI, from one store, while ingest runs.
//
// Requests are served by a pool of threads (cpp-httplib). Each request that reads takes a reader
// connection from a pool and runs inside one SQLite read transaction (WAL), so it sees whole
// ingest batches only. Every write (POST /api/ingest, watches) goes through one writer
// connection under a mutex and commits in one transaction. GET responses are cached by request
// and store generation (see response_cache.h) and carry an ETag (If-None-Match -> 304).
//
// Errors are {"error":{"code","message"}} with status 400 (bad parameter, named in the message),
// 401 (missing or wrong token), 404 (unknown path or id), 405 (known path, other method),
// 413 (body above ServerOptions::max_body_bytes), 500 (internal).
// Thread-safety: Start/Stop from one controlling thread; the server's own threads do the rest.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "common/time.h"

namespace headwater::server {

struct ServerOptions {
  std::string db = "headwater.db";  // the store (must exist)
  std::string policies;             // policy file, "" = the default policies.toml
  std::string bind = "127.0.0.1";   // address to listen on
  int port = 8080;                  // 0 = pick a free port (see Server::port())
  // Reads without a token on a non-loopback bind address (writes always need one).
  bool public_read = false;
  // Directory of the built web UI; "" = <data dir>/web found like share/policies.toml
  // (build/share/web, <exe>/../share/headwater/web). Missing: "/" answers with a short page.
  std::string web_root;
  size_t max_body_bytes = size_t{32} << 20;  // larger request bodies get 413 (32 MiB)
  // Worker threads. cpp-httplib gives a connection one thread for its keep-alive life, so this is
  // also how many keep-alive clients are served at once; a connection beyond it waits until
  // another one closes (or reaches keep_alive_max_requests, or idles keep_alive_timeout_seconds).
  // Threads mostly block on their socket: each costs a stack (reserved, touched only as used).
  int threads = 256;
  // Connections the kernel completes and queues before the accept loop takes them (listen(2)
  // backlog; Linux caps it at net.core.somaxconn, 4096 by default). cpp-httplib's own is 5:
  // with more clients connecting at once the kernel dropped their handshakes, and each one
  // waited for a SYN-ACK retransmission (1 s, 3 s, ...): that was the seconds-long p99 at 256
  // connections.
  int listen_backlog = 1024;
  // A keep-alive connection closes after this many requests or this many idle seconds, so
  // connections waiting for a thread get a turn when there are more clients than threads.
  int keep_alive_max_requests = 10000;
  int keep_alive_timeout_seconds = 5;
  // Uncached reads computed at once (each on its own reader connection); more wait in line,
  // first come first served. 0 = twice the hardware threads (at least 2). Without a bound, 256
  // clients asking for uncached reports shared 2 cores 256 ways, and a large story's report
  // (tens of ms of CPU alone) took seconds.
  int max_concurrent_computes = 0;
  size_t cache_entries = 8192;  // cached GET responses (whole cache dropped when full); 0 = off
  int default_limit = 50;       // page size of /api/stories and /api/outlets
  int max_limit = 200;          // largest accepted `limit`
  // After each POST /api/ingest, check the watches (as `watch check`, without webhooks) so the
  // alerts appear in /api/alerts.
  bool check_watches_after_ingest = true;
  // Let POST /api/ingest {"feed_url"} fetch from 127.0.0.1 / ::1 (tests); private ranges stay
  // refused.
  bool allow_loopback_feeds = false;
  const Clock* clock = nullptr;  // null = the system clock
};

class Server {
 public:
  // Opens the store (it must exist; migrating it forward if needed) and prepares the routes.
  static StatusOr<std::unique_ptr<Server>> Open(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address and starts serving on a background thread; returns the bound port.
  StatusOr<int> Start();
  // Blocks until the listener ends. REQUIRES: Start() succeeded; not concurrently with Stop().
  void Wait();
  // Stops listening, finishes requests in flight and joins the background thread. Idempotent.
  void Stop();
  int port() const;
  // "http://127.0.0.1:8080/".
  std::string Url() const;

  struct Rep;

 private:
  explicit Server(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace headwater::server
