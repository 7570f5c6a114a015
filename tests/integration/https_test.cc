// HTTPS end to end: CurlHttpClient and the S3 store factory against a real TLS server on
// 127.0.0.1 whose certificate is signed by a throwaway CA. The program starts the server itself
// (https_test_server.py, which makes the certificates with openssl), so it needs no set-up and
// never skips.
#include <fcntl.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>

#include "adapters/curl/curl_http_client.h"
#include "adapters/store_factory.h"
#include "binlake/base/macros.h"
#include "testing/fake_clock.h"
#include "testing/recording_logger.h"
#include "testing/status_matchers.h"

namespace binlake {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kStartTimeoutMs = 5000;

Status ErrnoError(std::string_view what) {
  return InternalError(
      fmt::format("{}: {}", what, std::error_code(errno, std::generic_category()).message()));
}

// A running https_test_server.py in its own temporary directory. The destructor kills it and
// removes the directory; if this process dies first, the server sees its standard input close
// and exits by itself.
class HttpsServer {
 public:
  // Makes the directory, starts the server and waits (at most kStartTimeoutMs) for its port.
  static Result<std::unique_ptr<HttpsServer>> Start() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "binlake-https-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return ErrnoError("mkdtemp");
    }
    std::unique_ptr<HttpsServer> server(new HttpsServer(pattern));
    RETURN_IF_ERROR(server->Spawn());
    RETURN_IF_ERROR(server->ReadPort());
    return server;
  }

  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  ~HttpsServer() {
    if (stdin_fd_ >= 0) {
      close(stdin_fd_);
    }
    if (stdout_fd_ >= 0) {
      close(stdout_fd_);
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // "https://127.0.0.1:<port><path>".
  std::string Url(std::string_view path) const {
    return fmt::format("https://127.0.0.1:{}{}", port_, path);
  }
  int port() const { return port_; }
  // A file in the server's directory: "ca.pem" (the CA that signed the server's certificate),
  // "other-ca.pem" (a CA that did not), or any name the test writes.
  std::string Path(std::string_view name) const { return (dir_ / name).string(); }

 private:
  explicit HttpsServer(std::filesystem::path dir) : dir_(std::move(dir)) {}

  Status Spawn() {
    int in[2];
    int out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
      return ErrnoError("pipe2");
    }
    stdin_fd_ = in[1];
    stdout_fd_ = out[0];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::string script = BINLAKE_HTTPS_TEST_SERVER;
    std::string dir = dir_.string();
    char* argv[] = {const_cast<char*>("python3"), script.data(), dir.data(), nullptr};
    int error = posix_spawnp(&pid_, "python3", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (error != 0) {
      pid_ = 0;
      errno = error;
      return ErrnoError("starting python3 " + script);
    }
    return Status::Ok();
  }

  // Reads the port line the server prints once it listens.
  Status ReadPort() {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    while (!line.ends_with('\n')) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd ready{stdout_fd_, POLLIN, 0};
      if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
        return DeadlineExceededError("the HTTPS test server did not print its port in time");
      }
      char c;
      if (read(stdout_fd_, &c, 1) != 1) {
        return InternalError("the HTTPS test server exited before printing its port (see stderr)");
      }
      line += c;
    }
    port_ = std::atoi(line.c_str());
    return port_ > 0 ? Status::Ok() : InternalError("the HTTPS test server printed " + line);
  }

  std::filesystem::path dir_;
  pid_t pid_ = 0;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
};

class HttpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<HttpsServer>> server = HttpsServer::Start();
    ASSERT_THAT(server, IsOk());
    server_ = std::move(*server);
  }

  // GET `url` with a client trusting `ca_file` (empty: the system's CA store).
  static Result<io::HttpResponse> Get(const std::string& url, const std::string& ca_file) {
    adapters::CurlOptions options;
    options.ca_file = ca_file;
    ASSIGN_OR_RETURN(std::unique_ptr<adapters::CurlHttpClient> client,
                     adapters::CurlHttpClient::Make(options));
    return client->Send({"GET", url, {}, {}});
  }

  std::unique_ptr<HttpsServer> server_;
};

