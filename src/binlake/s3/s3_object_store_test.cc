#include "binlake/s3/s3_object_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <mutex>

#include "binlake/s3/etag.h"
#include "testing/fake_clock.h"
#include "testing/recording_logger.h"
#include "testing/status_matchers.h"

namespace binlake::s3 {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::IsRetryable;
using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kSecret = "TOP-SECRET-KEY-do-not-print";
constexpr uint64_t kMiB = 1ull << 20;

// What the fake saw: a copy of one request.
struct SeenRequest {
  std::string method;
  std::string url;
  io::HttpHeaders headers;
  std::string body;

  std::string Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) {
        return value;
      }
    }
    return "";
  }
};

// An HttpClient answering from a script: a queue of responses, or a handler when it is empty.
class ScriptedHttpClient : public io::HttpClient {
 public:
  using Handler = std::function<Result<io::HttpResponse>(const SeenRequest&)>;

  Result<io::HttpResponse> Send(const io::HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    seen_.push_back({request.method, request.url, request.headers, std::string(request.body)});
    if (!queue_.empty()) {
      Result<io::HttpResponse> next = queue_.front();
      queue_.pop_front();
      return next;
    }
    if (handler_) {
      return handler_(seen_.back());
    }
    return Reply(200);
  }

  void Enqueue(Result<io::HttpResponse> response) { queue_.push_back(std::move(response)); }
  void SetHandler(Handler handler) { handler_ = std::move(handler); }
  std::vector<SeenRequest> Seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  std::vector<std::string> MethodsAndUrls() const {
    std::vector<std::string> out;
    for (const auto& request : Seen()) {
      out.push_back(request.method + " " + request.url);
    }
    return out;
  }

  static io::HttpResponse Reply(int status, std::string body = "", io::HttpHeaders headers = {}) {
    io::HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
  }
  static io::HttpResponse ErrorReply(int status, std::string_view code,
                                     std::string_view message = "") {
    return Reply(status, "<Error><Code>" + std::string(code) + "</Code><Message>" +
                             std::string(message) + "</Message></Error>");
  }

 private:
  mutable std::mutex mutex_;
  std::deque<Result<io::HttpResponse>> queue_;
  Handler handler_;
  std::vector<SeenRequest> seen_;
};

// Answers a multipart upload: initiate, parts (ETag "etag-N"), complete.
Result<io::HttpResponse> MultipartServer(const SeenRequest& request) {
  if (request.method == "POST" && request.url.ends_with("?uploads=")) {
    return ScriptedHttpClient::Reply(200,
                                     "<InitiateMultipartUploadResult><UploadId>up+1</UploadId>"
                                     "</InitiateMultipartUploadResult>");
  }
  if (request.method == "PUT" && request.url.find("partNumber=") != std::string::npos) {
    std::string number = request.url.substr(request.url.find("partNumber=") + 11, 1);
    return ScriptedHttpClient::Reply(200, "", {{"etag", "\"etag-" + number + "\""}});
  }
  if (request.method == "POST") {
    return ScriptedHttpClient::Reply(
        200, "<CompleteMultipartUploadResult><ETag>\"x-2\"</ETag></CompleteMultipartUploadResult>");
  }
  return ScriptedHttpClient::Reply(204);
}

class S3ObjectStoreTest : public ::testing::Test {
 protected:
  S3Options Options() const {
    S3Options options;
    options.endpoint = "http://127.0.0.1:18080";
    options.path_style = true;
    options.credentials = {"AKIDEXAMPLE", std::string(kSecret), ""};
    options.multipart_threshold_bytes = 6 * kMiB;
    options.part_size_bytes = 5 * kMiB;
    options.retry.max_attempts = 4;
    options.retry.initial_backoff_ms = 100;
    options.retry.max_backoff_ms = 1000;
    return options;
  }

  std::unique_ptr<S3ObjectStore> MakeStore(S3Options options) {
    auto store = S3ObjectStore::Make(http_, clock_, logger_, "my-bucket", "pre/", options);
    EXPECT_TRUE(store.ok()) << store.status();
    return std::move(store).value();
  }
  std::unique_ptr<S3ObjectStore> MakeStore() { return MakeStore(Options()); }

