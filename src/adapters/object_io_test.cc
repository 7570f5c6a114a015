#include "adapters/object_io.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "testing/memory_object_store.h"
#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ObjectWriterSink, StreamsIntoAnObjectThatAppearsOnClose) {
  testing::MemoryObjectStore store;
  ASSERT_OK_AND_ASSIGN(auto writer, store.OpenWriter("t/part-0.parquet", {}));
  ObjectWriterSink sink(writer.get());
  ASSERT_OK(sink.Append("PAR1"));
  ASSERT_OK(sink.Append("body"));
  EXPECT_THAT(store.Get("t/part-0.parquet"), StatusIs(StatusCode::kNotFound));
  ASSERT_OK(writer->Close());
  EXPECT_THAT(store.Get("t/part-0.parquet"), IsOkAndHolds("PAR1body"));
  EXPECT_THAT(sink.Append("late"), StatusIs(StatusCode::kFailedPrecondition));
}

TEST(ObjectStoreSource, ReadsRangesOfTheObject) {
  testing::MemoryObjectStore store;
  ASSERT_OK(store.Put("k", "0123456789"));
  ASSERT_OK_AND_ASSIGN(auto source, ObjectStoreSource::Open(&store, "k"));
  EXPECT_THAT(source->Size(), IsOkAndHolds(uint64_t{10}));
  EXPECT_THAT(source->ReadAt(6, 4), IsOkAndHolds("6789"));
  EXPECT_THAT(source->ReadAt(10, 0), IsOkAndHolds(""));
  EXPECT_THAT(source->ReadAt(6, 5),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("past the end of")));
  EXPECT_THAT(source->Describe(), HasSubstr("k"));
}

TEST(ObjectStoreSource, AShorterReplacementIsCorruptionNotAShortRead) {
  testing::MemoryObjectStore store;
  ASSERT_OK(store.Put("k", "0123456789"));
  ASSERT_OK_AND_ASSIGN(auto source, ObjectStoreSource::Open(&store, "k"));
  ASSERT_OK(store.Put("k", "01234"));
  EXPECT_THAT(source->ReadAt(2, 5), StatusIs(StatusCode::kCorruption, HasSubstr("got 3")));
}

TEST(ObjectStoreSource, MissingObjectIsNotFound) {
  testing::MemoryObjectStore store;
  EXPECT_THAT(ObjectStoreSource::Open(&store, "absent"), StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace binlake::adapters
