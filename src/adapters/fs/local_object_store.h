// LocalObjectStore: an ObjectStore over a directory of ordinary files (file:// URIs).
//
// Contract. Key "a/b/c" is the file <root>/a/b/c; intermediate directories are created on write
// and removed again when a Delete leaves them empty. Keys are checked with
// store::ValidateObjectKey before any I/O, so no key can name a path outside the root. Keys whose
// first segment is ".binlake-tmp" are reserved (InvalidArgument): <root>/.binlake-tmp holds
// uploads in progress and is never listed.
//  * Atomicity: every write goes to a private temp file that is renamed (Put, writer Close) or
//    hard-linked (PutIfAbsent, if_absent writer Close) onto its final name, so readers see an
//    object whole or not at all. PutIfAbsent is atomic across threads and processes on one host
//    (link() fails with EEXIST); it needs a file system with hard links (FailedPrecondition
//    otherwise) and is not atomic over NFS-style network file systems without proper link().
//  * Durability: the file is fsync'ed before it gets its name, and the directory afterwards, so a
//    successful write survives a power cut; a crash before that leaves at most a temp file, which
//    List ignores and Open removes once it is older than an hour.
//  * Ordering: List returns keys in lexical byte order of the full key (not directory walk
//    order), pruning directories that cannot hold keys in the requested range; a page costs one
//    readdir of each directory on the path to it, so 100k keys in one directory list at about a
//    page per few milliseconds.
//  * Etag: "<inode>-<size>-<ctime_ns>" in hex, from metadata only (a content hash would make List
//    read every object). Every write creates a new file, so the etag changes on every write of a
//    key; it is not equal for equal content and not comparable with other backends' etags.
//  * Limits: an object name cannot be both a file and a directory, so keys "a" and "a/b" cannot
//    coexist (the second write fails with FailedPrecondition); key segments are limited by the
//    file system's NAME_MAX (255 bytes, InvalidArgument beyond). Symbolic links under the root
//    are not created by binlake; List skips them.
// Errors: ENOENT → NotFound, EACCES/EPERM/EROFS → PermissionDenied, ENOSPC/EDQUOT/EIO and
// resource exhaustion → Unavailable (retryable; a retry rewrites from a fresh temp file),
// anything else → Internal; messages name the operation, the path and strerror.
// Thread-safety: all methods may be called concurrently, also by other processes on the same
// root. A writer is used by one thread at a time and must not outlive its store.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/object_store.h"

namespace binlake::adapters {

class LocalObjectStore : public io::ObjectStore {
 public:
  // The name of the reserved temp directory under the root.
  static constexpr std::string_view kTempDirName = ".binlake-tmp";
  // Temp files older than this are crash leftovers, removed by Open.
  static constexpr int64_t kStaleTempSeconds = 3600;

  // Opens the store rooted at `root_dir` (absolute or relative to the working directory),
  // creating the directory and its parents if missing, and removes stale temp files.
  // InvalidArgument for an empty path, FailedPrecondition when the path (or a parent) exists and
  // is not a directory, PermissionDenied / Unavailable / Internal from the file system.
  static Result<std::unique_ptr<LocalObjectStore>> Open(const std::string& root_dir);

  Status Put(std::string_view key, std::string_view bytes) override;
  Status PutIfAbsent(std::string_view key, std::string_view bytes) override;
  Result<std::string> Get(std::string_view key) override;
  Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) override;
  Result<io::ObjectInfo> Head(std::string_view key) override;
  Result<io::ListPage> List(const io::ListOptions& options) override;
  Status Delete(std::string_view key) override;
  Result<std::unique_ptr<io::ObjectWriter>> OpenWriter(std::string_view key,
                                                       const io::WriteOptions& options) override;
  // "file://<absolute root>".
  std::string Describe() const override;

  // The canonical absolute root directory.
  const std::string& root() const { return root_; }

 private:
  class Writer;

  explicit LocalObjectStore(std::string root) : root_(std::move(root)) {}

  // ValidateObjectKey plus the reserved temp-directory rule.
  static Status CheckKey(std::string_view key);
  std::string PathOf(std::string_view key) const;
  std::string TempDir() const;
  Status WriteWhole(std::string_view key, std::string_view bytes, bool if_absent);
  // Moves the finished temp file `temp_path` onto `key`: rename(), or link() when `if_absent`.
  Status Publish(const std::string& temp_path, std::string_view key, bool if_absent);
  Status PublishOnce(const std::string& temp_path, const std::string& path, bool if_absent);
  // Creates the directories between the root and `key`'s file (fsyncing each new entry).
  Status MakeParentDirs(std::string_view key);
  // Removes `key`'s parent directories that are empty, deepest first, stopping at the root.
  // Returns the deepest directory left in place.
  std::string RemoveEmptyParents(std::string_view key);
  Status CleanStaleTempFiles();

  const std::string root_;  // absolute, without a trailing '/'
};

}  // namespace binlake::adapters
