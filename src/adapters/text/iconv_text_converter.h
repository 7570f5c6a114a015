// IconvTextConverter: the binlog::TextConverter for MySQL/MariaDB charsets the core does not
// decode itself (gbk, big5, sjis, cp932, ujis, eucjpms, euckr, gb2312, gb18030, cp1250/1251/
// 1256/1257, cp850/852/866, koi8r/koi8u, latin2/5/7, greek, hebrew, tis620, armscii8, macroman,
// macce, geostd8, hp8, dec8), through glibc's iconv.
//
// Contract: ToUtf8 converts the whole value or fails: Corruption naming the charset and byte
// offset for a sequence invalid in the charset, Unimplemented for a charset without an iconv
// mapping (swe7, keybcs2, and any name not listed above). Conversion descriptors are opened once
// per charset and cached; calls are serialized by a mutex, so one instance may be shared.
#pragma once

#include <iconv.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "binlake/binlog/charset.h"

namespace binlake::adapters {

class IconvTextConverter final : public binlog::TextConverter {
 public:
  IconvTextConverter() = default;
  ~IconvTextConverter() override;
  IconvTextConverter(const IconvTextConverter&) = delete;
  IconvTextConverter& operator=(const IconvTextConverter&) = delete;

  Status ToUtf8(std::string_view charset, std::string_view bytes, std::string* out) const override;

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, iconv_t, std::less<>> descriptors_;
};

}  // namespace binlake::adapters
