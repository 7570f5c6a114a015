// object_store_bench: sequential PUT and GET throughput of the ObjectStore backends.
//
//   eval "$(scripts/s3-server.sh start)"
//   build/bench/object_store_bench
//
// Backends: "Local" (adapters/fs LocalObjectStore in a fresh temporary directory) and "S3"
// (S3ObjectStore over libcurl, path-style, against S3_ENDPOINT with AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_REGION and bucket BINLAKE_S3_BENCH_BUCKET, default
// binlake-bench; the S3 cases report an error and are skipped when S3_ENDPOINT is unset).
// Sizes: 1 KiB and 8 MiB (below the default multipart threshold: one request per object).
// One thread, one keep-alive connection; items_per_second is PUT/s or GET/s.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "adapters/curl/curl_http_client.h"
#include "adapters/fs/local_object_store.h"
#include "adapters/sys/system_clock.h"
#include "binlake/base/macros.h"
#include "binlake/io/logger.h"
#include "binlake/s3/s3_object_store.h"

namespace binlake {
namespace {

class NullLogger : public io::Logger {
 public:
  bool Enabled(io::LogLevel /*level*/) const override { return false; }
  void Log(io::LogLevel /*level*/, std::string_view /*message*/,
           std::initializer_list<io::LogField> /*fields*/) override {}
};

std::string Env(const char* name, std::string fallback = "") {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::string(value);
}

Result<std::unique_ptr<io::ObjectStore>> MakeS3Store() {
  static adapters::SystemClock clock;
  static NullLogger logger;
  if (Env("S3_ENDPOINT").empty()) {
    return FailedPreconditionError("S3_ENDPOINT is not set (see scripts/s3-server.sh)");
  }
  s3::S3Options options;
  options.endpoint = Env("S3_ENDPOINT");
  options.region = Env("AWS_REGION", "us-east-1");
  options.path_style = true;
  options.credentials = {Env("AWS_ACCESS_KEY_ID"), Env("AWS_SECRET_ACCESS_KEY"),
                         Env("AWS_SESSION_TOKEN")};
  ASSIGN_OR_RETURN(auto http, adapters::CurlHttpClient::Make({}));
  ASSIGN_OR_RETURN(auto store,
                   s3::S3ObjectStore::Make(std::move(http), clock, logger,
                                           Env("BINLAKE_S3_BENCH_BUCKET", "binlake-bench"),
                                           fmt::format("bench-{}/", getpid()), options));
  return std::unique_ptr<io::ObjectStore>(std::move(store));
}

Result<std::unique_ptr<io::ObjectStore>> MakeLocalStore() {
  char dir[] = "/tmp/binlake-bench-XXXXXX";
  if (mkdtemp(dir) == nullptr) {
    return UnavailableError("mkdtemp failed");
  }
  ASSIGN_OR_RETURN(auto store, adapters::LocalObjectStore::Open(dir));
  return std::unique_ptr<io::ObjectStore>(std::move(store));
}

enum class Backend { kLocal, kS3 };

// One store per backend for the whole run (so S3 connections stay alive across cases).
Result<io::ObjectStore*> StoreFor(Backend backend) {
  static Result<std::unique_ptr<io::ObjectStore>> local = MakeLocalStore();
  static Result<std::unique_ptr<io::ObjectStore>> s3 = MakeS3Store();
  auto& store = backend == Backend::kLocal ? local : s3;
  if (!store.ok()) {
    return store.status();
  }
  return store->get();
}

void BM_Put(benchmark::State& state, Backend backend) {
  Result<io::ObjectStore*> store = StoreFor(backend);
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  const std::string bytes(static_cast<size_t>(state.range(0)), 'p');
  int64_t i = 0;
  for (auto _ : state) {
    Status status = (*store)->Put(fmt::format("put/{}-{}", bytes.size(), i++ % 64), bytes);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * state.range(0));
}

void BM_Get(benchmark::State& state, Backend backend) {
  Result<io::ObjectStore*> store = StoreFor(backend);
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  const std::string key = fmt::format("get/{}", state.range(0));
  Status put = (*store)->Put(key, std::string(static_cast<size_t>(state.range(0)), 'g'));
  if (!put.ok()) {
    state.SkipWithError(put.ToString().c_str());
    return;
  }
  for (auto _ : state) {
    Result<std::string> bytes = (*store)->Get(key);
    if (!bytes.ok()) {
      state.SkipWithError(bytes.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(bytes->data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * state.range(0));
}

constexpr int64_t kSmall = 1 << 10;
constexpr int64_t kLarge = 8 << 20;

BENCHMARK_CAPTURE(BM_Put, Local, Backend::kLocal)->Arg(kSmall)->Arg(kLarge)->UseRealTime();
BENCHMARK_CAPTURE(BM_Get, Local, Backend::kLocal)->Arg(kSmall)->Arg(kLarge)->UseRealTime();
BENCHMARK_CAPTURE(BM_Put, S3, Backend::kS3)->Arg(kSmall)->Arg(kLarge)->UseRealTime();
BENCHMARK_CAPTURE(BM_Get, S3, Backend::kS3)->Arg(kSmall)->Arg(kLarge)->UseRealTime();

}  // namespace
}  // namespace binlake

BENCHMARK_MAIN();
