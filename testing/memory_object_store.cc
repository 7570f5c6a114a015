#include "testing/memory_object_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/store/object_key.h"

namespace binlake::testing {
namespace {

std::string ContentEtag(std::string_view bytes) {
  return fmt::format("{:016x}", static_cast<uint64_t>(std::hash<std::string_view>{}(bytes)));
}

Status FaultStatus(FaultKind kind, StoreOp op, std::string_view key) {
  std::string where = fmt::format("{} {}", StoreOpName(op), key);
  switch (kind) {
    case FaultKind::kUnavailable:
      return UnavailableError(fmt::format("injected fault: {}: connection reset", where));
    case FaultKind::kDeadlineExceeded:
      return DeadlineExceededError(fmt::format("injected fault: {}: timed out", where));
    case FaultKind::kLoseReply:
      return UnavailableError(
          fmt::format("injected fault: {}: reply lost (the operation was applied)", where));
    case FaultKind::kPreconditionFailed:
      return AlreadyExistsError(fmt::format("injected fault: {}: 412 Precondition Failed", where));
    case FaultKind::kSlowDown:
      return UnavailableError(fmt::format("injected fault: {}: 503 SlowDown", where));
  }
  return InternalError("unknown fault kind");
}

}  // namespace

std::string_view StoreOpName(StoreOp op) {
  switch (op) {
    case StoreOp::kPut:
      return "Put";
    case StoreOp::kPutIfAbsent:
      return "PutIfAbsent";
    case StoreOp::kGet:
      return "Get";
    case StoreOp::kGetRange:
      return "GetRange";
    case StoreOp::kHead:
      return "Head";
    case StoreOp::kList:
      return "List";
    case StoreOp::kDelete:
      return "Delete";
    case StoreOp::kOpenWriter:
      return "OpenWriter";
    case StoreOp::kWriterAppend:
      return "WriterAppend";
    case StoreOp::kWriterClose:
      return "WriterClose";
    case StoreOp::kAny:
      return "Any";
  }
  return "Unknown";
}

// Buffers the object until Close(), which commits it like a Put (or PutIfAbsent).
class MemoryObjectStore::Writer : public io::ObjectWriter {
 public:
  Writer(MemoryObjectStore& store, std::string key, bool if_absent)
      : store_(store), key_(std::move(key)), if_absent_(if_absent) {}

  Status Append(std::string_view bytes) override {
    RETURN_IF_ERROR(CheckOpen());
    return store_.Run(StoreOp::kWriterAppend, key_, [&] {
      buffer_.append(bytes);
      return Status::Ok();
    });
  }

  Status Close() override {
    RETURN_IF_ERROR(CheckOpen());
    closed_ = true;
    return store_.Run(StoreOp::kWriterClose, key_,
                      [&] { return store_.CommitLocked(key_, std::move(buffer_), if_absent_); });
  }

  Status Abort() override {
    closed_ = true;
    buffer_.clear();
    return Status::Ok();
  }

 private:
  Status CheckOpen() const { return store::CheckWriterOpen(closed_, key_); }

  MemoryObjectStore& store_;
  const std::string key_;
  const bool if_absent_;
  std::string buffer_;
  bool closed_ = false;
};

template <typename Apply>
auto MemoryObjectStore::Run(StoreOp op, std::string_view key, Apply apply) -> decltype(apply()) {
  std::lock_guard lock(mutex_);
  std::optional<FaultKind> fault = NextFaultLocked(op);
  if (!fault.has_value()) {
    return apply();
  }
  if (*fault == FaultKind::kLoseReply) {
    auto ignored = apply();
    (void)ignored;
  }
  return FaultStatus(*fault, op, key);
}

std::optional<FaultKind> MemoryObjectStore::NextFaultLocked(StoreOp op) {
  ++calls_[static_cast<size_t>(op)];
  std::optional<FaultKind> fault;
  for (FaultRule& rule : rules_) {
    if (rule.op != StoreOp::kAny && rule.op != op) {
      continue;
    }
    ++rule.seen;
    bool fires = rule.seen >= rule.nth && rule.seen - rule.nth < rule.times;
    if (fires && !fault.has_value()) {
      fault = rule.kind;
    }
  }
  if (fault.has_value()) {
    ++injected_faults_;
  }
  return fault;
}

Status MemoryObjectStore::CommitLocked(std::string_view key, std::string bytes, bool if_absent) {
  auto it = objects_.find(key);
  if (it != objects_.end() && if_absent) {
    return AlreadyExistsError(fmt::format("object {} already exists", key));
  }
  Object object{std::move(bytes), ""};
  object.etag = ContentEtag(object.bytes);
  if (it == objects_.end()) {
    objects_.emplace(std::string(key), std::move(object));
  } else {
    it->second = std::move(object);
  }
  return Status::Ok();
}

Result<const MemoryObjectStore::Object*> MemoryObjectStore::FindLocked(std::string_view key) const {
  auto it = objects_.find(key);
  if (it == objects_.end()) {
    return NotFoundError(fmt::format("object {} not found", key));
  }
  return &it->second;
}

Status MemoryObjectStore::Put(std::string_view key, std::string_view bytes) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kPut, key,
             [&] { return CommitLocked(key, std::string(bytes), /*if_absent=*/false); });
}

