#include "local_files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include "binlake/base/macros.h"

namespace binlake::cli {
namespace {

constexpr size_t kChunkBytes = 8u << 20;

// A Status for a failed open of a local file, from errno.
Status LocalFileError(std::string_view verb, const std::string& path) {
  int error = errno;
  std::string message = fmt::format("cannot {} \"{}\": {}", verb, path, std::strerror(error));
  if (error == ENOENT) {
    return NotFoundError(std::move(message));
  }
  if (error == EACCES || error == EPERM) {
    return PermissionDeniedError(std::move(message));
  }
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}

Status CopyStream(std::istream& in, const std::string& path, io::ObjectWriter& writer) {
  std::vector<char> buffer(kChunkBytes);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    size_t count = static_cast<size_t>(in.gcount());
    if (count > 0) {
      RETURN_IF_ERROR(writer.Append(std::string_view(buffer.data(), count)));
    }
  }
  if (in.bad()) {
    return Status(StatusCode::kFailedPrecondition, fmt::format("reading \"{}\" failed", path));
  }
  return writer.Close();
}

Status CopyObject(io::ObjectStore& store, std::string_view key, uint64_t size, std::ostream& out,
                  const std::string& path) {
  for (uint64_t offset = 0; offset < size; offset += kChunkBytes) {
    ASSIGN_OR_RETURN(std::string chunk, store.GetRange(key, offset, kChunkBytes));
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  }
  out.flush();
  if (!out) {
    return Status(StatusCode::kFailedPrecondition,
                  fmt::format("writing \"{}\" failed", path.empty() ? "stdout" : path));
  }
  return Status::Ok();
}

}  // namespace

Status UploadFile(io::ObjectStore& store, std::string_view key, const std::string& path,
                  bool if_absent) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      return LocalFileError("open", path);
    }
  }
  io::WriteOptions options;
  options.if_absent = if_absent;
  ASSIGN_OR_RETURN(std::unique_ptr<io::ObjectWriter> writer, store.OpenWriter(key, options));
  Status copied = CopyStream(path == "-" ? std::cin : file, path, *writer);
  if (!copied.ok()) {
    (void)writer->Abort();  // the copy error is the one to report
  }
  return copied;
}

Status DownloadObject(io::ObjectStore& store, std::string_view key, const std::string& path) {
  ASSIGN_OR_RETURN(io::ObjectInfo info, store.Head(key));
  if (path.empty()) {
    return CopyObject(store, key, info.size, std::cout, path);
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    return LocalFileError("create", path);
  }
  return CopyObject(store, key, info.size, file, path);
}

}  // namespace binlake::cli