  // Neither the statuses checked by the test nor anything logged may contain the secret.
  void TearDown() override { EXPECT_THAT(logger_.Text(), Not(HasSubstr(kSecret))); }

  ScriptedHttpClient http_;
  testing::FakeClock clock_;
  testing::RecordingLogger logger_;
};

TEST_F(S3ObjectStoreTest, MakeValidatesOptions) {
  S3Options no_credentials = Options();
  no_credentials.credentials = {};
  EXPECT_THAT(S3ObjectStore::Make(http_, clock_, logger_, "b", "", no_credentials),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("credentials")));
  S3Options small_parts = Options();
  small_parts.part_size_bytes = kMiB;
  EXPECT_THAT(S3ObjectStore::Make(http_, clock_, logger_, "b", "", small_parts),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(S3ObjectStore::Make(http_, clock_, logger_, "b", "no-slash", Options()),
              StatusIs(StatusCode::kInvalidArgument));
  S3Options bad_endpoint = Options();
  bad_endpoint.endpoint = "127.0.0.1:18080";
  EXPECT_THAT(S3ObjectStore::Make(http_, clock_, logger_, "b", "", bad_endpoint),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_TRUE(http_.Seen().empty());
}

TEST_F(S3ObjectStoreTest, PutAndGetUseThePrefixAndSignEveryRequest) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::Reply(200));
  http_.Enqueue(ScriptedHttpClient::Reply(200, "bytes"));
  EXPECT_THAT(store->Put("a/b c", "bytes"), IsOk());
  EXPECT_THAT(store->Get("a/b c"), IsOkAndHolds(std::string("bytes")));
  auto seen = http_.Seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].url, "http://127.0.0.1:18080/my-bucket/pre/a/b%20c");
  EXPECT_EQ(seen[0].body, "bytes");
  EXPECT_EQ(seen[0].Header("if-none-match"), "");
  EXPECT_EQ(seen[1].method, "GET");
  for (const auto& request : seen) {
    EXPECT_THAT(request.Header("authorization"), HasSubstr("Credential=AKIDEXAMPLE/"));
    EXPECT_NE(request.Header("x-amz-content-sha256"), "");
  }
  EXPECT_EQ(store->Describe(), "s3://my-bucket/pre");
}

TEST_F(S3ObjectStoreTest, InvalidKeysAreRefusedBeforeAnyRequest) {
  auto store = MakeStore();
  EXPECT_THAT(store->Put("../x", "b"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store->Get(""), StatusIs(StatusCode::kInvalidArgument));
  io::ListOptions absolute;
  absolute.prefix = "/abs";
  EXPECT_THAT(store->List(absolute), StatusIs(StatusCode::kInvalidArgument));
  io::ListOptions zero_keys;
  zero_keys.max_keys = 0;
  EXPECT_THAT(store->List(zero_keys), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_TRUE(http_.Seen().empty());
}

TEST_F(S3ObjectStoreTest, RetriesSlowDownWithBackoffOnTheClock) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::ErrorReply(503, "SlowDown", "Please reduce your request rate"));
  http_.Enqueue(Result<io::HttpResponse>(UnavailableError("connection reset")));
  http_.Enqueue(ScriptedHttpClient::Reply(200, "ok"));
  EXPECT_THAT(store->Get("k"), IsOkAndHolds(std::string("ok")));
  EXPECT_EQ(http_.Seen().size(), 3u);
  std::vector<int64_t> sleeps = clock_.Sleeps();
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_LE(sleeps[0], 100'000);
  EXPECT_LE(sleeps[1], 200'000);
  EXPECT_THAT(logger_.Text(), HasSubstr("retrying"));
}

TEST_F(S3ObjectStoreTest, GivesUpAfterMaxAttemptsAndKeepsTheRetryableBit) {
  auto store = MakeStore();
  http_.SetHandler([](const SeenRequest&) -> Result<io::HttpResponse> {
    return ScriptedHttpClient::ErrorReply(503, "SlowDown");
  });
  Status status = store->Put("k", "v");
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable, HasSubstr("SlowDown")));
  EXPECT_THAT(status, IsRetryable());
  EXPECT_EQ(http_.Seen().size(), 4u);
  EXPECT_EQ(clock_.Sleeps().size(), 3u);
}

