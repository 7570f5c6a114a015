// ObjectStore: the one interface binlake uses for both of its stores (staging and final).
//
// A flat namespace of keys (UTF-8, '/'-separated, at most 1024 bytes) mapping to immutable byte
// strings, with the semantics of S3: a put replaces the whole object; readers see an object
// either whole or not at all; listing is in lexical (byte) order of keys. Backends: local files
// (file://, adapters/fs), S3 over libcurl (s3://, s3/ + adapters/curl), and an in-memory store
// with fault injection (testing/). All backends pass testing/object_store_conformance.h.
//
// Keys are checked by ValidateObjectKey (store/object_key.h) before any I/O: empty keys, keys
// with NUL, a leading '/', empty, "." or ".." segments are refused with InvalidArgument, so a
// table named "../../etc" cannot escape the store.
//
// Errors (Status codes) every backend uses:
//   InvalidArgument    bad key, bad range
//   NotFound           Get/GetRange/Head of a key that does not exist
//   AlreadyExists      PutIfAbsent (or a writer opened with if_absent) found the key present
//   PermissionDenied   credentials refused (the message names the endpoint and bucket, never
//                      a secret)
//   Unavailable        network failure, 5xx, throttling (retryable)
//   DeadlineExceeded   timeout (retryable)
//   FailedPrecondition the store cannot provide a guarantee asked for (e.g. a server that does
//                      not honour conditional PUT)
// Backends retry retryable errors internally per their policy; what reaches the caller has
// exhausted that policy (and keeps its retryable bit, so a caller may retry later).
//
// Thread-safety: every method may be called concurrently from several threads. An
// ObjectWriter is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::io {

struct ObjectInfo {
  std::string key;
  uint64_t size = 0;
  // An opaque version tag: changes when the object is replaced. S3: the ETag without quotes;
  // local files: inode, size and ctime; memory: a content hash.
  std::string etag;
};

struct ListOptions {
  // Only keys starting with `prefix` are returned.
  std::string prefix;
  // Only keys strictly greater than `start_after` are returned (S3 ListObjectsV2 start-after).
  std::string start_after;
  // The page size, 1..1000. A backend may return fewer keys and still set `next_page_token`.
  int max_keys = 1000;
  // Empty for the first page; otherwise the `next_page_token` of the previous page (the other
  // options must be unchanged).
  std::string page_token;
};

struct ListPage {
  // Keys in lexical byte order.
  std::vector<ObjectInfo> objects;
  // Empty when this was the last page.
  std::string next_page_token;
};

struct WriteOptions {
  // Fail with AlreadyExists instead of replacing an existing object. Atomic: of two writers
  // racing on one key, at most one succeeds (on backends that guarantee it; see each backend).
  bool if_absent = false;
};

// A streaming upload of one object. Bytes appended are not visible to readers until Close()
// succeeds; then the object appears whole. A writer that is destroyed without Close() (or whose
// Close() fails) leaves no object behind and releases any partial upload (S3 multipart abort).
class ObjectWriter {
 public:
  virtual ~ObjectWriter() = default;
  // Appends bytes. Large objects are sent in parts as they are appended, so memory stays bounded
  // by the backend's part size, not the object size.
  virtual Status Append(std::string_view bytes) = 0;
  // Completes the object. After Close() (successful or not) Append and Close return
  // FailedPrecondition.
  virtual Status Close() = 0;
  // Abandons the upload; no object is created. Idempotent.
  virtual Status Abort() = 0;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // Creates or replaces `key` with `bytes`.
  virtual Status Put(std::string_view key, std::string_view bytes) = 0;
  // Creates `key` only if it does not exist; AlreadyExists otherwise (object unchanged).
  virtual Status PutIfAbsent(std::string_view key, std::string_view bytes) = 0;
  // The whole object. NotFound if absent.
  virtual Result<std::string> Get(std::string_view key) = 0;
  // Bytes [offset, min(offset + length, size)). InvalidArgument when offset >= size and
  // length > 0; an empty string when length == 0. NotFound if absent.
  virtual Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) = 0;
  // Size and etag. NotFound if absent.
  virtual Result<ObjectInfo> Head(std::string_view key) = 0;
  // One page of keys, see ListOptions.
  virtual Result<ListPage> List(const ListOptions& options) = 0;
  // Removes `key`. Removing an absent key succeeds (as on S3).
  virtual Status Delete(std::string_view key) = 0;
  // Starts a streaming upload of `key` (see ObjectWriter).
  virtual Result<std::unique_ptr<ObjectWriter>> OpenWriter(std::string_view key,
                                                           const WriteOptions& options) = 0;
  // The store's URI for messages and logs, e.g. "s3://bucket/prefix" (never a secret).
  virtual std::string Describe() const = 0;
};

}  // namespace binlake::io
