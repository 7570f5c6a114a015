// CRC-32 checksums: CRC-32/ISO-HDLC (zlib, gzip, PNG, the MySQL binlog event checksum) and
// CRC-32C/Castagnoli (iSCSI, ext4, Kafka record batches, Google Cloud Storage, LevelDB).
//
// Both are the reflected, pre- and post-inverted variants with the usual parameters:
//   CRC-32:  polynomial 0x04C11DB7 (reflected 0xEDB88320), Crc32("123456789")  == 0xCBF43926
//   CRC-32C: polynomial 0x1EDC6F41 (reflected 0x82F63B78), Crc32c("123456789") == 0xE3069283
//
// The incremental form follows zlib's convention: `crc` is a finished checksum (0 for nothing
// yet), so Crc32Update(Crc32(a), b) == Crc32(a + b), and the result can be stored or compared
// as-is. The implementation is table-driven slice-by-8 with tables computed at compile time
// (no runtime initialisation, no mutable state), portable and independent of host endianness.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace binlake {

// Extends the CRC-32 (ISO-HDLC) `crc` of some earlier bytes with `data`.
uint32_t Crc32Update(uint32_t crc, std::string_view data);
// The CRC-32 (ISO-HDLC) of `data`.
inline uint32_t Crc32(std::string_view data) {
  return Crc32Update(0, data);
}

// Extends the CRC-32C (Castagnoli) `crc` of some earlier bytes with `data`.
uint32_t Crc32cUpdate(uint32_t crc, std::string_view data);
// The CRC-32C (Castagnoli) of `data`.
inline uint32_t Crc32c(std::string_view data) {
  return Crc32cUpdate(0, data);
}

}  // namespace binlake
