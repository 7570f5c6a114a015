#include "binlake/staging/change_layout.h"

#include <string>

#include "binlake/base/macros.h"
#include "binlake/staging/change_file.h"

namespace binlake::staging {
namespace {

using parquet::LakeType;
using parquet::PhysicalType;
using parquet::Repetition;

LayoutColumn OwnColumn(std::string_view name, mysql::ColumnKind kind, uint32_t scale,
                       LakeType lake_type, parquet::ColumnSpec spec) {
  spec.name = std::string(name);
  mysql::ColumnType type;
  type.kind = kind;
  type.scale = scale;
  return LayoutColumn{std::move(spec), std::move(type), lake_type};
}

Status AddMapped(const mysql::ColumnSchema& column, const StagingFileOptions& options,
                 std::vector<LayoutColumn>* columns) {
  const auto field_id = static_cast<int32_t>(columns->size() + 1);
  ASSIGN_OR_RETURN(parquet::ColumnSpec spec,
                   parquet::MapColumn(column, field_id, options.parquet_types));
  ASSIGN_OR_RETURN(LakeType lake_type,
                   parquet::LakeTypeFor(column.type, options.parquet_types.mode));
  columns->push_back(LayoutColumn{std::move(spec), column.type, lake_type});
  return Status::Ok();
}

}  // namespace

std::vector<parquet::ColumnSpec> ChangeFileLayout::Schema() const {
  std::vector<parquet::ColumnSpec> schema;
  schema.reserve(columns.size());
  for (const LayoutColumn& column : columns) {
    schema.push_back(column.spec);
  }
  return schema;
}

Result<ChangeFileLayout> MakeChangeFileLayout(const mysql::TableSchema& table, FileKind kind,
                                              const StagingFileOptions& options) {
  ChangeFileLayout layout;
  layout.has_op = kind == FileKind::kCdc || options.include_op_for_full_load;
  auto id = [&layout] { return static_cast<int32_t>(layout.columns.size() + 1); };
  if (layout.has_op) {
    layout.columns.push_back(
        OwnColumn(kOpColumn, mysql::ColumnKind::kChar, 0, LakeType::kString,
                  parquet::MakeColumn("", id(), PhysicalType::kByteArray, Repetition::kRequired,
                                      parquet::StringType{})));
  }
  layout.first_table_column = layout.columns.size();
  for (const mysql::ColumnSchema& column : table.columns) {
    RETURN_IF_ERROR(AddMapped(column, options, &layout.columns));
  }
  layout.first_meta_column = layout.columns.size();
  layout.columns.push_back(
      OwnColumn(kChangeSeqColumn, mysql::ColumnKind::kBigInt, 0, LakeType::kInt64,
                parquet::MakeColumn("", id(), PhysicalType::kInt64, Repetition::kOptional)));
  layout.columns.push_back(
      OwnColumn(kCommitTsColumn, mysql::ColumnKind::kTimestamp, 6, LakeType::kTimestampUtc,
                parquet::MakeColumn("", id(), PhysicalType::kInt64, Repetition::kOptional,
                                    parquet::TimestampType{true, parquet::TimeUnit::kMicros})));
  layout.columns.push_back(
      OwnColumn(kTxnColumn, mysql::ColumnKind::kVarchar, 0, LakeType::kString,
                parquet::MakeColumn("", id(), PhysicalType::kByteArray, Repetition::kOptional,
                                    parquet::StringType{})));
  layout.first_before_column = layout.columns.size();
  layout.before_key_table.database = table.database;
  layout.before_key_table.table = table.table;
  for (const uint32_t position : table.primary_key) {
    if (position >= table.columns.size()) {
      return InvalidArgumentError("table " + table.database + "." + table.table +
                                  ": primary-key position " + std::to_string(position) +
                                  " is not a column");
    }
    mysql::ColumnSchema before = table.columns[position];
    before.name = std::string(kBeforeKeyPrefix) + before.name;
    before.nullable = true;
    RETURN_IF_ERROR(AddMapped(before, options, &layout.columns));
    layout.before_key_table.columns.push_back(std::move(before));
  }
  return layout;
}

}  // namespace binlake::staging
