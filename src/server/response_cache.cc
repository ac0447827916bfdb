#include "server/response_cache.h"

#include <xxhash.h>

#include <chrono>
#include <cstdio>

namespace headwater::server {

std::shared_ptr<const CachedResponse> ResponseCache::Get(const std::string& key,
                                                         uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) return nullptr;
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : it->second;
}

void ResponseCache::Put(const std::string& key, uint64_t generation,
                        std::shared_ptr<const CachedResponse> r) {
  if (max_entries_ == 0) return;  // caching off
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation < generation_) return;  // computed before a change already seen: drop it
  if (generation > generation_) {
    map_.clear();
    generation_ = generation;
  }
  if (map_.size() >= max_entries_) map_.clear();
  map_[key] = std::move(r);
}

size_t ResponseCache::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return map_.size();
}

uint64_t GenerationWatcher::Current() {
  int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now().time_since_epoch())
                    .count();
  if (now < next_check_ns_.load()) return generation_.load();
  std::lock_guard<std::mutex> lock(mutex_);
  // Set before asking, so a commit between this line and the check is seen by the next one.
  next_check_ns_.store(now + interval_ns_);
  auto v = connection_->DataVersion();
  if (!v.ok()) return ++generation_;
  if (*v != data_version_) {
    if (data_version_ != -1) ++generation_;
    data_version_ = *v;
  }
  return generation_.load();
}

std::string MakeEtag(const std::string& body) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "\"%016llx\"",
                static_cast<unsigned long long>(XXH64(body.data(), body.size(), 0)));
  return buf;
}

bool EtagMatches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  size_t pos = 0;
  while (pos < if_none_match.size()) {
    size_t comma = if_none_match.find(',', pos);
    if (comma == std::string::npos) comma = if_none_match.size();
    std::string item = if_none_match.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.rfind("W/", 0) == 0) item = item.substr(2);
    if (item == etag) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace headwater::server
