// Response cache of the HTTP API: whole GET responses (status 200) keyed by the request (path and
// sorted query) and the store generation they were computed at. A generation is a number the
// server bumps whenever the store changed (GenerationWatcher); an entry of an older generation
// is never served, so a cached page is never staler than the last commit seen.
//
// Eviction: when full, the whole cache is dropped (entries are cheap to recompute and a
// generation change empties it anyway); this keeps Get() a single hash lookup.
// Thread-safety: every method may be called concurrently (one mutex; critical sections are a
// hash lookup or insert).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/store.h"

namespace headwater::server {

struct CachedResponse {
  std::string content_type;
  std::string body;
  std::string etag;  // quoted strong validator (MakeEtag)
};

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries) : max_entries_(max_entries) {}

  // The entry for key computed at `generation`, if any.
  std::shared_ptr<const CachedResponse> Get(const std::string& key, uint64_t generation);
  // Stores a response computed at `generation` (entries of other generations are dropped).
  void Put(const std::string& key, uint64_t generation, std::shared_ptr<const CachedResponse> r);
  size_t size();

 private:
  std::mutex mutex_;
  size_t max_entries_;
  uint64_t generation_ = 0;  // GUARDED_BY(mutex_): generation of every entry in map_
  std::unordered_map<std::string, std::shared_ptr<const CachedResponse>>
      map_;  // GUARDED_BY(mutex_)
};

// The store generation: a counter bumped each time a dedicated connection sees a commit of
// another connection (PRAGMA data_version), the server's own writer included.
// The store is asked at most once per `check_interval_ns` (default 1 ms; other processes' commits
// show within that), and on the next call after Invalidate() (the server's own writes show at
// once). REQUIRES: Current() is called before the reads whose result is cached under it, so a
// result is never older than its generation.
class GenerationWatcher {
 public:
  explicit GenerationWatcher(std::unique_ptr<store::Store> connection,
                             int64_t check_interval_ns = 1000000)
      : connection_(std::move(connection)), interval_ns_(check_interval_ns) {}
  // The current generation (a failing check bumps it, to stay safe).
  uint64_t Current();
  // The next Current() asks the store (call after a commit of this process).
  void Invalidate() { next_check_ns_.store(0); }

 private:
  std::mutex mutex_;
  std::unique_ptr<store::Store> connection_;  // GUARDED_BY(mutex_)
  int64_t data_version_ = -1;                 // GUARDED_BY(mutex_)
  const int64_t interval_ns_;
  std::atomic<int64_t> next_check_ns_{0};  // steady-clock time of the next store check
  std::atomic<uint64_t> generation_{1};
};

// "\"<16 hex digits of xxh64(body)>\"": a strong validator of the body alone, so an unchanged
// page keeps its ETag across store generations.
std::string MakeEtag(const std::string& body);

// True when an If-None-Match header value names etag (or is "*").
bool EtagMatches(const std::string& if_none_match, const std::string& etag);

}  // namespace headwater::server