TEST_F(S3ObjectStoreTest, NeverRetriesForbiddenAndNeverLeaksTheSecret) {
  auto store = MakeStore();
  // A server that (wrongly) echoes the secret back must not get it into the message.
  http_.SetHandler([](const SeenRequest&) -> Result<io::HttpResponse> {
    return ScriptedHttpClient::ErrorReply(
        403, "SignatureDoesNotMatch",
        "The request signature we calculated does not match; key " + std::string(kSecret));
  });
  Status status = store->Put("k", "v");
  EXPECT_THAT(status, StatusIs(StatusCode::kPermissionDenied,
                               AllOf(HasSubstr("http://127.0.0.1:18080"), HasSubstr("my-bucket"),
                                     HasSubstr("SignatureDoesNotMatch"), Not(HasSubstr(kSecret)))));
  EXPECT_FALSE(status.retryable());
  EXPECT_EQ(http_.Seen().size(), 1u);
  EXPECT_TRUE(clock_.Sleeps().empty());
  for (const auto& request : http_.Seen()) {
    for (const auto& [name, value] : request.headers) {
      EXPECT_THAT(value, Not(HasSubstr(kSecret))) << name;
    }
  }
}

TEST_F(S3ObjectStoreTest, TransportErrorMessagesAreScrubbedToo) {
  auto store = MakeStore();
  http_.SetHandler([](const SeenRequest&) -> Result<io::HttpResponse> {
    return InvalidArgumentError("bad URL containing " + std::string(kSecret));
  });
  EXPECT_THAT(store->Get("k"), StatusIs(StatusCode::kInvalidArgument, Not(HasSubstr(kSecret))));
}

TEST_F(S3ObjectStoreTest, PutIfAbsentMapsPreconditionFailedToAlreadyExists) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::ErrorReply(412, "PreconditionFailed"));
  EXPECT_THAT(store->PutIfAbsent("k", "v"), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_EQ(http_.Seen()[0].Header("if-none-match"), "*");
}

TEST_F(S3ObjectStoreTest, RetriedPutIfAbsentRecognisesItsOwnAppliedWrite) {
  // The first PUT was applied but its reply was lost; the retry sees 412. The object's ETag is
  // the MD5 of our bytes, so the write did happen: success, not AlreadyExists.
  auto store = MakeStore();
  http_.Enqueue(Result<io::HttpResponse>(UnavailableError("connection reset")));
  http_.Enqueue(ScriptedHttpClient::ErrorReply(412, "PreconditionFailed"));
  http_.Enqueue(ScriptedHttpClient::Reply(200, "", {{"etag", "\"" + SinglePartEtag("v") + "\""}}));
  EXPECT_THAT(store->PutIfAbsent("k", "v"), IsOk());
  auto seen = http_.Seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2].method, "HEAD");
}

TEST_F(S3ObjectStoreTest, RetriedPutIfAbsentLosesToDifferentBytes) {
  auto store = MakeStore();
  http_.Enqueue(Result<io::HttpResponse>(UnavailableError("connection reset")));
  http_.Enqueue(ScriptedHttpClient::ErrorReply(412, "PreconditionFailed"));
  http_.Enqueue(ScriptedHttpClient::Reply(200, "", {{"etag", "\"" + SinglePartEtag("w") + "\""}}));
  EXPECT_THAT(store->PutIfAbsent("k", "v"), StatusIs(StatusCode::kAlreadyExists));
}

