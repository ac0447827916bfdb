// Times: Unix seconds (UTC) internally; RFC 3339 at every boundary. A Clock interface keeps
// algorithms off the system clock so tests are hermetic.
// Thread-safety: functions are pure; SystemClock is stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace headwater {

using UnixSeconds = int64_t;

// Parses RFC 3339 ("2016-04-14T10:00:00Z", "2016-04-14T10:00:00.5-06:00") and, leniently, a bare
// date ("2016-04-14", midnight UTC) or a space instead of "T". Returns nullopt when malformed or
// out of range (years 1900..2200).
std::optional<UnixSeconds> ParseRfc3339(std::string_view s);

// "2016-04-14T10:00:00Z".
std::string FormatRfc3339(UnixSeconds t);
// "2016-04-14".
std::string FormatDate(UnixSeconds t);

// Days since 1970-01-01 for a civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(UnixSeconds t) : t_(t) {}
  UnixSeconds Now() const override { return t_; }
  void Set(UnixSeconds t) { t_ = t; }

 private:
  UnixSeconds t_;
};

}  // namespace headwater
