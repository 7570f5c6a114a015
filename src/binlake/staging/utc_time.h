// UTC calendar times for staging names and cell text: microseconds since 1970-01-01 00:00:00
// split into fields and back (proleptic Gregorian), and fixed-width digits.
//
// Thread-safety: plain functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace binlake::staging {

struct UtcTime {
  int64_t year = 1970;
  int64_t month = 1;  // 1..12
  int64_t day = 1;    // 1..31
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;  // 0..999999
};

// The fields of `micros` since the epoch (negative: before it).
UtcTime SplitMicros(int64_t micros);

// Microseconds since the epoch of `time`; nullopt when a field is out of range or the day does
// not exist (2026-02-29).
std::optional<int64_t> JoinMicros(const UtcTime& time);

// Appends `value` (>= 0) as at least `width` decimal digits, zero-padded.
void AppendPaddedDigits(int64_t value, size_t width, std::string* out);

}  // namespace binlake::staging
