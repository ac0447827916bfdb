// Helpers shared by the test suites.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace headwater::testing {

// Path of a file under ../shared/data. When it is missing: FAILS under CI=true, and otherwise
// SKIPS the calling test with a message. Use as:
//   std::string p; HW_REQUIRE_SHARED_DATA("polnear/data/metadata.tsv", p);
std::string SharedDataPath(const std::string& relative);
bool CiMode();

// A fresh temporary directory, removed at exit of the test process.
std::string TempDir();

// Runs a shell command, returning its exit code; stdout (and stderr if merge) goes to *out.
int RunCommand(const std::string& cmd, std::string* out, bool merge_stderr = true);

}  // namespace headwater::testing

#define HW_REQUIRE_SHARED_DATA(relative, var)                                              \
  do {                                                                                    \
    var = ::headwater::testing::SharedDataPath(relative);                                  \
    if (var.empty()) {                                                                    \
      if (::headwater::testing::CiMode()) {                                               \
        FAIL() << "shared data " << relative << " is missing (CI=true requires it)";     \
      } else {                                                                            \
        GTEST_SKIP() << "shared data " << relative << " is missing; skipping";           \
      }                                                                                   \
    }                                                                                     \
  } while (0)
