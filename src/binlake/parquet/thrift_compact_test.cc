#include "binlake/parquet/thrift_compact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::parquet::thrift {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

using Field = CompactReader::Field;

// Field headers: short form (delta 1..15), long form (type byte + zigzag id), bools in the type.
TEST(CompactWriter, FieldHeadersUseDeltasWhenTheyFit) {
  std::string out;
  CompactWriter w(&out);
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI32);  // delta 1
  w.I32(1);
  w.FieldHeader(16, WireType::kI64);  // delta 15
  w.I64(-1);
  w.FieldHeader(32, WireType::kI8);  // delta 16: long form, zigzag(32) = 64
  w.I8(-2);
  w.BoolField(2, true);  // decreasing id: long form, zigzag(2) = 4
  w.BoolField(3, false);
  w.EndStruct();
  EXPECT_EQ(out, Bytes({0x15, 0x02, 0xf6, 0x01, 0x03, 0x40, 0xfe, 0x01, 0x04, 0x12, 0x00}));
}

TEST(CompactWriter, ValuesHaveTheirSpecifiedEncodings) {
  std::string out;
  CompactWriter w(&out);
  w.I16(-300);        // zigzag 599 = 0xd7 0x04
  w.I32(2147483647);  // zigzag 4294967294
  w.I64(INT64_MIN);   // zigzag 2^64 - 1
  w.Double(1.0);      // 0x3ff0000000000000, little-endian
  w.Binary("ab");
  w.Bool(true);
  w.Bool(false);
  EXPECT_EQ(out, Bytes({0xd7, 0x04,                                                  //
                        0xfe, 0xff, 0xff, 0xff, 0x0f,                                //
                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,  //
                        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f,              //
                        0x02, 'a',  'b',  0x01, 0x02}));
}

TEST(CompactWriter, ContainerHeaders) {
  std::string out;
  CompactWriter w(&out);
  w.ListHeader(WireType::kI32, 3);
  w.ListHeader(WireType::kBinary, 14);
  w.ListHeader(WireType::kStruct, 15);  // long form from 15 on
  w.ListHeader(WireType::kI64, 300);
  w.MapHeader(WireType::kBinary, WireType::kI32, 0);
  w.MapHeader(WireType::kBinary, WireType::kI32, 2);
  EXPECT_EQ(out, Bytes({0x35, 0xe8, 0xfc, 0x0f, 0xf6, 0xac, 0x02, 0x00, 0x02, 0x85}));
}

TEST(CompactWriter, NestedStructsRestartFieldIds) {
  std::string out;
  CompactWriter w(&out);
  w.BeginStruct();
  w.FieldHeader(5, WireType::kStruct);
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI32);
  w.I32(7);
  w.EndStruct();
  w.FieldHeader(6, WireType::kI32);  // delta from 5, the outer struct's last id
  w.I32(0);
  w.EndStruct();
  EXPECT_EQ(out, Bytes({0x5c, 0x15, 0x0e, 0x00, 0x15, 0x00, 0x00}));
}

TEST(CompactReader, ReadsWhatTheWriterWrote) {
  std::string out;
  CompactWriter w(&out);
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI16);
  w.I16(-300);
  w.FieldHeader(40, WireType::kStruct);
  w.BeginStruct();
  w.BoolField(1, true);
  w.FieldHeader(2, WireType::kList);
  w.ListHeader(WireType::kBinary, 2);
  w.Binary("x");
  w.Binary("");
  w.EndStruct();
  w.FieldHeader(41, WireType::kDouble);
  w.Double(-2.5);
  w.EndStruct();

  ByteReader bytes(out);
  CompactReader r(&bytes);
  ASSERT_OK(r.BeginStruct());
  ASSERT_OK_AND_ASSIGN(Field f1, r.ReadFieldHeader());
  EXPECT_EQ(f1.id, 1);
  EXPECT_EQ(f1.type, WireType::kI16);
  EXPECT_THAT(r.ReadI16(), IsOkAndHolds(-300));
  ASSERT_OK_AND_ASSIGN(Field f40, r.ReadFieldHeader());
  EXPECT_EQ(f40.id, 40);
  ASSERT_OK(r.BeginStruct());
  ASSERT_OK_AND_ASSIGN(Field inner1, r.ReadFieldHeader());
  EXPECT_EQ(inner1.id, 1);
  EXPECT_THAT(r.BoolFieldValue(inner1), IsOkAndHolds(true));
  ASSERT_OK_AND_ASSIGN(Field inner2, r.ReadFieldHeader());
  EXPECT_EQ(inner2.id, 2);
  ASSERT_OK_AND_ASSIGN(CompactReader::ListHeader list, r.ReadListHeader());
  EXPECT_EQ(list.element_type, WireType::kBinary);
  EXPECT_EQ(list.size, 2u);
  EXPECT_THAT(r.ReadBinary(), IsOkAndHolds("x"));
  EXPECT_THAT(r.ReadBinary(), IsOkAndHolds(""));
  ASSERT_OK_AND_ASSIGN(Field inner_stop, r.ReadFieldHeader());
  EXPECT_EQ(inner_stop.type, WireType::kStop);
  r.EndStruct();
  ASSERT_OK_AND_ASSIGN(Field f41, r.ReadFieldHeader());
  EXPECT_EQ(f41.id, 41);
  EXPECT_THAT(r.ReadDouble(), IsOkAndHolds(-2.5));
  ASSERT_OK_AND_ASSIGN(Field stop, r.ReadFieldHeader());
  EXPECT_EQ(stop.type, WireType::kStop);
  r.EndStruct();
  EXPECT_TRUE(bytes.AtEnd());
}

