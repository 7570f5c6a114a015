// `binlake store check STORE` (declared in store_command.h).
#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "adapters/sys/system_clock.h"
#include "binlake/base/macros.h"
#include "store_command.h"
#include "store_session.h"

namespace binlake::cli {
namespace {

constexpr std::string_view kProbePrefix = "_binlake/check/";

struct CheckStep {
  std::string_view name;
  std::function<Status()> run;
};

// Runs one step, prints "name  ok|FAILED  latency  detail|error code" and returns its status
// (main prints its message).
Status RunStep(io::Clock& clock, std::string_view name, std::string_view detail,
               const std::function<Status()>& run) {
  int64_t start = clock.MonotonicMicros();
  Status status = run();
  double millis = static_cast<double>(clock.MonotonicMicros() - start) / 1000.0;
  fmt::print("{:<22} {:<7} {:>9.1f} ms  {}\n", name, status.ok() ? "ok" : "FAILED", millis,
             status.ok() ? detail : StatusCodeName(status.code()));
  return status.WithContext(fmt::format("store check: {}", name));
}

Status ExpectSameBytes(const std::string& got, const std::string& want) {
  if (got == want) {
    return Status::Ok();
  }
  return CorruptionError(fmt::format("read back {} bytes that differ from the {} bytes written",
                                     got.size(), want.size()));
}

Status ExpectAlreadyExists(const Status& status) {
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status::Ok();
  }
  if (status.ok()) {
    return FailedPreconditionError(
        "put-if-absent replaced an existing object: this store cannot make commits atomic");
  }
  return status;
}

Status ExpectListed(io::ObjectStore& store, const std::string& key, size_t size) {
  io::ListOptions options;
  options.prefix = key;
  ASSIGN_OR_RETURN(io::ListPage page, store.List(options));
  if (page.objects.empty() || page.objects.front().key != key ||
      page.objects.front().size != size) {
    return FailedPreconditionError("the probe object is missing from the listing");
  }
  return Status::Ok();
}

Status ExpectGone(io::ObjectStore& store, const std::string& key) {
  Result<io::ObjectInfo> head = store.Head(key);
  if (head.status().code() == StatusCode::kNotFound) {
    return Status::Ok();
  }
  if (head.ok()) {
    return FailedPreconditionError("the probe object is still there after delete");
  }
  return head.status();
}

std::vector<CheckStep> RoundTripSteps(io::ObjectStore& store, const std::string& key,
                                      const std::string& payload) {
  return {
      {"put", [&] { return store.Put(key, payload); }},
      {"get",
       [&]() -> Status {
         ASSIGN_OR_RETURN(std::string got, store.Get(key));
         return ExpectSameBytes(got, payload);
       }},
      {"put-if-absent refused",
       [&] { return ExpectAlreadyExists(store.PutIfAbsent(key, "other")); }},
      {"list", [&] { return ExpectListed(store, key, payload.size()); }},
      {"delete", [&] { return store.Delete(key); }},
      {"gone after delete", [&] { return ExpectGone(store, key); }},
  };
}

}  // namespace

Status RunStoreCheck(const GlobalOptions& globals, const std::string& store_arg) {
  adapters::SystemClock clock;
  std::unique_ptr<StoreSession> session;
  RETURN_IF_ERROR(RunStep(clock, "open", store_arg, [&]() -> Status {
    ASSIGN_OR_RETURN(session, StoreSession::Open(globals, store_arg));
    return Status::Ok();
  }));
  io::ObjectStore& store = session->store();
  std::string key = fmt::format("{}{}", kProbePrefix, clock.NowMicros());
  std::string payload = fmt::format("binlake store check probe {}\n", key);
  for (const CheckStep& step : RoundTripSteps(store, key, payload)) {
    Status status = RunStep(clock, step.name, key, step.run);
    if (!status.ok()) {
      (void)store.Delete(key);  // best effort: do not leave the probe behind
      return status;
    }
  }
  return Status::Ok();
}

}  // namespace binlake::cli