TEST_F(S3ObjectStoreTest, RetriedCompleteRecognisesItsOwnMultipartObject) {
  // Parts answer with their MD5 ETags; the first Complete is applied but answered 500, the
  // retry finds the upload gone (NoSuchUpload). HEAD shows the multipart ETag of our parts.
  auto store = MakeStore();
  // 11 MiB in 5 MiB parts: 5 + 5 + 1.
  std::string bytes = std::string(5 * kMiB, 'a') + std::string(6 * kMiB, 'b');
  std::string expected = *MultipartEtag({SinglePartEtag(bytes.substr(0, 5 * kMiB)),
                                         SinglePartEtag(bytes.substr(5 * kMiB, 5 * kMiB)),
                                         SinglePartEtag(bytes.substr(10 * kMiB))});
  int completes = 0;
  http_.SetHandler([&](const SeenRequest& request) -> Result<io::HttpResponse> {
    if (request.method == "PUT") {
      return ScriptedHttpClient::Reply(200, "", {{"etag", SinglePartEtag(request.body)}});
    }
    if (request.method == "POST" && !request.url.ends_with("?uploads=")) {
      return ++completes == 1 ? ScriptedHttpClient::ErrorReply(500, "InternalError")
                              : ScriptedHttpClient::ErrorReply(404, "NoSuchUpload");
    }
    if (request.method == "HEAD") {
      return ScriptedHttpClient::Reply(200, "", {{"etag", "\"" + expected + "\""}});
    }
    return MultipartServer(request);
  });
  EXPECT_THAT(store->PutIfAbsent("big", bytes), IsOk());
  EXPECT_EQ(completes, 2);
  EXPECT_EQ(http_.Seen().back().method, "HEAD");  // no abort after a recognised completion
}

TEST_F(S3ObjectStoreTest, NotFoundAndDeleteOfAbsentKey) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::ErrorReply(404, "NoSuchKey"));
  http_.Enqueue(ScriptedHttpClient::Reply(404));
  http_.Enqueue(ScriptedHttpClient::ErrorReply(404, "NoSuchKey"));
  EXPECT_THAT(store->Get("k"), StatusIs(StatusCode::kNotFound, HasSubstr("pre/k")));
  EXPECT_THAT(store->Head("k"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store->Delete("k"), IsOk());
}

TEST_F(S3ObjectStoreTest, HeadAndRanges) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::Reply(200, "", {{"content-length", "123"}, {"etag", "\"e\""}}));
  http_.Enqueue(ScriptedHttpClient::Reply(206, "bcd"));
  http_.Enqueue(ScriptedHttpClient::ErrorReply(416, "InvalidRange"));
  http_.Enqueue(ScriptedHttpClient::Reply(200, "", {{"content-length", "3"}}));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo info, store->Head("k"));
  EXPECT_EQ(info.key, "k");
  EXPECT_EQ(info.size, 123u);
  EXPECT_EQ(info.etag, "e");
  EXPECT_THAT(store->GetRange("k", 1, 3), IsOkAndHolds(std::string("bcd")));
  EXPECT_THAT(store->GetRange("k", 100, 1), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store->GetRange("k", 3, 0), IsOkAndHolds(std::string()));
  auto seen = http_.Seen();
  EXPECT_EQ(seen[1].Header("range"), "bytes=1-3");
  EXPECT_EQ(seen[3].method, "HEAD");
}

TEST_F(S3ObjectStoreTest, ListStripsThePrefixAndPassesTheToken) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::Reply(
      200,
      "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>pre/a/1</Key>"
      "<Size>1</Size><ETag>\"e1\"</ETag></Contents><NextContinuationToken>t+/=</"
      "NextContinuationToken></ListBucketResult>"));
  http_.Enqueue(ScriptedHttpClient::Reply(
      200, "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"));
  io::ListOptions options;
  options.prefix = "a/";
  options.start_after = "a/0";
  options.max_keys = 1;
  ASSERT_OK_AND_ASSIGN(io::ListPage page, store->List(options));
  ASSERT_EQ(page.objects.size(), 1u);
  EXPECT_EQ(page.objects[0].key, "a/1");
  EXPECT_EQ(page.objects[0].etag, "e1");
  EXPECT_EQ(page.next_page_token, "t+/=");
  options.page_token = page.next_page_token;
  ASSERT_OK_AND_ASSIGN(page, store->List(options));
  EXPECT_TRUE(page.objects.empty());
  EXPECT_EQ(page.next_page_token, "");
  auto seen = http_.Seen();
  EXPECT_EQ(seen[0].url,
            "http://127.0.0.1:18080/my-bucket?list-type=2&max-keys=1&prefix=pre%2Fa%2F&"
            "start-after=pre%2Fa%2F0");
  EXPECT_THAT(seen[1].url, HasSubstr("continuation-token=t%2B%2F%3D"));
}

