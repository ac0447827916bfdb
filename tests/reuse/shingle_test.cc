#include "reuse/shingle.h"

#include <gtest/gtest.h>

namespace headwater::reuse {
namespace {
TEST(ShingleTest, Placeholder) { EXPECT_TRUE(Shingles("", Options()).empty()); }
}  // namespace
}  // namespace headwater::reuse
