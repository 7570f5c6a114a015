// `binlake capture` (declared in capture_command.h).
#include "capture_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/mysql/mariadb_connector.h"
#include "adapters/store_factory.h"
#include "adapters/sys/spdlog_logger.h"
#include "adapters/sys/system_clock.h"
#include "binlake/base/macros.h"
#include "binlake/capture/checkpoint.h"
#include "binlake/capture/full_load.h"
#include "binlake/capture/progress.h"
#include "binlake/capture/schema_history.h"
#include "binlake/config/validate.h"
#include "binlake/source/server_checks.h"
#include "binlake/source/snapshot.h"
#include "binlake/source/table_catalog.h"

namespace binlake::cli {
namespace {

constexpr auto kTick = std::chrono::milliseconds(200);  // progress redraw, ~5 times a second
constexpr int kTicksPerLogLine = 25;                    // plain progress lines every 5 s

// Set by SIGINT/SIGTERM; polled by the progress loop.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void OnStopSignal(int /*signal*/) {
  g_stop_signal = 1;
}

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// On a terminal the progress block is redrawn in place, so only warnings and errors are logged
// unless --log-level asks for more.
adapters::LoggerOptions CaptureLoggerOptions(const config::LogConfig& log, bool terminal,
                                             const GlobalOptions& globals) {
  adapters::LoggerOptions options;
  options.level =
      terminal && globals.log_level.empty() ? std::max(log.level, io::LogLevel::kWarn) : log.level;
  options.format = log.format == config::LogFormat::kJson ? adapters::LogFormat::kJson
                                                          : adapters::LogFormat::kText;
  return options;
}

// Draws the progress block on a terminal (moving back over the previous one) or logs it.
class ProgressPrinter {
 public:
  ProgressPrinter(io::Clock& clock, io::Logger& logger, bool terminal)
      : meter_(clock), logger_(logger), terminal_(terminal) {}

  void Tick(const capture::FullLoad& load, bool last) {
    std::vector<std::string> lines = meter_.Lines(load.Progress());
    if (terminal_) {
      Redraw(lines);
    } else if (last || ++ticks_ % kTicksPerLogLine == 0) {
      for (const std::string& line : lines) {
        logger_.Info("full load progress: " + line);
      }
    }
  }

 private:
  void Redraw(const std::vector<std::string>& lines) {
    std::string block;
    if (drawn_ > 0) {
      block += fmt::format("\x1b[{}F", drawn_);  // to the start of the old block
    }
    for (const std::string& line : lines) {
      block += "\x1b[2K" + line + "\n";
    }
    std::fputs(block.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = lines.size();
  }

  capture::ProgressMeter meter_;
  io::Logger& logger_;
  bool terminal_;
  int ticks_ = 0;
  size_t drawn_ = 0;
};

// Runs the load on `connection`: each chunk in its own lock-free snapshot, or all in one
// snapshot opened under a brief global read lock taken by a second, short-lived session.
Status RunOnConnection(io::SqlConnector& connector, io::SqlConnection& connection,
                       capture::FullLoad& load, const config::Config& config,
                       const source::ServerInfo& server) {
  if (config.full_load.snapshot == capture::SnapshotMethod::kLockFree) {
    return load.RunWorker(connection);
  }
  ASSIGN_OR_RETURN(std::unique_ptr<io::SqlConnection> locker, connector.Connect());
  ASSIGN_OR_RETURN(source::BinlogPosition position,
                   source::BeginSnapshotUnderReadLock(*locker, connection, server));
  locker.reset();
  Status status = load.RunWorker(connection, position);
  Status ended = connection.Execute("COMMIT");
  return status.ok() ? ended : status;
}

// Runs one worker on its own connection, reconnecting (the connector backs off) after a lost
// connection up to source.reconnect.max_attempts times; the first failure that remains stops
// the others.
Status RunWorker(io::SqlConnector& connector, capture::FullLoad& load, const config::Config& config,
                 const source::ServerInfo& server, io::Logger& logger) {
  Status status;
  for (int64_t reconnects = 0;; ++reconnects) {
    Result<std::unique_ptr<io::SqlConnection>> connection = connector.Connect();
    if (!connection.ok()) {
      status = connection.status();
      break;
    }
    status = RunOnConnection(connector, **connection, load, config, server);
    if (status.ok() || !status.retryable() || reconnects >= config.source.reconnect_max_attempts ||
        load.stop_requested()) {
      break;
    }
    logger.Warn(fmt::format("full load: {}; reconnecting", status.ToString()));
  }
  if (!status.ok()) {
    load.RequestStop();
  }
  return status;
}

// Runs `workers` threads over `load`, ticking `printer` until they end or a signal arrives.
Status RunWorkers(io::SqlConnector& connector, capture::FullLoad& load,
                  const config::Config& config, const source::ServerInfo& server,
                  ProgressPrinter& printer, io::Logger& logger) {
  int64_t workers = config.full_load.parallelism;
  std::vector<Status> results(static_cast<size_t>(workers), Status::Ok());
  std::mutex mu;
  std::condition_variable finished;
  int64_t running = workers;  // guarded by mu
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = RunWorker(connector, load, config, server, logger);
      std::lock_guard lock(mu);
      --running;
      finished.notify_all();
    });
  }
  {
    std::unique_lock lock(mu);
    while (!finished.wait_for(lock, kTick, [&] { return running == 0; })) {
      if (g_stop_signal != 0) {
        load.RequestStop();
      }
      printer.Tick(load, false);
    }
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  printer.Tick(load, true);
  for (const Status& result : results) {
    RETURN_IF_ERROR(result.WithContext(
        "full load stopped (finished chunks are kept; run the same command to resume)"));
  }
  return Status::Ok();
}

