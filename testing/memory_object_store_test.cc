#include "testing/memory_object_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "testing/object_store_conformance.h"
#include "testing/status_matchers.h"

namespace binlake::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

Result<std::unique_ptr<io::ObjectStore>> MakeMemoryStore() {
  return std::unique_ptr<io::ObjectStore>(std::make_unique<MemoryObjectStore>());
}

INSTANTIATE_TEST_SUITE_P(Memory, ObjectStoreConformanceTest,
                         ::testing::Values(ConformanceTarget{"Memory", &MakeMemoryStore}),
                         ConformanceTargetName());

class MemoryObjectStoreTest : public ::testing::Test {
 protected:
  MemoryObjectStore store_;
};

TEST_F(MemoryObjectStoreTest, UnavailableFailsTheNthCallWithoutApplyingIt) {
  ASSERT_OK(store_.AddFault(StoreOp::kPut, FaultKind::kUnavailable, 2));
  ASSERT_OK(store_.Put("a", "1"));
  Status failed = store_.Put("b", "2");
  EXPECT_THAT(failed, StatusIs(StatusCode::kUnavailable, HasSubstr("injected fault")));
  EXPECT_THAT(failed, IsRetryable());
  ASSERT_OK(store_.Put("c", "3"));
  EXPECT_THAT(store_.Snapshot(), ElementsAre(Pair("a", "1"), Pair("c", "3")));
  EXPECT_EQ(store_.InjectedFaultCount(), 1);
}

TEST_F(MemoryObjectStoreTest, LoseReplyAppliesThePutIfAbsentThenReportsUnavailable) {
  ASSERT_OK(store_.AddFault(StoreOp::kPutIfAbsent, FaultKind::kLoseReply));
  Status ambiguous = store_.PutIfAbsent("metadata/v2.json", "mine");
  EXPECT_THAT(ambiguous, StatusIs(StatusCode::kUnavailable, HasSubstr("applied")));
  EXPECT_THAT(ambiguous, IsRetryable());
  EXPECT_THAT(store_.Snapshot(), ElementsAre(Pair("metadata/v2.json", "mine")));
  // The retry a careless caller makes now looks like losing the race to itself.
  EXPECT_THAT(store_.PutIfAbsent("metadata/v2.json", "mine"), StatusIs(StatusCode::kAlreadyExists));
}

