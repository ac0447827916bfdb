// Internal to provenance: FlatMap, a hash map from 64-bit keys to 32-bit values for the graph
// builder's lookups (article ids, URL hashes, edges, outlets).
// Thread-safety: none; one FlatMap per thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace headwater::provenance::internal {

// A hash map from 64-bit keys to 32-bit values in one vector (open addressing, linear probing):
// no allocation per entry, unlike std::unordered_map, which a story of 1,000 articles paid for
// thousands of times per recompute. kAbsent is not a storable value.
class FlatMap {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) Rehash(cap);
  }
  uint32_t Find(uint64_t key) const {
    if (slots_.empty()) return kAbsent;
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].value == kAbsent) return kAbsent;
      if (slots_[i].key == key) return slots_[i].value;
    }
  }
  // Inserts key -> value unless key is present. Returns the value now stored for key and
  // whether it was inserted.
  std::pair<uint32_t, bool> Emplace(uint64_t key, uint32_t value) {
    Slot& s = SlotFor(key);
    if (s.value != kAbsent) return {s.value, false};
    s.key = key;
    s.value = value;
    ++size_;
    return {value, true};
  }
  // Stores key -> value, replacing a value stored before.
  void Set(uint64_t key, uint32_t value) {
    Slot& s = SlotFor(key);
    if (s.value == kAbsent) ++size_;
    s.key = key;
    s.value = value;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = kAbsent;
  };
  static uint64_t Mix(uint64_t x) {  // murmur3's finalizer
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
  }
  // The slot holding key, else the empty slot where it goes (the table grown first if needed).
  Slot& SlotFor(uint64_t key) {
    if (2 * (size_ + 1) > slots_.size()) Rehash(std::max<size_t>(16, slots_.size() * 2));
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].value == kAbsent || slots_[i].key == key) return slots_[i];
    }
  }
  void Rehash(size_t cap) {
    std::vector<Slot> old(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kAbsent) Emplace(s.key, s.value);
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0, size_ = 0;
};

}  // namespace headwater::provenance::internal
