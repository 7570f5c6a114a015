// MemoryObjectStore: an in-process ObjectStore with fault injection, for tests.
//
// Contract. Objects live in a std::map, so they vanish with the store (no durability). Every
// operation is atomic: it runs under one mutex, so readers see objects whole, PutIfAbsent (and
// an if_absent writer's Close) is exactly-once across threads, and List is a consistent snapshot
// in lexical byte order. Keys and list prefixes are checked with store::ValidateObjectKey /
// ValidateListPrefix and max_keys must be 1..1000 (InvalidArgument otherwise). The etag is a
// 64-bit content hash (std::hash, 16 hex digits), stable within one process only. A writer
// buffers its bytes in memory until Close(); it must not outlive its store. There are no size
// limits beyond memory. It passes the conformance suite (object_store_conformance.h).
//
// Fault injection. AddFault(op, kind, nth, times) installs a rule: "calls nth .. nth+times-1 of
// operation `op` (1-based, counted from when the rule is added) fail with `kind`":
//
//   store.AddFault(StoreOp::kPutIfAbsent, FaultKind::kLoseReply);       // the next one
//   store.AddFault(StoreOp::kAny, FaultKind::kUnavailable, /*nth=*/3,
//                  MemoryObjectStore::kForever);                        // "dies" at the 3rd call
//
// Kinds (all except kPreconditionFailed are retryable):
//   kUnavailable         not applied; Unavailable, a generic transport failure
//   kDeadlineExceeded    not applied; DeadlineExceeded, a timeout
//   kLoseReply           APPLIED, then Unavailable: the ambiguous commit (the caller cannot tell
//                        that the write happened); for reads, the result is discarded
//   kPreconditionFailed  not applied; AlreadyExists, as an S3 412 answers a conditional put even
//                        when the key is absent. Only for kPutIfAbsent and kWriterClose.
//   kSlowDown            not applied; Unavailable whose message says "503 SlowDown"
// Only calls that pass argument validation are counted and can fail (that is where a remote
// backend would send a request). When several rules match one call, each rule counts it and the
// earliest-added firing rule decides. Writer Append and Close are operations of their own
// (kWriterAppend, kWriterClose); a Close that fails leaves the writer closed, as the contract
// says. Injected messages start with "injected fault".
//
// Thread-safety: every method may be called concurrently. A writer is used by one thread at a
// time.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/object_store.h"

namespace binlake::testing {

// The operations MemoryObjectStore counts and can fail.
enum class StoreOp {
  kPut,
  kPutIfAbsent,
  kGet,
  kGetRange,
  kHead,
  kList,
  kDelete,
  kOpenWriter,
  kWriterAppend,
  kWriterClose,
  kAny,  // in a FaultRule: every operation; in CallCount: the total
};

// "Put", "WriterClose", "Any", ...
std::string_view StoreOpName(StoreOp op);

enum class FaultKind {
  kUnavailable,
  kDeadlineExceeded,
  kLoseReply,
  kPreconditionFailed,
  kSlowDown,
};

class MemoryObjectStore : public io::ObjectStore {
 public:
  // `times` for a rule that never stops firing.
  static constexpr int64_t kForever = INT64_MAX;

  MemoryObjectStore() = default;
  MemoryObjectStore(const MemoryObjectStore&) = delete;
  MemoryObjectStore& operator=(const MemoryObjectStore&) = delete;

  Status Put(std::string_view key, std::string_view bytes) override;
  Status PutIfAbsent(std::string_view key, std::string_view bytes) override;
  Result<std::string> Get(std::string_view key) override;
  Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) override;
  Result<io::ObjectInfo> Head(std::string_view key) override;
  Result<io::ListPage> List(const io::ListOptions& options) override;
  Status Delete(std::string_view key) override;
  Result<std::unique_ptr<io::ObjectWriter>> OpenWriter(std::string_view key,
                                                       const io::WriteOptions& options) override;
  // "memory://".
  std::string Describe() const override;

  // Installs a fault rule: calls nth .. nth+times-1 of `op` (1-based, counted from now) fail
  // with `kind` (see the top of this file). InvalidArgument when nth or times is below 1, or
  // kPreconditionFailed targets an operation other than kPutIfAbsent/kWriterClose.
  Status AddFault(StoreOp op, FaultKind kind, int64_t nth = 1, int64_t times = 1);
  // Removes all rules (counters are kept).
  void ClearFaults();
  // Calls of `op` since construction that passed validation, failed or not (kAny: all ops).
  int64_t CallCount(StoreOp op) const;
  // How many calls failed by injection so far.
  int64_t InjectedFaultCount() const;
  // A copy of every object, key → bytes, in key order.
  std::map<std::string, std::string> Snapshot() const;

 private:
  class Writer;
  struct Object {
    std::string bytes;
    std::string etag;
  };
  struct FaultRule {
    StoreOp op;
    FaultKind kind;
    int64_t nth;
    int64_t times;
    int64_t seen;  // matching calls since the rule was added
  };
  static constexpr size_t kOpCount = static_cast<size_t>(StoreOp::kAny);

  // Counts a call of `op`, then runs `apply` under the mutex unless a fault rule says otherwise;
  // returns what `apply` returned or the injected error. `apply` returns Status or Result<T>.
  template <typename Apply>
  auto Run(StoreOp op, std::string_view key, Apply apply) -> decltype(apply());
  // Counts a call of `op` and returns the fault to inject, if any. REQUIRES: mutex_ held.
  std::optional<FaultKind> NextFaultLocked(StoreOp op);
  // REQUIRES: mutex_ held.
  Status CommitLocked(std::string_view key, std::string bytes, bool if_absent);
  Result<const Object*> FindLocked(std::string_view key) const;

  mutable std::mutex mutex_;
  std::map<std::string, Object, std::less<>> objects_;
  std::vector<FaultRule> rules_;
  std::array<int64_t, kOpCount> calls_{};
  int64_t injected_faults_ = 0;
};

}  // namespace binlake::testing
