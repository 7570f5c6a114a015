// Moving bytes between local files (or stdin/stdout) and a store, in bounded chunks, for
// `binlake store put` and `binlake store get`. Memory use does not grow with the object size.
#pragma once

#include <string>
#include <string_view>

#include "binlake/base/status.h"
#include "binlake/io/object_store.h"

namespace binlake::cli {

// Uploads the file at `path` ("-": standard input) to `key`. With `if_absent`, AlreadyExists
// when the key is present (the object is unchanged). NotFound / PermissionDenied when the local
// file cannot be opened; the store's errors otherwise. No object is left behind on failure.
Status UploadFile(io::ObjectStore& store, std::string_view key, const std::string& path,
                  bool if_absent);

// Writes the object `key` to the file at `path` (created or truncated; empty: standard output).
// NotFound when the object does not exist (no file is created then).
Status DownloadObject(io::ObjectStore& store, std::string_view key, const std::string& path);

}  // namespace binlake::cli