Status MemoryObjectStore::PutIfAbsent(std::string_view key, std::string_view bytes) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kPutIfAbsent, key,
             [&] { return CommitLocked(key, std::string(bytes), /*if_absent=*/true); });
}

Result<std::string> MemoryObjectStore::Get(std::string_view key) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kGet, key, [&]() -> Result<std::string> {
    ASSIGN_OR_RETURN(const Object* object, FindLocked(key));
    return object->bytes;
  });
}

Result<std::string> MemoryObjectStore::GetRange(std::string_view key, uint64_t offset,
                                                uint64_t length) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kGetRange, key, [&]() -> Result<std::string> {
    ASSIGN_OR_RETURN(const Object* object, FindLocked(key));
    if (length == 0) {
      return std::string();
    }
    if (offset >= object->bytes.size()) {
      return InvalidArgumentError(
          fmt::format("range offset {} of object {} is at or past its end ({} bytes)", offset, key,
                      object->bytes.size()));
    }
    return object->bytes.substr(static_cast<size_t>(offset), static_cast<size_t>(length));
  });
}

Result<io::ObjectInfo> MemoryObjectStore::Head(std::string_view key) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kHead, key, [&]() -> Result<io::ObjectInfo> {
    ASSIGN_OR_RETURN(const Object* object, FindLocked(key));
    return io::ObjectInfo{std::string(key), object->bytes.size(), object->etag};
  });
}

Result<io::ListPage> MemoryObjectStore::List(const io::ListOptions& options) {
  RETURN_IF_ERROR(store::ValidateListOptions(options));
  return Run(StoreOp::kList, options.prefix, [&]() -> Result<io::ListPage> {
    const std::string& prefix = options.prefix;
    const std::string& lower = std::max(options.start_after, options.page_token);
    auto it = prefix > lower ? objects_.lower_bound(prefix) : objects_.upper_bound(lower);
    const auto max_keys = static_cast<size_t>(options.max_keys);
    io::ListPage page;
    for (; it != objects_.end() && it->first.starts_with(prefix); ++it) {
      if (page.objects.size() == max_keys) {
        page.next_page_token = page.objects.back().key;
        break;
      }
      page.objects.push_back(io::ObjectInfo{it->first, it->second.bytes.size(), it->second.etag});
    }
    return page;
  });
}

Status MemoryObjectStore::Delete(std::string_view key) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kDelete, key, [&] {
    auto it = objects_.find(key);
    if (it != objects_.end()) {
      objects_.erase(it);
    }
    return Status::Ok();
  });
}

Result<std::unique_ptr<io::ObjectWriter>> MemoryObjectStore::OpenWriter(
    std::string_view key, const io::WriteOptions& options) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return Run(StoreOp::kOpenWriter, key, [&]() -> Result<std::unique_ptr<io::ObjectWriter>> {
    return std::unique_ptr<io::ObjectWriter>(
        std::make_unique<Writer>(*this, std::string(key), options.if_absent));
  });
}

std::string MemoryObjectStore::Describe() const {
  return "memory://";
}

Status MemoryObjectStore::AddFault(StoreOp op, FaultKind kind, int64_t nth, int64_t times) {
  if (nth < 1 || times < 1) {
    return InvalidArgumentError(
        fmt::format("fault rule needs nth >= 1 and times >= 1, got {} and {}", nth, times));
  }
  if (kind == FaultKind::kPreconditionFailed && op != StoreOp::kPutIfAbsent &&
      op != StoreOp::kWriterClose) {
    return InvalidArgumentError(
        fmt::format("a precondition-failed fault applies to PutIfAbsent or WriterClose, not {}",
                    StoreOpName(op)));
  }
  std::lock_guard lock(mutex_);
  rules_.push_back(FaultRule{op, kind, nth, times, 0});
  return Status::Ok();
}

void MemoryObjectStore::ClearFaults() {
  std::lock_guard lock(mutex_);
  rules_.clear();
}

int64_t MemoryObjectStore::CallCount(StoreOp op) const {
  std::lock_guard lock(mutex_);
  if (op == StoreOp::kAny) {
    int64_t total = 0;
    for (int64_t count : calls_) {
      total += count;
    }
    return total;
  }
  return calls_[static_cast<size_t>(op)];
}

int64_t MemoryObjectStore::InjectedFaultCount() const {
  std::lock_guard lock(mutex_);
  return injected_faults_;
}

std::map<std::string, std::string> MemoryObjectStore::Snapshot() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::string> snapshot;
  for (const auto& [key, object] : objects_) {
    snapshot.emplace(key, object.bytes);
  }
  return snapshot;
}

}  // namespace binlake::testing