TEST_F(S3ObjectStoreTest, SmallWriterSendsOnePut) {
  auto store = MakeStore();
  ASSERT_OK_AND_ASSIGN(auto writer, store->OpenWriter("k", {.if_absent = true}));
  ASSERT_THAT(writer->Append("hello "), IsOk());
  ASSERT_THAT(writer->Append("world"), IsOk());
  EXPECT_TRUE(http_.Seen().empty());
  ASSERT_THAT(writer->Close(), IsOk());
  auto seen = http_.Seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body, "hello world");
  EXPECT_EQ(seen[0].Header("if-none-match"), "*");
  EXPECT_THAT(writer->Append("x"), StatusIs(StatusCode::kFailedPrecondition));
}

TEST_F(S3ObjectStoreTest, LargeWriterUploadsPartsAsItGoesAndCompletes) {
  auto store = MakeStore();
  http_.SetHandler(MultipartServer);
  ASSERT_OK_AND_ASSIGN(auto writer, store->OpenWriter("big", {}));
  std::string chunk(kMiB, 'x');
  for (int i = 0; i < 6; ++i) {
    ASSERT_THAT(writer->Append(chunk), IsOk());
  }
  EXPECT_TRUE(http_.Seen().empty());           // 6 MiB is not above the threshold yet
  ASSERT_THAT(writer->Append(chunk), IsOk());  // 7 MiB: initiate + part 1 (5 MiB)
  EXPECT_EQ(http_.Seen().size(), 2u);
  ASSERT_THAT(writer->Close(), IsOk());  // part 2 (2 MiB) + complete
  auto seen = http_.Seen();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[1].body.size(), 5 * kMiB);
  EXPECT_EQ(seen[2].body.size(), 2 * kMiB);
  EXPECT_EQ(seen[1].url, "http://127.0.0.1:18080/my-bucket/pre/big?partNumber=1&uploadId=up%2B1");
  EXPECT_EQ(seen[3].url, "http://127.0.0.1:18080/my-bucket/pre/big?uploadId=up%2B1");
  EXPECT_EQ(seen[3].body,
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;etag-1&quot;"
            "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>&quot;etag-2&quot;</ETag></Part>"
            "</CompleteMultipartUpload>");
}

TEST_F(S3ObjectStoreTest, FailedPartAbortsTheUpload) {
  auto store = MakeStore();
  http_.SetHandler([](const SeenRequest& request) -> Result<io::HttpResponse> {
    if (request.url.find("partNumber=2") != std::string::npos) {
      return ScriptedHttpClient::ErrorReply(400, "EntityTooLarge");
    }
    return MultipartServer(request);
  });
  ASSERT_OK_AND_ASSIGN(auto writer, store->OpenWriter("big", {}));
  std::string data(11 * kMiB, 'y');
  EXPECT_THAT(writer->Append(data),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("EntityTooLarge")));
  EXPECT_THAT(http_.MethodsAndUrls(),
              ElementsAre("POST http://127.0.0.1:18080/my-bucket/pre/big?uploads=",
                          HasSubstr("partNumber=1"), HasSubstr("partNumber=2"),
                          "DELETE http://127.0.0.1:18080/my-bucket/pre/big?uploadId=up%2B1"));
  EXPECT_THAT(writer->Close(), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(http_.Seen().size(), 4u);  // nothing more, and no second abort
}

