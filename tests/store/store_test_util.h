// Helpers shared by the store's tests: opening a store file with default options.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"

namespace headwater::store {

// Opens (creating if needed) the store at `path`; records a test failure and returns null when
// it cannot be opened.
inline std::unique_ptr<Store> OpenAt(const std::string& path) {
  StoreOptions o;
  o.path = path;
  auto s = Store::Open(o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s).value() : nullptr;
}

}  // namespace headwater::store