TEST(CompactReader, ReadsLongContainerHeaders) {
  const std::string bytes_in = Bytes({0xf6, 0xac, 0x02}) + std::string(300, '\0');
  ByteReader bytes(bytes_in);
  CompactReader r(&bytes);
  ASSERT_OK_AND_ASSIGN(CompactReader::ListHeader list, r.ReadListHeader());
  EXPECT_EQ(list.element_type, WireType::kI64);
  EXPECT_EQ(list.size, 300u);
}

TEST(CompactReader, ListBoolsAcceptZeroAndTwoAsFalse) {
  const std::string in = Bytes({0x01, 0x02, 0x00, 0x03});
  ByteReader bytes(in);
  CompactReader r(&bytes);
  EXPECT_THAT(r.ReadBool(), IsOkAndHolds(true));
  EXPECT_THAT(r.ReadBool(), IsOkAndHolds(false));
  EXPECT_THAT(r.ReadBool(), IsOkAndHolds(false));
  EXPECT_THAT(r.ReadBool(), StatusIs(StatusCode::kCorruption, HasSubstr("offset 3")));
}

// A struct holding one field of every type, nested containers included, all of which a reader
// that knows none of them must skip to reach the stop byte.
std::string EveryTypeStruct() {
  std::string out;
  CompactWriter w(&out);
  w.BeginStruct();
  w.BoolField(1, true);
  w.BoolField(2, false);
  w.FieldHeader(3, WireType::kI8);
  w.I8(-1);
  w.FieldHeader(4, WireType::kI16);
  w.I16(1000);
  w.FieldHeader(5, WireType::kI32);
  w.I32(-100000);
  w.FieldHeader(6, WireType::kI64);
  w.I64(1LL << 40);
  w.FieldHeader(7, WireType::kDouble);
  w.Double(3.25);
  w.FieldHeader(8, WireType::kBinary);
  w.Binary("skip me");
  w.FieldHeader(9, WireType::kList);
  w.ListHeader(WireType::kStruct, 2);
  for (int i = 0; i < 2; ++i) {
    w.BeginStruct();
    w.FieldHeader(1, WireType::kList);
    w.ListHeader(WireType::kBoolTrue, 2);
    w.Bool(true);
    w.Bool(false);
    w.EndStruct();
  }
  w.FieldHeader(10, WireType::kSet);
  w.ListHeader(WireType::kDouble, 1);
  w.Double(0.5);
  w.FieldHeader(11, WireType::kMap);
  w.MapHeader(WireType::kBinary, WireType::kList, 1);
  w.Binary("k");
  w.ListHeader(WireType::kI64, 1);
  w.I64(5);
  w.FieldHeader(12, WireType::kMap);
  w.MapHeader(WireType::kI32, WireType::kI32, 0);
  w.FieldHeader(300, WireType::kStruct);
  w.BeginStruct();
  w.FieldHeader(1, WireType::kBinary);
  w.Binary("deep");
  w.EndStruct();
  w.EndStruct();
  out += Bytes({0xd9, 0x6e, 0x1d, 0x33, 0xbc, 0xe5, 0x13, 0x10, 0x5d, 0x2f, 0xfe, 0x4a, 0x07, 0x33,
                0xcb, 0x33});  // a 16-byte UUID element after the struct, see the test
  return out;
}

TEST(CompactReader, SkipsFieldsOfEveryType) {
  const std::string in = EveryTypeStruct();
  ByteReader bytes(in);
  CompactReader r(&bytes);
  ASSERT_OK(r.BeginStruct());
  int fields = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(Field field, r.ReadFieldHeader());
    if (field.type == WireType::kStop) {
      break;
    }
    ++fields;
    ASSERT_OK(r.SkipField(field)) << "field " << field.id;
  }
  r.EndStruct();
  EXPECT_EQ(fields, 13);
  ASSERT_OK(r.SkipValue(WireType::kUuid));
  EXPECT_TRUE(bytes.AtEnd());
}

TEST(CompactReader, SkipsAWholeUnknownStructValue) {
  const std::string in = EveryTypeStruct();
  ByteReader bytes(in);
  CompactReader r(&bytes);
  ASSERT_OK(r.SkipValue(WireType::kStruct));
  EXPECT_EQ(bytes.remaining(), 16u);
}

TEST(CompactReader, EveryTruncationOfAStructFailsCleanly) {
  const std::string in = EveryTypeStruct();
  const size_t struct_size = in.size() - 16;
  for (size_t cut = 0; cut < struct_size; ++cut) {
    ByteReader bytes(std::string_view(in).substr(0, cut));
    CompactReader r(&bytes);
    EXPECT_THAT(r.SkipValue(WireType::kStruct), StatusIs(StatusCode::kCorruption))
        << "cut at " << cut;
  }
}

