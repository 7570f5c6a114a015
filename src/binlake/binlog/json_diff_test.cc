#include "binlake/binlog/json_diff.h"

#include <string>

#include "binlake/binlog/json_test_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;
using namespace ::binlake::binlog::testing;  // NOLINT(google-build-using-namespace)

// One diff: operation, length-encoded path, and for REPLACE/INSERT the length-encoded value.
std::string Diff(uint8_t op, std::string_view path, const JsonValue* value = nullptr) {
  std::string out(1, static_cast<char>(op));
  out.push_back(static_cast<char>(path.size()));
  out += path;
  if (value != nullptr) {
    const std::string doc = JsonDocument(*value);
    out.push_back(static_cast<char>(doc.size()));
    out += doc;
  }
  return out;
}

constexpr uint8_t kReplace = 0;
constexpr uint8_t kInsert = 1;
constexpr uint8_t kRemove = 2;

// {"a": 1, "b": [1, 2, 3], "x y": {"k": "v"}}
std::string Before() {
  return JsonDocument(JsonContainer(
      false, {"a", "b", "x y"},
      {JsonInt(0x05, 1, 2),
       JsonContainer(false, {}, {JsonInt(0x05, 1, 2), JsonInt(0x05, 2, 2), JsonInt(0x05, 3, 2)}),
       JsonContainer(false, {"k"}, {JsonString("v")})}));
}

std::string Apply(const std::string& diffs) {
  std::string text;
  EXPECT_THAT(ApplyJsonDiffs(Before(), diffs, &text), IsOk());
  return text;
}

TEST(JsonDiffTest, ReplaceMembersElementsAndTheWholeDocument) {
  const JsonValue x = JsonString("x");
  EXPECT_EQ(Apply(Diff(kReplace, "$.a", &x)),
            "{\"a\": \"x\", \"b\": [1, 2, 3], \"x y\": {\"k\": \"v\"}}");
  EXPECT_EQ(Apply(Diff(kReplace, "$.b[2]", &x)),
            "{\"a\": 1, \"b\": [1, 2, \"x\"], \"x y\": {\"k\": \"v\"}}");
  EXPECT_EQ(Apply(Diff(kReplace, "$.\"x y\".k", &x)),
            "{\"a\": 1, \"b\": [1, 2, 3], \"x y\": {\"k\": \"x\"}}");
  EXPECT_EQ(Apply(Diff(kReplace, "$", &x)), "\"x\"");
}

TEST(JsonDiffTest, InsertIntoArraysAndObjectsInMySqlKeyOrder) {
  const JsonValue nine = JsonInt(0x05, 9, 2);
  EXPECT_EQ(Apply(Diff(kInsert, "$.b[1]", &nine)),
            "{\"a\": 1, \"b\": [1, 9, 2, 3], \"x y\": {\"k\": \"v\"}}");
  EXPECT_EQ(Apply(Diff(kInsert, "$.b[10]", &nine)),
            "{\"a\": 1, \"b\": [1, 2, 3, 9], \"x y\": {\"k\": \"v\"}}");
  EXPECT_EQ(Apply(Diff(kInsert, "$.c", &nine) + Diff(kInsert, "$.aa", &nine)),
            "{\"a\": 1, \"b\": [1, 2, 3], \"c\": 9, \"aa\": 9, \"x y\": {\"k\": \"v\"}}");
}

TEST(JsonDiffTest, RemoveAndSequencesOfDiffs) {
  const JsonValue t = JsonLiteral(1);
  EXPECT_EQ(
      Apply(Diff(kRemove, "$.b[0]") + Diff(kRemove, "$.\"x y\"") + Diff(kReplace, "$.b[0]", &t)),
      "{\"a\": 1, \"b\": [true, 3]}");
}

TEST(JsonDiffTest, UnresolvablePathsAndBadDiffsAreCorruption) {
  std::string text;
  const JsonValue t = JsonLiteral(1);
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kRemove, "$.zz"), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("diff 1")));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kReplace, "$.b[3]", &t), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("does not exist")));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kInsert, "$.a", &t), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("exists")));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kReplace, "$.a.b", &t), &text),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(3, "$.a"), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("unknown operation")));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kRemove, "a"), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("'$'")));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kRemove, "$.b[x]"), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("not a number")));
  EXPECT_THAT(ApplyJsonDiffs(Before(), Diff(kRemove, "$.b").substr(0, 3), &text),
              StatusIs(StatusCode::kCorruption));
}

}  // namespace
}  // namespace binlake::binlog