TEST_F(HttpsTest, CurlGetSucceedsWithTheServersCaFile) {
  for (std::string host : {"127.0.0.1", "localhost"}) {
    std::string url = fmt::format("https://{}:{}/bucket/key", host, server_->port());
    Result<io::HttpResponse> response = Get(url, server_->Path("ca.pem"));
    ASSERT_THAT(response, IsOk()) << url;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "hello over https: /bucket/key");
  }
}

TEST_F(HttpsTest, CurlWithTheSystemStoreRejectsThePrivateCaWithoutRetry) {
  std::string url = server_->Url("/bucket/key");
  Result<io::HttpResponse> response = Get(url, "");
  EXPECT_THAT(response, StatusIs(StatusCode::kFailedPrecondition,
                                 AllOf(HasSubstr(url), HasSubstr("system's CA store"))));
  EXPECT_FALSE(response.status().retryable());
}

TEST_F(HttpsTest, CurlWithAnUnrelatedCaRejectsTheCertificateWithoutRetry) {
  std::string url = server_->Url("/bucket/key");
  std::string other_ca = server_->Path("other-ca.pem");
  Result<io::HttpResponse> response = Get(url, other_ca);
  EXPECT_THAT(response,
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr(url), HasSubstr("certificate is not trusted by ca_file \"" +
                                                       other_ca + "\""))));
  EXPECT_FALSE(response.status().retryable());
}

TEST_F(HttpsTest, CurlRefusesAMissingCaFileNamingIt) {
  std::string missing = server_->Path("missing.pem");
  adapters::CurlOptions options;
  options.ca_file = missing;
  EXPECT_THAT(
      adapters::CurlHttpClient::Make(options),
      StatusIs(StatusCode::kInvalidArgument, AllOf(HasSubstr("ca_file \"" + missing + "\""),
                                                   HasSubstr("No such file or directory"))));
}

TEST_F(HttpsTest, CurlCaFileWithoutCertificatesFailsTheRequestNamingIt) {
  std::string garbage = server_->Path("garbage.pem");
  std::ofstream(garbage) << "not a certificate\n";
  std::string url = server_->Url("/bucket/key");
  Result<io::HttpResponse> response = Get(url, garbage);
  EXPECT_THAT(response, StatusIs(StatusCode::kInvalidArgument,
                                 AllOf(HasSubstr(url), HasSubstr("ca_file \"" + garbage + "\""))));
  EXPECT_FALSE(response.status().retryable());
}

// OpenObjectStore carries s3.ca_file to curl: the store opens (its bucket probe lists over
// TLS) and reads an object; without the CA it fails at once, without back-off sleeps.
class S3HttpsTest : public HttpsTest {
 protected:
  s3::S3Options Options(std::string ca_file) const {
    s3::S3Options options;
    options.endpoint = fmt::format("https://127.0.0.1:{}", server_->port());
    options.path_style = true;
    options.credentials = {"AKIDEXAMPLE", "secret", ""};
    options.verify_conditional_put = false;  // the test server stores nothing
    options.ca_file = std::move(ca_file);
    return options;
  }

  testing::FakeClock clock_;
  testing::RecordingLogger logger_;
};

TEST_F(S3HttpsTest, StoreOpensAndReadsWithTheCaFile) {
  Result<std::unique_ptr<io::ObjectStore>> store =
      adapters::OpenObjectStore("s3://lake", Options(server_->Path("ca.pem")), clock_, logger_);
  ASSERT_THAT(store, IsOk());
  EXPECT_THAT((*store)->Get("some/key"), IsOkAndHolds("hello over https: /lake/some/key"));
}

TEST_F(S3HttpsTest, StoreWithoutTheCaFailsOnceWithTheCertificateError) {
  EXPECT_THAT(adapters::OpenObjectStore("s3://lake", Options(""), clock_, logger_),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("s3://lake"), HasSubstr(server_->Url("/lake")),
                             HasSubstr("not trusted"))));
  EXPECT_THAT(clock_.Sleeps(), IsEmpty());
}

}  // namespace
}  // namespace binlake