TEST(CompactReader, RejectsNestingBeyondTheLimit) {
  // Field 1 of type STRUCT, 100 times: structs nested 100 deep.
  const std::string in = std::string(100, '\x1c') + std::string(100, '\0');
  ByteReader bytes(in);
  CompactReader r(&bytes);
  EXPECT_THAT(r.SkipValue(WireType::kStruct),
              StatusIs(StatusCode::kCorruption, HasSubstr("nested deeper than 64")));
  // The same limit applies to structs the caller enters itself.
  ByteReader again(in);
  CompactReader entered(&again);
  Status status;
  for (int i = 0; i < 100 && status.ok(); ++i) {
    status = entered.BeginStruct();
  }
  EXPECT_THAT(status, StatusIs(StatusCode::kCorruption, HasSubstr("nested deeper")));
  // Lists of lists count as well.
  const std::string lists = std::string(100, '\x19') + "\x09";
  ByteReader list_bytes(lists);
  CompactReader list_reader(&list_bytes);
  EXPECT_THAT(list_reader.SkipValue(WireType::kList),
              StatusIs(StatusCode::kCorruption, HasSubstr("nested deeper")));
}

TEST(CompactReader, ContainerSizesAreBoundedByTheRemainingBytes) {
  // A list of 2^31 i32 values in 8 bytes.
  const std::string list = Bytes({0xf5, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x00});
  ByteReader list_bytes(list);
  CompactReader r(&list_bytes);
  EXPECT_THAT(r.ReadListHeader(),
              StatusIs(StatusCode::kCorruption,
                       HasSubstr("list at offset 0 declares 2147483648 elements but only 2")));
  // Three doubles need 24 bytes.
  const std::string doubles = Bytes({0x37}) + std::string(23, '\0');
  ByteReader double_bytes(doubles);
  CompactReader d(&double_bytes);
  EXPECT_THAT(d.ReadListHeader(), StatusIs(StatusCode::kCorruption));
  // A map of 5 pairs needs at least 10 bytes after its header.
  const std::string map = Bytes({0x05, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  ByteReader map_bytes(map);
  CompactReader m(&map_bytes);
  EXPECT_THAT(m.ReadMapHeader(), StatusIs(StatusCode::kCorruption, HasSubstr("map at offset 0")));
  // A binary longer than the input.
  const std::string binary = Bytes({0x90, 0x4e, 'a'});
  ByteReader binary_bytes(binary);
  CompactReader b(&binary_bytes);
  EXPECT_THAT(b.ReadBinary(),
              StatusIs(StatusCode::kCorruption, HasSubstr("declares 10000 bytes but only 1")));
}

TEST(CompactReader, RejectsUnknownTypeCodes) {
  for (int code : {14, 15}) {
    const std::string in = Bytes({0x10 | code, 0x00});
    ByteReader bytes(in);
    CompactReader r(&bytes);
    EXPECT_THAT(r.ReadFieldHeader(),
                StatusIs(StatusCode::kCorruption, HasSubstr("unknown type code")));
  }
  const std::string list = Bytes({0x1e, 0x00});
  ByteReader list_bytes(list);
  CompactReader l(&list_bytes);
  EXPECT_THAT(l.ReadListHeader(), StatusIs(StatusCode::kCorruption));
  const std::string map = Bytes({0x01, 0xf5, 0x00, 0x00});
  ByteReader map_bytes(map);
  CompactReader m(&map_bytes);
  EXPECT_THAT(m.ReadMapHeader(), StatusIs(StatusCode::kCorruption));
}

TEST(CompactReader, RejectsOutOfRangeI16AndNonBoolFields) {
  const std::string in = Bytes({0x80, 0x80, 0x04});  // zigzag 65536 = 32768
  ByteReader bytes(in);
  CompactReader r(&bytes);
  EXPECT_THAT(r.ReadI16(), StatusIs(StatusCode::kCorruption, HasSubstr("i16 at offset 0")));
  EXPECT_THAT(r.BoolFieldValue(Field{WireType::kI32, 4}),
              StatusIs(StatusCode::kCorruption, HasSubstr("not BOOL")));
}

TEST(CompactReader, TruncatedValuesNameTheOffset) {
  const std::string in = Bytes({0x15, 0x80});
  ByteReader bytes(in);
  CompactReader r(&bytes);
  ASSERT_OK(r.BeginStruct());
  ASSERT_OK(r.ReadFieldHeader().status());
  EXPECT_THAT(r.ReadI32(), StatusIs(StatusCode::kCorruption, HasSubstr("offset 1")));
}

TEST(WireTypeName, NamesTheCodes) {
  EXPECT_EQ(WireTypeName(WireType::kBoolFalse), "BOOL");
  EXPECT_EQ(WireTypeName(WireType::kStruct), "STRUCT");
  EXPECT_EQ(WireTypeName(static_cast<WireType>(99)), "UNKNOWN");
}

}  // namespace
}  // namespace binlake::parquet::thrift
