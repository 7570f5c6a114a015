#include "adapters/object_io.h"

#include <fmt/format.h>

#include "binlake/base/macros.h"

namespace binlake::adapters {

Result<std::unique_ptr<ObjectStoreSource>> ObjectStoreSource::Open(io::ObjectStore* store,
                                                                   std::string_view key) {
  ASSIGN_OR_RETURN(io::ObjectInfo info, store->Head(key));
  return std::unique_ptr<ObjectStoreSource>(
      new ObjectStoreSource(store, std::string(key), info.size));
}

Result<std::string> ObjectStoreSource::ReadAt(uint64_t offset, uint64_t length) {
  if (offset > size_ || length > size_ - offset) {
    return InvalidArgumentError(
        fmt::format("read of {} bytes at offset {} is past the end of {} "
                    "({} bytes)",
                    length, offset, Describe(), size_));
  }
  if (length == 0) {
    return std::string();
  }
  ASSIGN_OR_RETURN(std::string bytes, store_->GetRange(key_, offset, length));
  if (bytes.size() != length) {
    return CorruptionError(
        fmt::format("{}: asked for {} bytes at offset {}, got {} (the object "
                    "changed while being read?)",
                    Describe(), length, offset, bytes.size()));
  }
  return bytes;
}

std::string ObjectStoreSource::Describe() const {
  std::string uri = store_->Describe();
  return uri.ends_with('/') ? uri + key_ : uri + "/" + key_;
}

}  // namespace binlake::adapters
