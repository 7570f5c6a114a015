// The cases of the ObjectStore conformance suite (see object_store_conformance.h). Compiled into
// each backend's test program.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <latch>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "binlake/base/macros.h"
#include "testing/object_store_conformance.h"
#include "testing/status_matchers.h"

namespace binlake::testing {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

void ObjectStoreConformanceTest::SetUp() {
  Result<std::unique_ptr<io::ObjectStore>> made = GetParam().make_store();
  if (made.status().code() == StatusCode::kFailedPrecondition) {
    GTEST_SKIP() << GetParam().name << " store unavailable: " << made.status();
  }
  ASSERT_TRUE(made.ok()) << "making the " << GetParam().name << " store: " << made.status();
  store_ = std::move(made).value();
}

Status ObjectStoreConformanceTest::PutKeysConcurrently(const std::vector<std::string>& keys,
                                                       int threads) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  Status first_error;
  auto work = [&] {
    for (size_t i = next++; i < keys.size(); i = next++) {
      Status status = store().Put(keys[i], "value of " + keys[i]);
      if (!status.ok()) {
        std::lock_guard lock(mutex);
        first_error = first_error.ok() ? status : first_error;
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back(work);
  }
  for (std::thread& thread : pool) {
    thread.join();
  }
  return first_error;
}

Result<std::vector<std::string>> ObjectStoreConformanceTest::ListAllKeys(io::ListOptions options) {
  constexpr int kMaxPages = 10'000;
  std::vector<std::string> keys;
  for (int page_number = 0; page_number < kMaxPages; ++page_number) {
    ASSIGN_OR_RETURN(io::ListPage page, store().List(options));
    if (page.objects.size() > static_cast<size_t>(options.max_keys)) {
      return InternalError(fmt::format("a page holds {} keys, more than max_keys {}",
                                       page.objects.size(), options.max_keys));
    }
    for (io::ObjectInfo& object : page.objects) {
      keys.push_back(std::move(object.key));
    }
    if (page.next_page_token.empty()) {
      return keys;
    }
    options.page_token = page.next_page_token;
  }
  return InternalError("listing did not end");
}

namespace {

constexpr uint64_t kMiB = uint64_t{1024} * 1024;

// Deterministic bytes of every value 0..255 (splitmix64).
std::string PseudoRandomBytes(size_t size, uint64_t seed) {
  std::string out(size, '\0');
  uint64_t state = seed;
  for (size_t i = 0; i < size; i += 8) {
    state += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (size_t j = 0; j < 8 && i + j < size; ++j) {
      out[i + j] = static_cast<char>(static_cast<uint8_t>(z >> (8 * j)));
    }
  }
  return out;
}

// Compares big strings without printing megabytes on failure.
::testing::AssertionResult SameBytes(const std::string& actual, const std::string& expected) {
  if (actual == expected) {
    return ::testing::AssertionSuccess();
  }
  auto [at, unused] = std::mismatch(actual.begin(), actual.end(), expected.begin(), expected.end());
  return ::testing::AssertionFailure()
         << "got " << actual.size() << " bytes, expected " << expected.size()
         << "; first difference at byte " << (at - actual.begin());
}

io::ListOptions Options(std::string prefix, std::string start_after = "", int max_keys = 1000) {
  io::ListOptions options;
  options.prefix = std::move(prefix);
  options.start_after = std::move(start_after);
  options.max_keys = max_keys;
  return options;
}

std::vector<std::string> Sorted(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Writes `parts` through a writer; the first error (OpenWriter, Append or Close) is returned.
Status WriteThroughWriter(io::ObjectStore& store, const std::string& key,
                          const std::vector<std::string>& parts, bool if_absent) {
  ASSIGN_OR_RETURN(std::unique_ptr<io::ObjectWriter> writer,
                   store.OpenWriter(key, io::WriteOptions{.if_absent = if_absent}));
  for (const std::string& part : parts) {
    RETURN_IF_ERROR(writer->Append(part));
  }
  return writer->Close();
}

TEST_P(ObjectStoreConformanceTest, PutThenGetRoundTrips) {
  const std::string binary("\0\x01\xff\0zz\n\r\x7f\x80\0", 11);
  ASSERT_OK(store().Put("round/plain.txt", "hello"));
  ASSERT_OK(store().Put("round/empty", ""));
  ASSERT_OK(store().Put("round/binary", binary));

  EXPECT_THAT(store().Get("round/plain.txt"), IsOkAndHolds("hello"));
  EXPECT_THAT(store().Get("round/empty"), IsOkAndHolds(""));
  EXPECT_THAT(store().Get("round/binary"), IsOkAndHolds(binary));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo empty, store().Head("round/empty"));
  EXPECT_EQ(empty.size, 0U);
}

TEST_P(ObjectStoreConformanceTest, PutReplacesTheWholeObject) {
  ASSERT_OK(store().Put("over/k", "a longer first version"));
  ASSERT_OK(store().Put("over/k", "short"));
  EXPECT_THAT(store().Get("over/k"), IsOkAndHolds("short"));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo info, store().Head("over/k"));
  EXPECT_EQ(info.size, 5U);
}

TEST_P(ObjectStoreConformanceTest, PutIfAbsentCreatesAMissingKey) {
  ASSERT_OK(store().PutIfAbsent("cond/new", "first"));
  EXPECT_THAT(store().Get("cond/new"), IsOkAndHolds("first"));
  EXPECT_THAT(store().PutIfAbsent("cond/new", "second"), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(store().Get("cond/new"), IsOkAndHolds("first"));
}

TEST_P(ObjectStoreConformanceTest, PutIfAbsentOnAnExistingKeyLeavesItUnchanged) {
  ASSERT_OK(store().Put("cond/existing", "original"));
  EXPECT_THAT(store().PutIfAbsent("cond/existing", "intruder"),
              StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(store().Get("cond/existing"), IsOkAndHolds("original"));
}

TEST_P(ObjectStoreConformanceTest, MissingKeysAreNotFound) {
  ASSERT_OK(store().Put("present/key", "x"));
  for (const char* key : {"missing", "present/other", "no/such/dir/key", "present/key/below"}) {
    SCOPED_TRACE(key);
    EXPECT_THAT(store().Get(key), StatusIs(StatusCode::kNotFound));
    EXPECT_THAT(store().Head(key), StatusIs(StatusCode::kNotFound));
    EXPECT_THAT(store().GetRange(key, 0, 1), StatusIs(StatusCode::kNotFound));
    EXPECT_THAT(store().GetRange(key, 0, 0), StatusIs(StatusCode::kNotFound));
  }
}

TEST_P(ObjectStoreConformanceTest, GetRangeClampsAtTheEndAndRefusesOffsetsPastIt) {
  constexpr uint64_t kAll = std::numeric_limits<uint64_t>::max();
  ASSERT_OK(store().Put("range/digits", "0123456789"));
  ASSERT_OK(store().Put("range/empty", ""));

  EXPECT_THAT(store().GetRange("range/digits", 2, 3), IsOkAndHolds("234"));
  EXPECT_THAT(store().GetRange("range/digits", 0, 10), IsOkAndHolds("0123456789"));
  EXPECT_THAT(store().GetRange("range/digits", 9, 1), IsOkAndHolds("9"));
  EXPECT_THAT(store().GetRange("range/digits", 7, 100), IsOkAndHolds("789"));
  EXPECT_THAT(store().GetRange("range/digits", 5, kAll), IsOkAndHolds("56789"));
  EXPECT_THAT(store().GetRange("range/digits", 3, 0), IsOkAndHolds(""));
  EXPECT_THAT(store().GetRange("range/digits", 10, 0), IsOkAndHolds(""));
  EXPECT_THAT(store().GetRange("range/digits", 10, 1), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store().GetRange("range/digits", 11, 5), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store().GetRange("range/empty", 0, 1), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store().GetRange("range/empty", 0, 0), IsOkAndHolds(""));
}

TEST_P(ObjectStoreConformanceTest, HeadReportsSizeAndAnEtagThatListAgreesWith) {
  const std::string first = PseudoRandomBytes(1234, 1);
  ASSERT_OK(store().Put("head/obj", first));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo info, store().Head("head/obj"));
  EXPECT_EQ(info.key, "head/obj");
  EXPECT_EQ(info.size, 1234U);
  EXPECT_FALSE(info.etag.empty());
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo again, store().Head("head/obj"));
  EXPECT_EQ(again.etag, info.etag);

  ASSERT_OK_AND_ASSIGN(io::ListPage page, store().List(Options("head/")));
  ASSERT_THAT(page.objects, SizeIs(1));
  EXPECT_EQ(page.objects[0].key, "head/obj");
  EXPECT_EQ(page.objects[0].size, 1234U);
  EXPECT_EQ(page.objects[0].etag, info.etag);

  ASSERT_OK(store().Put("head/obj", PseudoRandomBytes(1234, 2)));  // same size, new bytes
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo changed, store().Head("head/obj"));
  EXPECT_NE(changed.etag, info.etag);
}

TEST_P(ObjectStoreConformanceTest, DeleteRemovesOnlyTheKeyAndAbsentKeysAreFine) {
  ASSERT_OK(store().Put("del/x", "x"));
  ASSERT_OK(store().Put("del/y", "y"));
  ASSERT_OK(store().Put("del/deep/z", "z"));

  ASSERT_OK(store().Delete("del/x"));
  EXPECT_THAT(store().Get("del/x"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store().Head("del/x"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store().Get("del/y"), IsOkAndHolds("y"));
  EXPECT_OK(store().Delete("del/x"));
  EXPECT_OK(store().Delete("never/existed/at/all"));

  ASSERT_OK(store().Delete("del/deep/z"));
  EXPECT_THAT(ListAllKeys({}), IsOkAndHolds(ElementsAre("del/y")));
  ASSERT_OK(store().Delete("del/y"));
  EXPECT_THAT(ListAllKeys({}), IsOkAndHolds(IsEmpty()));
  ASSERT_OK(store().Put("del/deep/again", "a"));  // directories (where any) come back
  EXPECT_THAT(store().Get("del/deep/again"), IsOkAndHolds("a"));
}

TEST_P(ObjectStoreConformanceTest, ListReturnsOnlyKeysUnderThePrefix) {
  ASSERT_OK(PutKeysConcurrently({"p/a", "p/b", "p/sub/c", "pq", "p-x", "o/a", "q"}, 4));

  EXPECT_THAT(ListAllKeys(Options("p/")), IsOkAndHolds(ElementsAre("p/a", "p/b", "p/sub/c")));
  EXPECT_THAT(ListAllKeys(Options("p")),
              IsOkAndHolds(ElementsAre("p-x", "p/a", "p/b", "p/sub/c", "pq")));
  EXPECT_THAT(ListAllKeys(Options("p/s")), IsOkAndHolds(ElementsAre("p/sub/c")));
  EXPECT_THAT(ListAllKeys(Options("p/sub/c")), IsOkAndHolds(ElementsAre("p/sub/c")));
  EXPECT_THAT(ListAllKeys(Options("zz")), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(ListAllKeys({}),
              IsOkAndHolds(ElementsAre("o/a", "p-x", "p/a", "p/b", "p/sub/c", "pq", "q")));
  ASSERT_OK_AND_ASSIGN(io::ListPage page, store().List(Options("p/")));
  EXPECT_THAT(page.next_page_token, IsEmpty());
}

TEST_P(ObjectStoreConformanceTest, ListIsInByteOrderOfWholeKeys) {
  // A directory walk would return "x/..." before or after "x-b" and "x.b" depending on the
  // file system; byte order puts '-' (0x2d) and '.' (0x2e) before '/' (0x2f), '0' after it, and
  // UTF-8 (0xc3...) after '~'.
  const std::vector<std::string> keys = {"x/b",  "x-b", "x0", "x/c/d",    "x.b",   "x/c-d",
                                         "x/c0", "X",   "~",  "\xc3\xa9", "x/c/d0"};
  ASSERT_OK(PutKeysConcurrently(keys, 4));
  EXPECT_THAT(ListAllKeys({}), IsOkAndHolds(Sorted(keys)));
  EXPECT_THAT(ListAllKeys(Options("", "", 1)), IsOkAndHolds(Sorted(keys)));
  EXPECT_THAT(ListAllKeys(Options("", "", 3)), IsOkAndHolds(Sorted(keys)));
}

TEST_P(ObjectStoreConformanceTest, ListPagesThroughManyKeysInByteOrder) {
  std::vector<std::string> keys;
  keys.reserve(1100);
  for (int i = 0; i < 1100; ++i) {
    keys.push_back(i % 5 == 0 ? fmt::format("many/k{:04}", i)
                              : fmt::format("many/d{}/k{:04}", i % 7, i));
  }
  ASSERT_OK(PutKeysConcurrently(keys, 8));
  ASSERT_OK(PutKeysConcurrently({"man", "many-sibling", "manz/x"}, 3));
  const std::vector<std::string> expected = Sorted(keys);

  ASSERT_OK_AND_ASSIGN(io::ListPage first, store().List(Options("many/")));
  EXPECT_LE(first.objects.size(), 1000U);
  EXPECT_FALSE(first.next_page_token.empty());
  EXPECT_THAT(ListAllKeys(Options("many/")), IsOkAndHolds(expected));
  EXPECT_THAT(ListAllKeys(Options("many/", "", 97)), IsOkAndHolds(expected));

  const std::vector<std::string> after_500(expected.begin() + 501, expected.end());
  EXPECT_THAT(ListAllKeys(Options("many/", expected[500])), IsOkAndHolds(after_500));
  EXPECT_THAT(ListAllKeys(Options("many/", expected[500], 250)), IsOkAndHolds(after_500));
  // start_after need not be a key, and may lie before the prefix.
  std::vector<std::string> after_d3;
  std::copy_if(expected.begin(), expected.end(), std::back_inserter(after_d3),
               [](const std::string& key) { return key > "many/d3"; });
  EXPECT_THAT(ListAllKeys(Options("many/", "many/d3")), IsOkAndHolds(after_d3));
  EXPECT_THAT(ListAllKeys(Options("many/", "a")), IsOkAndHolds(expected));
  EXPECT_THAT(ListAllKeys(Options("many/", expected.back())), IsOkAndHolds(IsEmpty()));

  ASSERT_OK_AND_ASSIGN(std::vector<std::string> everything, ListAllKeys(Options("", "", 333)));
  EXPECT_EQ(everything.size(), keys.size() + 3);
  EXPECT_TRUE(std::is_sorted(everything.begin(), everything.end()));
  EXPECT_EQ(std::adjacent_find(everything.begin(), everything.end()), everything.end());
}

TEST_P(ObjectStoreConformanceTest, UnusualCharactersInKeysRoundTripAndList) {
  const std::vector<std::string> keys = {
      "chars/with space/a b c",
      "chars/unicode/\xc3\xa9t\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac/\xf0\x9f\x99\x82",
      "chars/dt=2024-01-01/k=v",
      "chars/plus/a+b+c",
      "chars/percent/a%20b%2Fc%",
      "chars/query/what?x=1#frag",
      "chars/punct/~!$&'()*,;@[]",
      "chars/.hidden/.dotfile",
  };
  ASSERT_OK(PutKeysConcurrently(keys, 4));
  for (const std::string& key : keys) {
    SCOPED_TRACE(key);
    EXPECT_THAT(store().Get(key), IsOkAndHolds("value of " + key));
    ASSERT_OK_AND_ASSIGN(io::ObjectInfo info, store().Head(key));
    EXPECT_EQ(info.key, key);
  }
  EXPECT_THAT(ListAllKeys(Options("chars/")), IsOkAndHolds(Sorted(keys)));
  EXPECT_THAT(ListAllKeys(Options("chars/plus/a+")), IsOkAndHolds(ElementsAre(keys[3])));
  for (const std::string& key : keys) {
    EXPECT_OK(store().Delete(key));
  }
  EXPECT_THAT(ListAllKeys({}), IsOkAndHolds(IsEmpty()));
}

TEST_P(ObjectStoreConformanceTest, PathEscapingAndMalformedKeysAreRefused) {
  const std::vector<std::string> bad_keys = {"../../etc/passwd",
                                             "a/../b",
                                             "/abs",
                                             "a//b",
                                             std::string("a\0b", 3),
                                             "./x",
                                             "",
                                             "a/",
                                             "a/.",
                                             "..",
                                             "back\\slash",
                                             std::string(1025, 'k')};
  for (const std::string& key : bad_keys) {
    SCOPED_TRACE(::testing::PrintToString(key));
    EXPECT_THAT(store().Put(key, "x"), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(store().PutIfAbsent(key, "x"), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(store().Get(key), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(store().GetRange(key, 0, 1), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(store().Head(key), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(store().Delete(key), StatusIs(StatusCode::kInvalidArgument));
    EXPECT_THAT(store().OpenWriter(key, {}), StatusIs(StatusCode::kInvalidArgument));
  }
  EXPECT_THAT(store().List(Options("../")), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store().List(Options("/abs")), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ListAllKeys({}), IsOkAndHolds(IsEmpty()));
}

TEST_P(ObjectStoreConformanceTest, LargeObjectStreamsThroughAWriterInUnevenParts) {
  const std::string expected = PseudoRandomBytes(20 * kMiB, 42);
  const size_t part_sizes[] = {1, 4095, 65537, 0, kMiB + 3, 777777, 5 * kMiB - 1, 12345};
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<io::ObjectWriter> writer,
                       store().OpenWriter("big/object.bin", {}));
  size_t offset = 0;
  for (size_t i = 0; offset < expected.size(); ++i) {
    size_t size = std::min(part_sizes[i % std::size(part_sizes)], expected.size() - offset);
    ASSERT_OK(writer->Append(std::string_view(expected).substr(offset, size)));
    offset += size;
  }
  EXPECT_THAT(store().Get("big/object.bin"), StatusIs(StatusCode::kNotFound));
  ASSERT_OK(writer->Close());

  ASSERT_OK_AND_ASSIGN(io::ObjectInfo info, store().Head("big/object.bin"));
  EXPECT_EQ(info.size, expected.size());
  ASSERT_OK_AND_ASSIGN(std::string whole, store().Get("big/object.bin"));
  EXPECT_TRUE(SameBytes(whole, expected));
  ASSERT_OK_AND_ASSIGN(std::string middle,
                       store().GetRange("big/object.bin", 10'000'001, 3 * kMiB));
  EXPECT_TRUE(SameBytes(middle, expected.substr(10'000'001, 3 * kMiB)));
  ASSERT_OK_AND_ASSIGN(std::string tail,
                       store().GetRange("big/object.bin", expected.size() - 5, kMiB));
  EXPECT_TRUE(SameBytes(tail, expected.substr(expected.size() - 5)));
}

TEST_P(ObjectStoreConformanceTest, WriterIfAbsentCreatesANewKeyOnce) {
  ASSERT_OK(WriteThroughWriter(store(), "wcond/new", {"part one, ", "part two"}, true));
  EXPECT_THAT(store().Get("wcond/new"), IsOkAndHolds("part one, part two"));
  // AlreadyExists may come from OpenWriter or from Close.
  EXPECT_THAT(WriteThroughWriter(store(), "wcond/new", {"again"}, true),
              StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(store().Get("wcond/new"), IsOkAndHolds("part one, part two"));
}

TEST_P(ObjectStoreConformanceTest, WriterIfAbsentOnAnExistingKeyLeavesItUnchanged) {
  ASSERT_OK(store().Put("wcond/old", "old bytes"));
  EXPECT_THAT(WriteThroughWriter(store(), "wcond/old", {"new ", "bytes"}, true),
              StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(store().Get("wcond/old"), IsOkAndHolds("old bytes"));
  ASSERT_OK(WriteThroughWriter(store(), "wcond/old", {"replaced"}, false));
  EXPECT_THAT(store().Get("wcond/old"), IsOkAndHolds("replaced"));
}

TEST_P(ObjectStoreConformanceTest, AbortedOrDroppedWritersLeaveNoObject) {
  ASSERT_OK(store().Put("kept", "old"));
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<io::ObjectWriter> aborted,
                         store().OpenWriter("gone/aborted", {}));
    ASSERT_OK(aborted->Append("some bytes"));
    ASSERT_OK(aborted->Abort());
    EXPECT_OK(aborted->Abort());  // idempotent
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<io::ObjectWriter> dropped,
                         store().OpenWriter("gone/dropped", {}));
    ASSERT_OK(dropped->Append(PseudoRandomBytes(100'000, 3)));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<io::ObjectWriter> over_kept,
                         store().OpenWriter("kept", {}));
    ASSERT_OK(over_kept->Append("new"));
    ASSERT_OK(over_kept->Abort());
  }
  EXPECT_THAT(store().Get("gone/aborted"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store().Get("gone/dropped"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store().Get("kept"), IsOkAndHolds("old"));
  EXPECT_THAT(ListAllKeys({}), IsOkAndHolds(ElementsAre("kept")));
}

TEST_P(ObjectStoreConformanceTest, ReadersSeeWholeObjectsDuringOverwrites) {
  const std::string a(size_t{256} * 1024, 'a');
  const std::string b(size_t{64} * 1024, 'b');
  ASSERT_OK(store().Put("torn/k", a));
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::atomic<int> errors{0};
  std::thread reader([&] {
    while (!done) {
      Result<std::string> got = store().Get("torn/k");
      if (!got.ok()) {
        ++errors;
      } else if (*got != a && *got != b) {
        ++torn;
      }
    }
  });
  for (int i = 0; i < 20; ++i) {
    EXPECT_OK(store().Put("torn/k", i % 2 == 0 ? b : a));
  }
  done = true;
  reader.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(errors.load(), 0);
}

// Backends that cannot make conditional writes atomic filter this case out by name (see the
// header).
TEST_P(ObjectStoreConformanceTest, ConcurrentPutIfAbsentExactlyOneWins) {
  constexpr int kThreads = 8;
  for (int round = 0; round < 6; ++round) {
    const std::string key = fmt::format("race/key{}", round);
    const bool use_writer = round % 2 == 1;
    std::vector<Status> results(kThreads);
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        const std::string value = fmt::format("writer {}", t);
        start.arrive_and_wait();
        results[static_cast<size_t>(t)] = use_writer
                                              ? WriteThroughWriter(store(), key, {value}, true)
                                              : store().PutIfAbsent(key, value);
      });
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
    SCOPED_TRACE(key);
    int winner = -1;
    for (int t = 0; t < kThreads; ++t) {
      const Status& status = results[static_cast<size_t>(t)];
      if (status.ok()) {
        EXPECT_EQ(winner, -1) << "writers " << winner << " and " << t << " both succeeded";
        winner = t;
      } else {
        EXPECT_THAT(status, StatusIs(StatusCode::kAlreadyExists));
      }
    }
    ASSERT_NE(winner, -1) << "no writer succeeded";
    EXPECT_THAT(store().Get(key), IsOkAndHolds(fmt::format("writer {}", winner)));
  }
}

}  // namespace
}  // namespace binlake::testing