TEST_F(S3ObjectStoreTest, DestroyingAnUnclosedWriterAbortsTheUpload) {
  auto store = MakeStore();
  http_.SetHandler(MultipartServer);
  {
    ASSERT_OK_AND_ASSIGN(auto writer, store->OpenWriter("big", {}));
    ASSERT_THAT(writer->Append(std::string(7 * kMiB, 'z')), IsOk());
  }
  EXPECT_EQ(http_.MethodsAndUrls().back(),
            "DELETE http://127.0.0.1:18080/my-bucket/pre/big?uploadId=up%2B1");
}

TEST_F(S3ObjectStoreTest, CompleteAnsweringOkWithAnErrorBodyFailsAndAborts) {
  auto store = MakeStore();
  http_.SetHandler([](const SeenRequest& request) -> Result<io::HttpResponse> {
    if (request.method == "POST" && !request.url.ends_with("?uploads=")) {
      return ScriptedHttpClient::ErrorReply(200, "AccessDenied", "no");
    }
    return MultipartServer(request);
  });
  EXPECT_THAT(store->Put("big", std::string(7 * kMiB, 'q')),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(http_.MethodsAndUrls().back(), HasSubstr("DELETE"));
}

TEST_F(S3ObjectStoreTest, LargePutIfAbsentCompletesConditionally) {
  auto store = MakeStore();
  http_.SetHandler([](const SeenRequest& request) -> Result<io::HttpResponse> {
    if (request.method == "POST" && !request.url.ends_with("?uploads=")) {
      return ScriptedHttpClient::ErrorReply(412, "PreconditionFailed");
    }
    return MultipartServer(request);
  });
  EXPECT_THAT(store->PutIfAbsent("big", std::string(11 * kMiB, 'q')),
              StatusIs(StatusCode::kAlreadyExists));
  auto seen = http_.Seen();
  ASSERT_EQ(seen.size(), 6u);  // initiate, 3 parts, complete, abort
  EXPECT_EQ(seen[4].Header("if-none-match"), "*");
  EXPECT_EQ(seen[5].method, "DELETE");
}

TEST_F(S3ObjectStoreTest, ConditionalPutProbeFailsOnNotImplemented) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::ErrorReply(501, "NotImplemented",
                                               "Conditional object PUTs are not supported"));
  EXPECT_THAT(store->VerifyConditionalPut(),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("If-None-Match"), HasSubstr("not be atomic"),
                             HasSubstr("http://127.0.0.1:18080"))));
  EXPECT_EQ(http_.Seen().size(), 1u);
  EXPECT_THAT(http_.Seen()[0].url, HasSubstr("/my-bucket/pre/_binlake/probe/"));
}

TEST_F(S3ObjectStoreTest, ConditionalPutProbeFailsWhenTheSecondPutSucceeds) {
  auto store = MakeStore();
  EXPECT_THAT(store->VerifyConditionalPut(),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("second conditional PUT")));
  EXPECT_THAT(http_.MethodsAndUrls(),
              ElementsAre(HasSubstr("PUT"), HasSubstr("PUT"), HasSubstr("DELETE")));
}

TEST_F(S3ObjectStoreTest, ConditionalPutProbePassesAndCleansUp) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::Reply(200));
  http_.Enqueue(ScriptedHttpClient::ErrorReply(412, "PreconditionFailed"));
  EXPECT_THAT(store->VerifyConditionalPut(), IsOk());
  auto seen = http_.Seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2].method, "DELETE");
  EXPECT_EQ(seen[2].url, seen[0].url);
}

TEST_F(S3ObjectStoreTest, ProbeBucketNamesAMissingBucket) {
  auto store = MakeStore();
  http_.Enqueue(ScriptedHttpClient::ErrorReply(404, "NoSuchBucket",
                                               "The specified bucket does "
                                               "not exist"));
  EXPECT_THAT(store->ProbeBucket(),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("\"my-bucket\""), HasSubstr("http://127.0.0.1:18080"))));
}

}  // namespace
}  // namespace binlake::s3
