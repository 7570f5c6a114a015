// Writes the Parquet files that check_binlake_files.mjs reads back with DuckDB and hyparquet:
// one table with a column per MySQL type of the mapping table, each cycling through its edge
// values (and NULL), converted with parquet/type_mapping.h and written with every codec, with
// and without dictionary encoding, in both mapping modes.
//
//   parquet_interop_writer DIR [ROWS]     (ROWS: default 3000; small files seed the fuzzer)
//     DIR/<mode>_<codec>_<dict|plain>.parquet   mode: exact, dms; codec: none, snappy, gzip, zstd
//     DIR/<mode>.expected.json                  {"columns": [{"name", "kind"}], "rows": [[...]]}
//
// The expected cells are the converted values rendered by parquet/value_json.h, except that
// integers are strings (JavaScript numbers would round values beyond 2^53). `kind` tells the
// checker how to normalise what a reader returns: int, uint, float, double, boolean, decimal,
// date, timestamp, timestamptz, string, json, binary.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "adapters/fs/local_file.h"
#include "binlake/base/macros.h"
#include "binlake/parquet/type_mapping.h"
#include "binlake/parquet/value_json.h"
#include "binlake/parquet/writer.h"

namespace binlake::interop {
namespace {

using mysql::ColumnKind;
using mysql::Value;

constexpr size_t kDefaultRows = 3000;

struct TestColumn {
  std::string name;
  mysql::ColumnType type;
  std::vector<Value> values;  // row r holds values[r % size]
};

mysql::ColumnType Type(ColumnKind kind, uint32_t length = 0, uint32_t scale = 0,
                       bool is_unsigned = false) {
  mysql::ColumnType type;
  type.kind = kind;
  type.length = length;
  type.scale = scale;
  type.is_unsigned = is_unsigned;
  return type;
}

std::vector<TestColumn> IntegerColumns() {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr uint64_t kUmax = std::numeric_limits<uint64_t>::max();
  return {
      {"c_tinyint",
       Type(ColumnKind::kTinyInt),
       {int64_t{-128}, int64_t{127}, int64_t{0}, mysql::Null{}}},
      {"c_tinyint_u", Type(ColumnKind::kTinyInt, 0, 0, true), {uint64_t{0}, uint64_t{255}}},
      {"c_smallint", Type(ColumnKind::kSmallInt), {int64_t{-32768}, int64_t{32767}}},
      {"c_smallint_u", Type(ColumnKind::kSmallInt, 0, 0, true), {uint64_t{65535}, uint64_t{1}}},
      {"c_mediumint", Type(ColumnKind::kMediumInt), {int64_t{-8388608}, int64_t{8388607}}},
      {"c_mediumint_u", Type(ColumnKind::kMediumInt, 0, 0, true), {uint64_t{16777215}}},
      {"c_int",
       Type(ColumnKind::kInt),
       {int64_t{-2147483648LL}, int64_t{2147483647}, mysql::Null{}}},
      {"c_int_u",
       Type(ColumnKind::kInt, 0, 0, true),
       {uint64_t{4294967295}, uint64_t{0}, uint64_t{2147483648}}},
      {"c_bigint", Type(ColumnKind::kBigInt), {kMin, kMax, int64_t{-1}}},
      {"c_bigint_u",
       Type(ColumnKind::kBigInt, 0, 0, true),
       {kUmax, uint64_t{0}, uint64_t{9223372036854775808u}, mysql::Null{}}},
      {"c_year", Type(ColumnKind::kYear), {mysql::Year{1901}, mysql::Year{2155}, mysql::Year{0}}},
      {"c_bit1", Type(ColumnKind::kBit, 1), {mysql::Bit{1, 1}, mysql::Bit{0, 1}}},
      {"c_bit10", Type(ColumnKind::kBit, 10), {mysql::Bit{0x3ff, 10}, mysql::Bit{0x201, 10}}},
      {"c_bit64", Type(ColumnKind::kBit, 64), {mysql::Bit{~uint64_t{0}, 64}, mysql::Bit{1, 64}}},
  };
}

std::vector<TestColumn> DecimalAndFloatColumns() {
  std::string d65 = std::string(35, '9') + "." + std::string(30, '9');
  return {
      {"c_dec9_2",
       Type(ColumnKind::kDecimal, 9, 2),
       {mysql::Decimal{"-9999999.99"}, mysql::Decimal{"0.05"}, mysql::Decimal{"1.50"},
        mysql::Null{}}},
      {"c_dec18_4",
       Type(ColumnKind::kDecimal, 18, 4),
       {mysql::Decimal{"99999999999999.9999"}, mysql::Decimal{"-0.0001"}}},
      {"c_dec20_0",
       Type(ColumnKind::kDecimal, 20, 0),
       {mysql::Decimal{"-99999999999999999999"}, mysql::Decimal{"12345678901234567890"}}},
      {"c_dec38_10",
       Type(ColumnKind::kDecimal, 38, 10),
       {mysql::Decimal{"9999999999999999999999999999.9999999999"}, mysql::Decimal{"-0.0000000001"},
        mysql::Decimal{"0.0000000000"}}},
      {"c_dec65_30",
       Type(ColumnKind::kDecimal, 65, 30),
       {mysql::Decimal{d65}, mysql::Decimal{"-" + d65},
        mysql::Decimal{"0." + std::string(30, '0')}}},
      {"c_float", Type(ColumnKind::kFloat), {0.1f, -3.4028235e38f, 1.17549435e-38f, 0.0f}},
      {"c_double",
       Type(ColumnKind::kDouble),
       {-1e308, 2.2250738585072014e-308, 0.1, mysql::Null{}}},
  };
}

std::vector<TestColumn> TemporalColumns() {
  return {
      {"c_date",
       Type(ColumnKind::kDate),
       {mysql::Date{1000, 1, 1}, mysql::Date{9999, 12, 31}, mysql::Date{2024, 2, 29},
        mysql::Date{0, 0, 0}, mysql::Date{2024, 0, 15}}},
      {"c_time",
       Type(ColumnKind::kTime, 0, 6),
       {mysql::Time{true, 838, 59, 59, 0}, mysql::Time{true, 0, 0, 0, 1},
        mysql::Time{false, 12, 34, 56, 500000}}},
      {"c_datetime",
       Type(ColumnKind::kDateTime, 0, 6),
       {mysql::DateTime{9999, 12, 31, 23, 59, 59, 999999}, mysql::DateTime{1000, 1, 1, 0, 0, 0, 0},
        mysql::DateTime{1969, 12, 31, 23, 59, 59, 999999}, mysql::DateTime{}}},
      {"c_timestamp",
       Type(ColumnKind::kTimestamp, 0, 6),
       {mysql::Timestamp{2147483647, 999999}, mysql::Timestamp{1, 0}, mysql::Timestamp{0, 0}}},
  };
}

std::vector<TestColumn> TextColumns() {
  mysql::ColumnType enum_type = Type(ColumnKind::kEnum);
  enum_type.elements = {"small", "medium", "large"};
  mysql::ColumnType set_type = Type(ColumnKind::kSet);
  for (int i = 0; i < 64; ++i) {
    set_type.elements.push_back(fmt::format("m{}", i));
  }
  std::string point(
      "\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00\x00\x40", 21);
  std::string vector("\x00\x00\x80\x3f\x00\x00\x00\xc0", 8);
  return {
      {"c_varchar",
       Type(ColumnKind::kVarchar, 64),
       {mysql::Text{"plain"}, mysql::Text{""},
        mysql::Text{"caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" \\ \n\t"}, mysql::Null{}}},
      {"c_text",
       Type(ColumnKind::kText),
       {mysql::Text{std::string(300, 'x')}, mysql::Text{"\xe4\xb8\xad\xe6\x96\x87"}}},
      {"c_binary",
       Type(ColumnKind::kBlob),
       {mysql::Binary{std::string("\0\x01\xff\x80", 4)}, mysql::Binary{""}}},
      {"c_enum", enum_type, {mysql::Enum{3, "large"}, mysql::Enum{1, ""}, mysql::Enum{0, ""}}},
      {"c_set", set_type, {mysql::Set{~uint64_t{0}, ""}, mysql::Set{5, ""}, mysql::Set{0, ""}}},
      {"c_json",
       Type(ColumnKind::kJson),
       {mysql::Json{R"({"a": [1, 2.5, "x"], "b": null})"}, mysql::Json{"[]"},
        mysql::Json{"\"s\""}}},
      {"c_geometry",
       Type(ColumnKind::kGeometry),
       {mysql::Geometry{4326, point}, mysql::Geometry{0, point}}},
      {"c_vector", Type(ColumnKind::kVector, 2), {mysql::Vector{vector}}},
      {"c_uuid", Type(ColumnKind::kUuid), {mysql::Text{"123e4567-e89b-12d3-a456-426614174000"}}},
  };
}

std::vector<TestColumn> AllColumns() {
  std::vector<TestColumn> all;
  for (auto group :
       {IntegerColumns(), DecimalAndFloatColumns(), TemporalColumns(), TextColumns()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  return all;
}

// How the checker normalises a column's values (see the file comment).
std::string KindOf(const parquet::ColumnSpec& spec) {
  using parquet::PhysicalType;
  if (spec.logical_type) {
    const parquet::LogicalType& logical = *spec.logical_type;
    if (const auto* decimal = std::get_if<parquet::DecimalType>(&logical)) {
      return fmt::format("decimal:{}", decimal->scale);
    }
    if (const auto* integer = std::get_if<parquet::IntType>(&logical)) {
      return integer->is_signed ? "int" : "uint";
    }
    if (const auto* timestamp = std::get_if<parquet::TimestampType>(&logical)) {
      return timestamp->is_adjusted_to_utc ? "timestamptz" : "timestamp";
    }
    if (std::holds_alternative<parquet::DateType>(logical)) {
      return "date";
    }
    if (std::holds_alternative<parquet::JsonType>(logical)) {
      return "json";
    }
    return "string";
  }
  switch (spec.physical_type) {
    case PhysicalType::kBoolean:
      return "boolean";
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
      return "int";
    case PhysicalType::kFloat:
      return "float";
    case PhysicalType::kDouble:
      return "double";
    default:
      return "binary";
  }
}

// The expected file: column kinds and every row's rendered cells.
std::string ExpectedJson(const std::vector<parquet::ColumnSpec>& schema,
                         const parquet::RowBatch& batch) {
  std::vector<std::string> kinds;
  std::string out = "{\"columns\": [";
  for (size_t c = 0; c < schema.size(); ++c) {
    kinds.push_back(KindOf(schema[c]));
    out += fmt::format("{}{{\"name\": \"{}\", \"kind\": \"{}\"}}", c == 0 ? "" : ", ",
                       schema[c].name, kinds.back());
  }
  out += "],\n\"rows\": [\n";
  std::vector<size_t> next(schema.size(), 0);
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    out += row == 0 ? "[" : ",\n[";
    for (size_t c = 0; c < schema.size(); ++c) {
      const parquet::ColumnValues& values = batch.column(c);
      std::string cell = "null";
      if (values.IsValid(row)) {
        cell = parquet::ValueJson(schema[c], values, next[c]++);
        if (kinds[c] == "int" || kinds[c] == "uint") {
          cell.insert(cell.begin(), '"');
          cell.push_back('"');
        }
      }
      out += (c == 0 ? "" : ",") + cell;
    }
    out += "]";
  }
  return out + "\n]}\n";
}

Status WriteText(const std::string& path, std::string_view text) {
  ASSIGN_OR_RETURN(auto sink, adapters::LocalFileSink::Create(path));
  RETURN_IF_ERROR(sink->Append(text));
  return sink->Close();
}

Status WriteFile(const std::string& path, const std::vector<parquet::ColumnSpec>& schema,
                 const parquet::RowBatch& batch, parquet::WriterOptions options) {
  ASSIGN_OR_RETURN(auto sink, adapters::LocalFileSink::Create(path));
  ASSIGN_OR_RETURN(auto writer, parquet::FileWriter::Open(schema, std::move(options), sink.get()));
  RETURN_IF_ERROR(writer->Write(batch));
  RETURN_IF_ERROR(writer->Finish());
  return sink->Close();
}

Status WriteMode(const std::string& dir, std::string_view mode_name, parquet::TypeMappingMode mode,
                 size_t rows) {
  std::vector<TestColumn> columns = AllColumns();
  mysql::TableSchema table;
  table.database = "interop";
  table.table = "all_types";
  std::vector<int32_t> field_ids;
  for (const TestColumn& column : columns) {
    table.columns.push_back({column.name, column.type, true});
    field_ids.push_back(static_cast<int32_t>(field_ids.size()) + 1);
  }
  ASSIGN_OR_RETURN(parquet::RowConverter converter,
                   parquet::RowConverter::Make(table, field_ids, {.mode = mode}));
  parquet::RowBatch batch(converter.schema());
  std::vector<Value> row(columns.size());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns.size(); ++c) {
      row[c] = columns[c].values[r % columns[c].values.size()];
    }
    RETURN_IF_ERROR(converter.AppendRow(row, &batch));
  }
  RETURN_IF_ERROR(WriteText(fmt::format("{}/{}.expected.json", dir, mode_name),
                            ExpectedJson(converter.schema(), batch)));
  const std::pair<std::string_view, parquet::Codec> codecs[] = {
      {"none", parquet::Codec::kUncompressed},
      {"snappy", parquet::Codec::kSnappy},
      {"gzip", parquet::Codec::kGzip},
      {"zstd", parquet::Codec::kZstd},
  };
  for (const auto& [codec_name, codec] : codecs) {
    for (bool dictionary : {true, false}) {
      parquet::WriterOptions options;
      options.codec = codec;
      options.dictionary = dictionary;
      options.data_page_size = 8 << 10;    // several pages per chunk
      options.row_group_size = 256 << 10;  // several row groups per file
      options.key_value_metadata = converter.KeyValueMetadata();
      RETURN_IF_ERROR(WriteFile(fmt::format("{}/{}_{}_{}.parquet", dir, mode_name, codec_name,
                                            dictionary ? "dict" : "plain"),
                                converter.schema(), batch, std::move(options)));
    }
  }
  return Status::Ok();
}

}  // namespace
}  // namespace binlake::interop

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s DIR [ROWS]\n", argv[0]);
    return 2;
  }
  size_t rows = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : binlake::interop::kDefaultRows;
  for (auto [name, mode] : {std::pair{"exact", binlake::parquet::TypeMappingMode::kExact},
                            std::pair{"dms", binlake::parquet::TypeMappingMode::kDms}}) {
    binlake::Status status = binlake::interop::WriteMode(argv[1], name, mode, rows);
    if (!status.ok()) {
      std::fprintf(stderr, "parquet_interop_writer: %s\n", status.ToString().c_str());
      return 1;
    }
  }
  return 0;
}
