#include "binlake/base/byte_writer.h"

#include <fmt/format.h>

#include <utility>

namespace binlake {

ByteWriter::ByteWriter(ByteWriter&& other) noexcept
    : owned_(std::move(other.owned_)), out_(other.out_ == &other.owned_ ? &owned_ : other.out_) {
  other.owned_.clear();
  other.out_ = &other.owned_;
}

ByteWriter& ByteWriter::operator=(ByteWriter&& other) noexcept {
  if (this != &other) {
    const bool other_owns = other.out_ == &other.owned_;
    owned_ = std::move(other.owned_);
    out_ = other_owns ? &owned_ : other.out_;
    other.owned_.clear();
    other.out_ = &other.owned_;
  }
  return *this;
}

Status ByteWriter::PatchError(size_t offset, size_t width) const {
  return InvalidArgumentError(fmt::format(
      "cannot patch {} bytes at offset {}: only {} bytes written", width, offset, out_->size()));
}

}  // namespace binlake
