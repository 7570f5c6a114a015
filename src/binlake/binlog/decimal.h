// MySQL's binary DECIMAL format (NEWDECIMAL, decimal2bin in the server): the representation of
// DECIMAL(precision, scale) in row images and inside JSON opaque values.
//
// Layout: the integer part and the fraction are split into groups of 9 decimal digits, each
// stored big-endian in 4 bytes; a leading integer group (or trailing fraction group) of fewer
// digits takes 1..4 bytes (1-2 digits: 1 byte, 3-4: 2, 5-6: 3, 7-9: 4). The top bit of the first
// byte is inverted (set for non-negative numbers), and a negative number has every byte inverted.
//
// Contract: DecodeDecimalBinary reads exactly DecimalBinarySize(precision, scale) bytes and writes
// the value as text per mysql/value.h ("[-]I[.F]", exactly `scale` fraction digits, no leading
// zeros in I except a single "0"; a negative zero is written without the sign). Corruption for
// a group whose value has more digits than the group holds, and InvalidArgument for precision
// outside 1..65 or scale outside 0..min(30, precision).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::binlog {

// The number of bytes DECIMAL(precision, scale) takes in binary form, or 0 when the precision
// and scale are invalid.
size_t DecimalBinarySize(uint32_t precision, uint32_t scale);

// Decodes `bytes` (exactly DecimalBinarySize bytes) and replaces `*text` with the value.
Status DecodeDecimalBinary(std::string_view bytes, uint32_t precision, uint32_t scale,
                           std::string* text);

}  // namespace binlake::binlog