TEST_F(MemoryObjectStoreTest, LoseReplyOnWriterCloseCommitsTheObject) {
  ASSERT_OK(store_.AddFault(StoreOp::kWriterClose, FaultKind::kLoseReply));
  ASSERT_OK_AND_ASSIGN(auto writer, store_.OpenWriter("data/f.parquet", {.if_absent = true}));
  ASSERT_OK(writer->Append("PAR1"));
  EXPECT_THAT(writer->Close(), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(store_.Get("data/f.parquet"), IsOkAndHolds("PAR1"));
}

TEST_F(MemoryObjectStoreTest, LoseReplyOnAReadDiscardsTheResult) {
  ASSERT_OK(store_.Put("k", "v"));
  ASSERT_OK(store_.AddFault(StoreOp::kGet, FaultKind::kLoseReply));
  EXPECT_THAT(store_.Get("k"), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(store_.Get("k"), IsOkAndHolds("v"));
}

TEST_F(MemoryObjectStoreTest, PreconditionFailedAnswersAlreadyExistsForAnAbsentKey) {
  ASSERT_OK(store_.AddFault(StoreOp::kPutIfAbsent, FaultKind::kPreconditionFailed));
  Status status = store_.PutIfAbsent("absent", "x");
  EXPECT_THAT(status, StatusIs(StatusCode::kAlreadyExists, HasSubstr("412")));
  EXPECT_THAT(status, Not(IsRetryable()));
  EXPECT_THAT(store_.Snapshot(), IsEmpty());
  EXPECT_OK(store_.PutIfAbsent("absent", "x"));
}

TEST_F(MemoryObjectStoreTest, PreconditionFailedOnAWriterCloseCreatesNothing) {
  ASSERT_OK(store_.AddFault(StoreOp::kWriterClose, FaultKind::kPreconditionFailed));
  ASSERT_OK_AND_ASSIGN(auto writer, store_.OpenWriter("k", {.if_absent = true}));
  ASSERT_OK(writer->Append("x"));
  EXPECT_THAT(writer->Close(), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(writer->Append("y"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_.Snapshot(), IsEmpty());
}

TEST_F(MemoryObjectStoreTest, SlowDownIsARetryableUnavailableNaming503) {
  ASSERT_OK(store_.Put("k", "v"));
  ASSERT_OK(store_.AddFault(StoreOp::kGet, FaultKind::kSlowDown));
  Result<std::string> got = store_.Get("k");
  EXPECT_THAT(got, StatusIs(StatusCode::kUnavailable, HasSubstr("503 SlowDown")));
  EXPECT_THAT(got, IsRetryable());
}

TEST_F(MemoryObjectStoreTest, DeadlineExceededIsRetryableAndNotApplied) {
  ASSERT_OK(store_.AddFault(StoreOp::kDelete, FaultKind::kDeadlineExceeded));
  ASSERT_OK(store_.Put("k", "v"));
  Status status = store_.Delete("k");
  EXPECT_THAT(status, StatusIs(StatusCode::kDeadlineExceeded));
  EXPECT_THAT(status, IsRetryable());
  EXPECT_THAT(store_.Get("k"), IsOkAndHolds("v"));
}

TEST_F(MemoryObjectStoreTest, BadRulesAreRefused) {
  EXPECT_THAT(store_.AddFault(StoreOp::kGet, FaultKind::kPreconditionFailed),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store_.AddFault(StoreOp::kAny, FaultKind::kPreconditionFailed),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store_.AddFault(StoreOp::kAny, FaultKind::kUnavailable, 0),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store_.AddFault(StoreOp::kAny, FaultKind::kUnavailable, 1, 0),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(MemoryObjectStoreTest, ARuleFailsTimesConsecutiveCallsOfAnyOperation) {
  ASSERT_OK(store_.AddFault(StoreOp::kAny, FaultKind::kUnavailable, 2, 3));
  EXPECT_OK(store_.Put("k", "v"));                                    // 1
  EXPECT_THAT(store_.Get("k"), StatusIs(StatusCode::kUnavailable));   // 2
  EXPECT_THAT(store_.Head("k"), StatusIs(StatusCode::kUnavailable));  // 3
  EXPECT_THAT(store_.List({}), StatusIs(StatusCode::kUnavailable));   // 4
  EXPECT_THAT(store_.Get("k"), IsOkAndHolds("v"));                    // 5
  EXPECT_EQ(store_.InjectedFaultCount(), 3);
}

TEST_F(MemoryObjectStoreTest, RulesCountFromWhenTheyAreAdded) {
  ASSERT_OK(store_.Put("a", "1"));
  ASSERT_OK(store_.Put("b", "2"));
  ASSERT_OK(store_.AddFault(StoreOp::kPut, FaultKind::kUnavailable));
  EXPECT_THAT(store_.Put("c", "3"), StatusIs(StatusCode::kUnavailable));
  EXPECT_OK(store_.Put("c", "3"));
}

TEST_F(MemoryObjectStoreTest, AForeverRuleFailsUntilCleared) {
  ASSERT_OK(
      store_.AddFault(StoreOp::kAny, FaultKind::kUnavailable, 1, MemoryObjectStore::kForever));
  for (int i = 0; i < 50; ++i) {
    EXPECT_THAT(store_.Put("k", "v"), StatusIs(StatusCode::kUnavailable));
  }
  store_.ClearFaults();
  EXPECT_OK(store_.Put("k", "v"));
}

TEST_F(MemoryObjectStoreTest, TheEarliestFiringRuleDecidesAndEveryMatchingRuleCounts) {
  ASSERT_OK(store_.AddFault(StoreOp::kAny, FaultKind::kDeadlineExceeded, 2));
  ASSERT_OK(store_.AddFault(StoreOp::kPut, FaultKind::kSlowDown, 2));
  EXPECT_OK(store_.Put("k", "v"));
  EXPECT_THAT(store_.Put("k", "v"), StatusIs(StatusCode::kDeadlineExceeded));
  EXPECT_OK(store_.Put("k", "v"));
}

TEST_F(MemoryObjectStoreTest, AFailedAppendDropsItsBytesAndTheWriterGoesOn) {
  ASSERT_OK(store_.AddFault(StoreOp::kWriterAppend, FaultKind::kUnavailable, 2));
  ASSERT_OK_AND_ASSIGN(auto writer, store_.OpenWriter("k", {}));
  ASSERT_OK(writer->Append("one,"));
  EXPECT_THAT(writer->Append("lost,"), StatusIs(StatusCode::kUnavailable));
  ASSERT_OK(writer->Append("three"));
  ASSERT_OK(writer->Close());
  EXPECT_THAT(store_.Get("k"), IsOkAndHolds("one,three"));
}

TEST_F(MemoryObjectStoreTest, AFailedCloseLeavesNoObjectAndAClosedWriter) {
  ASSERT_OK(store_.AddFault(StoreOp::kWriterClose, FaultKind::kUnavailable));
  ASSERT_OK_AND_ASSIGN(auto writer, store_.OpenWriter("k", {}));
  ASSERT_OK(writer->Append("bytes"));
  EXPECT_THAT(writer->Close(), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(writer->Close(), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_.Get("k"), StatusIs(StatusCode::kNotFound));
}

TEST_F(MemoryObjectStoreTest, CallCountsArePerOperationAndSkipRefusedArguments) {
  ASSERT_OK(store_.Put("k", "v"));
  ASSERT_OK(store_.Put("k", "w"));
  EXPECT_THAT(store_.Get("missing"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store_.Get("../escape"), StatusIs(StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(auto writer, store_.OpenWriter("w", {}));
  ASSERT_OK(writer->Append("a"));
  ASSERT_OK(writer->Append("b"));
  ASSERT_OK(writer->Close());
  EXPECT_EQ(store_.CallCount(StoreOp::kPut), 2);
  EXPECT_EQ(store_.CallCount(StoreOp::kGet), 1);
  EXPECT_EQ(store_.CallCount(StoreOp::kOpenWriter), 1);
  EXPECT_EQ(store_.CallCount(StoreOp::kWriterAppend), 2);
  EXPECT_EQ(store_.CallCount(StoreOp::kWriterClose), 1);
  EXPECT_EQ(store_.CallCount(StoreOp::kList), 0);
  EXPECT_EQ(store_.CallCount(StoreOp::kAny), 7);
}

TEST_F(MemoryObjectStoreTest, EtagIsAContentHash) {
  ASSERT_OK(store_.Put("a", "same"));
  ASSERT_OK(store_.Put("b", "same"));
  ASSERT_OK(store_.Put("c", "different"));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo a, store_.Head("a"));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo b, store_.Head("b"));
  ASSERT_OK_AND_ASSIGN(io::ObjectInfo c, store_.Head("c"));
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_NE(a.etag, c.etag);
  EXPECT_EQ(a.etag.size(), 16U);
}

TEST_F(MemoryObjectStoreTest, ListRefusesPageSizesOutsideOneToAThousand) {
  io::ListOptions options;
  options.max_keys = 0;
  EXPECT_THAT(store_.List(options), StatusIs(StatusCode::kInvalidArgument));
  options.max_keys = 1001;
  EXPECT_THAT(store_.List(options), StatusIs(StatusCode::kInvalidArgument));
}

TEST(MemoryObjectStoreOpNameTest, NamesEveryOperation) {
  EXPECT_EQ(StoreOpName(StoreOp::kPutIfAbsent), "PutIfAbsent");
  EXPECT_EQ(StoreOpName(StoreOp::kWriterClose), "WriterClose");
  EXPECT_EQ(StoreOpName(StoreOp::kAny), "Any");
}

}  // namespace
}  // namespace binlake::testing
