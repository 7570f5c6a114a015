#include "adapters/text/iconv_text_converter.h"

#include <cerrno>
#include <utility>

#include "fmt/format.h"

namespace binlake::adapters {
namespace {

// MySQL charset names and the iconv names of the same encodings.
constexpr std::pair<std::string_view, const char*> kIconvNames[] = {
    {"armscii8", "ARMSCII-8"},  {"big5", "BIG5"},
    {"cp1250", "CP1250"},       {"cp1251", "CP1251"},
    {"cp1256", "CP1256"},       {"cp1257", "CP1257"},
    {"cp850", "CP850"},         {"cp852", "CP852"},
    {"cp866", "CP866"},         {"cp932", "CP932"},
    {"dec8", "DEC-MCS"},        {"eucjpms", "EUC-JP-MS"},
    {"euckr", "EUC-KR"},        {"gb18030", "GB18030"},
    {"gb2312", "GB2312"},       {"gbk", "GBK"},
    {"geostd8", "GEORGIAN-PS"}, {"greek", "ISO-8859-7"},
    {"hebrew", "ISO-8859-8"},   {"hp8", "HP-ROMAN8"},
    {"koi8r", "KOI8-R"},        {"koi8u", "KOI8-U"},
    {"latin2", "ISO-8859-2"},   {"latin5", "ISO-8859-9"},
    {"latin7", "ISO-8859-13"},  {"macce", "MAC-CENTRALEUROPE"},
    {"macroman", "MACINTOSH"},  {"sjis", "SHIFT_JIS"},
    {"tis620", "TIS-620"},      {"ujis", "EUC-JP"},
};

const char* IconvName(std::string_view charset) {
  for (const auto& [name, iconv_name] : kIconvNames) {
    if (name == charset) {
      return iconv_name;
    }
  }
  return nullptr;
}

const iconv_t kInvalidDescriptor = reinterpret_cast<iconv_t>(-1);

}  // namespace

IconvTextConverter::~IconvTextConverter() {
  for (auto& [name, descriptor] : descriptors_) {
    iconv_close(descriptor);
  }
}

Status IconvTextConverter::ToUtf8(std::string_view charset, std::string_view bytes,
                                  std::string* out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = descriptors_.find(charset);
  if (it == descriptors_.end()) {
    const char* iconv_name = IconvName(charset);
    if (iconv_name == nullptr) {
      return UnimplementedError(fmt::format("no iconv conversion for charset {}", charset));
    }
    const iconv_t descriptor = iconv_open("UTF-8", iconv_name);
    if (descriptor == kInvalidDescriptor) {
      return UnimplementedError(
          fmt::format("iconv cannot convert {} ({}) to UTF-8", charset, iconv_name));
    }
    it = descriptors_.emplace(std::string(charset), descriptor).first;
  }
  iconv(it->second, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
  out->resize(bytes.size() * 4 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* dst = out->data();
  size_t out_left = out->size();
  if (iconv(it->second, &in, &in_left, &dst, &out_left) == static_cast<size_t>(-1)) {
    const int error = errno;
    out->clear();
    return CorruptionError(
        fmt::format("invalid {} text at byte {} of the value ({})", charset, bytes.size() - in_left,
                    error == EILSEQ ? "invalid sequence" : "incomplete sequence"));
  }
  out->resize(out->size() - out_left);
  return Status::Ok();
}

}  // namespace binlake::adapters
