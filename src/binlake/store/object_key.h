// Rules shared by every ObjectStore backend: object keys, list options, writer states.
#pragma once

#include <string_view>

#include "binlake/base/status.h"
#include "binlake/io/object_store.h"

namespace binlake::store {

inline constexpr size_t kMaxObjectKeyBytes = 1024;
inline constexpr int kMaxListKeys = 1000;

// OK when `key` is a safe object key: non-empty, at most kMaxObjectKeyBytes, no NUL byte, no
// backslash, not starting with '/', and no empty, "." or ".." segment between '/' separators.
// Otherwise InvalidArgument naming the key and the rule it breaks. Such keys would escape a
// local store's root or mean different objects on different backends, so all backends refuse
// them before any I/O.
Status ValidateObjectKey(std::string_view key);

// OK when `prefix` is usable as a list prefix: empty, or a key (as above) optionally ending in
// '/'. InvalidArgument otherwise.
Status ValidateListPrefix(std::string_view prefix);

// OK when `options` is a valid List request: a valid prefix and 1 <= max_keys <= kMaxListKeys.
Status ValidateListOptions(const io::ListOptions& options);

// OK while a writer of `key` is open; FailedPrecondition once it was closed or aborted (the
// ObjectWriter contract for calls after Close).
Status CheckWriterOpen(bool closed, std::string_view key);

}  // namespace binlake::store