Status RefuseStreaming() {
  return InvalidArgumentError(
      "binlake capture needs --full-load-only in this version: streaming the binlog after the "
      "full load is not implemented yet (docs/capture.md)");
}

}  // namespace

Status RunFullLoadOnly(const GlobalOptions& globals) {
  ASSIGN_OR_RETURN(config::Config config, LoadEffectiveConfig(globals));
  RETURN_IF_ERROR(config::RequireStoreUri(config.staging, "staging.uri"));
  bool terminal = isatty(STDERR_FILENO) == 1;
  adapters::SystemClock clock;
  ASSIGN_OR_RETURN(auto logger, adapters::SpdlogLogger::Make(
                                    CaptureLoggerOptions(config.log, terminal, globals)));
  ASSIGN_OR_RETURN(std::unique_ptr<io::ObjectStore> staging,
                   adapters::OpenObjectStore(config.staging.uri, config.s3, clock, *logger));
  adapters::MariaDbConnector connector(config.source, clock,
                                       static_cast<uint64_t>(clock.NowMicros()));
  ASSIGN_OR_RETURN(std::unique_ptr<io::SqlConnection> connection, connector.Connect());
  ASSIGN_OR_RETURN(source::ServerInfo server, source::CheckServer(*connection, config.capture));
  ASSIGN_OR_RETURN(source::BinlogPosition position, source::CurrentPosition(*connection, server));
  ASSIGN_OR_RETURN(
      std::vector<source::CapturedTable> discovered,
      source::DiscoverSelectedTables(*connection, config.capture, connection->Describe()));
  capture::SchemaHistory history(*staging);
  ASSIGN_OR_RETURN(
      std::vector<capture::LoadTable> tables,
      capture::PrepareLoadTables(*connection, std::move(discovered), history, position));
  connection.reset();

  capture::CheckpointStore checkpoints(*staging);
  ASSIGN_OR_RETURN(capture::Checkpoint checkpoint, checkpoints.LoadLatest());
  capture::FullLoadDeps deps;
  deps.staging = staging.get();
  deps.checkpoints = &checkpoints;
  deps.logger = logger.get();
  deps.server = server;
  deps.file_options = config.staging.files;
  deps.options = config.full_load;
  size_t table_count = tables.size();
  ASSIGN_OR_RETURN(auto load, capture::FullLoad::Make(std::move(deps), std::move(checkpoint),
                                                      std::move(tables)));
  logger->Info(fmt::format("full load: {} table(s) from {} into {}, {} worker(s)", table_count,
                           source::DescribeServer(server), staging->Describe(),
                           config.full_load.parallelism));
  InstallStopHandlers();
  ProgressPrinter printer(clock, *logger, terminal);
  RETURN_IF_ERROR(RunWorkers(connector, *load, config, server, printer, *logger));
  if (!load->Finished()) {
    if (g_stop_signal == 0) {
      return InternalError("the full load ended with tables not loaded");
    }
    return UnavailableError(
        "full load interrupted by a signal; it stopped at a safe point: run the same command to "
        "resume");
  }
  fmt::print("full load done: {} table(s) in {}\n", table_count, staging->Describe());
  return Status::Ok();
}

void AddCaptureCommand(CLI::App& app, const GlobalOptions& globals, Action& action) {
  CLI::App* command = app.add_subcommand(
      "capture",
      "Read the source into the staging store as AWS DMS does (this version: the full load "
      "only; --full-load-only is required)");
  auto full_load_only = std::make_shared<bool>(false);
  command->add_flag("--full-load-only", *full_load_only,
                    "load every selected table into LOAD files, then exit (required in this "
                    "version: binlog streaming comes later)");
  OnSelected(*command, action, [&globals, full_load_only] {
    return *full_load_only ? RunFullLoadOnly(globals) : RefuseStreaming();
  });
}

}  // namespace binlake::cli
