#include "binlake/parquet/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <variant>

#include "binlake/base/macros.h"
#include "binlake/parquet/column_reader.h"

namespace binlake::parquet {

namespace {

std::optional<LogicalType> LogicalFromConverted(const SchemaElement& element) {
  if (!element.converted_type.has_value()) {
    return std::nullopt;
  }
  switch (*element.converted_type) {
    case ConvertedType::kUtf8:
      return StringType{};
    case ConvertedType::kEnum:
      return EnumType{};
    case ConvertedType::kJson:
      return JsonType{};
    case ConvertedType::kBson:
      return BsonType{};
    case ConvertedType::kDecimal:
      return DecimalType{element.scale.value_or(0), element.precision.value_or(0)};
    case ConvertedType::kDate:
      return DateType{};
    case ConvertedType::kTimeMillis:
      return TimeType{true, TimeUnit::kMillis};
    case ConvertedType::kTimeMicros:
      return TimeType{true, TimeUnit::kMicros};
    case ConvertedType::kTimestampMillis:
      return TimestampType{true, TimeUnit::kMillis};
    case ConvertedType::kTimestampMicros:
      return TimestampType{true, TimeUnit::kMicros};
    case ConvertedType::kUint8:
      return IntType{8, false};
    case ConvertedType::kUint16:
      return IntType{16, false};
    case ConvertedType::kUint32:
      return IntType{32, false};
    case ConvertedType::kUint64:
      return IntType{64, false};
    case ConvertedType::kInt8:
      return IntType{8, true};
    case ConvertedType::kInt16:
      return IntType{16, true};
    case ConvertedType::kInt32:
      return IntType{32, true};
    case ConvertedType::kInt64:
      return IntType{64, true};
    default:
      return std::nullopt;
  }
}

// A file's DECIMAL must have 1 <= precision <= what the physical type holds and
// 0 <= scale <= precision (BYTE_ARRAY decimals: up to 76 digits, like MySQL's 65 and more).
Status CheckDecimal(const ColumnSpec& spec) {
  if (!spec.logical_type.has_value()) {
    return Status::Ok();
  }
  const auto* decimal = std::get_if<DecimalType>(&*spec.logical_type);
  if (decimal == nullptr) {
    return Status::Ok();
  }
  const int max_precision = MaxDecimalPrecision(spec.physical_type, spec.type_length);
  if (max_precision == 0 && spec.physical_type != PhysicalType::kFixedLenByteArray) {
    return CorruptionError(fmt::format("DECIMAL column '{}' of physical type {}", spec.name,
                                       PhysicalTypeName(spec.physical_type)));
  }
  if (decimal->precision < 1 || decimal->precision > max_precision || decimal->scale < 0 ||
      decimal->scale > decimal->precision) {
    return CorruptionError(fmt::format("DECIMAL column '{}' has precision {} and scale {}",
                                       spec.name, decimal->precision, decimal->scale));
  }
  return Status::Ok();
}

Result<ColumnSpec> LeafSpec(const SchemaElement& element) {
  if (element.num_children.value_or(0) > 0) {
    return UnimplementedError(
        fmt::format("nested column '{}': only flat schemas are read", element.name));
  }
  if (!element.type.has_value() || *element.type < PhysicalType::kBoolean ||
      *element.type > PhysicalType::kFixedLenByteArray) {
    return CorruptionError(
        fmt::format("schema column '{}' has no valid physical type", element.name));
  }
  ColumnSpec spec;
  spec.name = element.name;
  spec.field_id = element.field_id;
  spec.physical_type = *element.type;
  spec.repetition = element.repetition_type.value_or(Repetition::kRequired);
  if (spec.repetition == Repetition::kRepeated) {
    return UnimplementedError(
        fmt::format("repeated column '{}': only flat schemas are read", element.name));
  }
  if (spec.repetition != Repetition::kRequired && spec.repetition != Repetition::kOptional) {
    return CorruptionError(
        fmt::format("schema column '{}' has an invalid repetition", element.name));
  }
  if (spec.physical_type == PhysicalType::kFixedLenByteArray) {
    spec.type_length = element.type_length.value_or(0);
    if (spec.type_length <= 0) {
      return CorruptionError(fmt::format(
          "FIXED_LEN_BYTE_ARRAY column '{}' has no positive type_length", element.name));
    }
  }
  spec.logical_type =
      element.logical_type.has_value() ? element.logical_type : LogicalFromConverted(element);
  spec.converted_type = element.converted_type;
  RETURN_IF_ERROR(CheckDecimal(spec));
  return spec;
}

Result<std::vector<ColumnSpec>> FlatSchema(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) {
    return CorruptionError("the footer has an empty schema");
  }
  const int32_t children = elements.front().num_children.value_or(0);
  if (children < 0 || static_cast<size_t>(children) != elements.size() - 1) {
    // Either a nested schema (groups hold some leaves) or a corrupt count.
    for (size_t i = 1; i < elements.size(); ++i) {
      if (elements[i].num_children.value_or(0) > 0) {
        return UnimplementedError(
            fmt::format("nested column '{}': only flat schemas are read", elements[i].name));
      }
    }
    return CorruptionError(fmt::format("the schema root has {} children but {} elements follow",
                                       children, elements.size() - 1));
  }
  std::vector<ColumnSpec> columns;
  for (size_t i = 1; i < elements.size(); ++i) {
    ASSIGN_OR_RETURN(ColumnSpec spec, LeafSpec(elements[i]));
    columns.push_back(std::move(spec));
  }
  return columns;
}

// The byte range of a column chunk: from its first page (the dictionary page when there is
// one) for total_compressed_size bytes.
struct ChunkRange {
  uint64_t offset = 0;
  uint64_t length = 0;
};

ChunkRange RangeOf(const ColumnMetaData& meta) {
  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset.has_value() && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  return {static_cast<uint64_t>(start), static_cast<uint64_t>(meta.total_compressed_size)};
}

Status CheckChunk(const ColumnChunk& chunk, const ColumnSpec& spec, size_t group,
                  uint64_t data_end) {
  const ColumnMetaData& meta = *chunk.meta_data;
  const std::string where = fmt::format("row group {}, column '{}'", group, spec.name);
  if (meta.type != spec.physical_type) {
    return CorruptionError(fmt::format("{}: chunk type {} differs from the schema's {}", where,
                                       PhysicalTypeName(meta.type),
                                       PhysicalTypeName(spec.physical_type)));
  }
  if (meta.data_page_offset < static_cast<int64_t>(kParquetMagic.size()) ||
      meta.total_compressed_size <= 0 || meta.num_values < 0) {
    return CorruptionError(fmt::format("{}: invalid data_page_offset {}, size {} or {} values",
                                       where, meta.data_page_offset, meta.total_compressed_size,
                                       meta.num_values));
  }
  const ChunkRange range = RangeOf(meta);
  if (range.offset > data_end || range.length > data_end - range.offset) {
    return CorruptionError(
        fmt::format("{}: chunk at offset {} of {} bytes runs past the column "
                    "data, which ends at offset {}",
                    where, range.offset, range.length, data_end));
  }
  return Status::Ok();
}

}  // namespace

class FileReader::Impl {
 public:
  Impl(io::RandomAccessSource* source, ReaderOptions options)
      : source_(source), options_(options) {}

  Status Open() {
    ASSIGN_OR_RETURN(const uint64_t size, source_->Size());
    if (size < 12) {
      return CorruptionError(fmt::format("{} bytes are too few for a Parquet file", size));
    }
    ASSIGN_OR_RETURN(const std::string head, source_->ReadAt(0, kParquetMagic.size()));
    RETURN_IF_ERROR(CheckLeadingMagic(head));
    ASSIGN_OR_RETURN(const std::string tail,
                     source_->ReadAt(size - kFooterTailSize, kFooterTailSize));
    ASSIGN_OR_RETURN(const FooterLocation footer, LocateFooter(size, tail));
    if (footer.metadata_length > options_.max_footer_size) {
      return CorruptionError(fmt::format("footer at offset {} of {} bytes exceeds the limit {}",
                                         footer.metadata_offset, footer.metadata_length,
                                         options_.max_footer_size));
    }
    ASSIGN_OR_RETURN(const std::string bytes,
                     source_->ReadAt(footer.metadata_offset, footer.metadata_length));
    ASSIGN_OR_RETURN(metadata_, DecodeFileMetaData(bytes, footer.metadata_offset));
    ASSIGN_OR_RETURN(schema_, FlatSchema(metadata_.schema));
    data_end_ = footer.metadata_offset;
    return CheckRowGroups();
  }

  const std::vector<ColumnSpec>& schema() const { return schema_; }
  const FileMetaData& metadata() const { return metadata_; }

  Result<std::vector<size_t>> Projection(std::span<const size_t> columns) const {
    std::vector<size_t> projection(columns.begin(), columns.end());
    if (projection.empty()) {
      for (size_t i = 0; i < schema_.size(); ++i) {
        projection.push_back(i);
      }
    }
    std::vector<bool> seen(schema_.size(), false);
    for (const size_t column : projection) {
      if (column >= schema_.size() || seen[column]) {
        return InvalidArgumentError(
            fmt::format("column index {} is out of range or repeated (the file has {} columns)",
                        column, schema_.size()));
      }
      seen[column] = true;
    }
    return projection;
  }

  std::vector<ColumnSpec> ProjectedSchema(const std::vector<size_t>& projection) const {
    std::vector<ColumnSpec> specs;
    for (const size_t column : projection) {
      specs.push_back(schema_[column]);
    }
    return specs;
  }

  // Readers of row group `group`'s chunks for the projected columns.
  Result<std::vector<std::unique_ptr<ColumnChunkReader>>> OpenChunks(
      size_t group, const std::vector<size_t>& projection) {
    std::vector<std::unique_ptr<ColumnChunkReader>> readers;
    for (const size_t column : projection) {
      const ColumnMetaData& meta = *metadata_.row_groups[group].columns[column].meta_data;
      const ChunkRange range = RangeOf(meta);
      ASSIGN_OR_RETURN(std::string bytes, source_->ReadAt(range.offset, range.length));
      readers.push_back(std::make_unique<ColumnChunkReader>(
          schema_[column], meta.codec, std::move(bytes), range.offset, options_, &compressor_));
    }
    return readers;
  }

  Status ReadChunkRows(ColumnChunkReader& reader, size_t group, size_t column, size_t rows,
                       ColumnValues* out) const {
    return reader.Read(rows, out).WithContext(fmt::format(
        "{}: row group {}, column '{}'", source_->Describe(), group, schema_[column].name));
  }

  size_t GroupRows(size_t group) const {
    return static_cast<size_t>(metadata_.row_groups[group].num_rows);
  }

  class Batches;

 private:
  Status CheckRowGroups() const {
    for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
      const RowGroup& group = metadata_.row_groups[g];
      if (group.num_rows < 0 || group.columns.size() != schema_.size()) {
        return CorruptionError(
            fmt::format("row group {}: {} rows, {} column chunks for {} "
                        "columns",
                        g, group.num_rows, group.columns.size(), schema_.size()));
      }
      for (size_t c = 0; c < schema_.size(); ++c) {
        RETURN_IF_ERROR(CheckChunk(group.columns[c], schema_[c], g, data_end_));
      }
    }
    return Status::Ok();
  }

  io::RandomAccessSource* source_;
  ReaderOptions options_;
  Compressor compressor_;
  FileMetaData metadata_;
  std::vector<ColumnSpec> schema_;
  uint64_t data_end_ = 0;
};

// A BatchReader over every row group of a file.
class FileReader::Impl::Batches final : public BatchReader {
 public:
  Batches(Impl* file, std::vector<size_t> projection, size_t batch_rows)
      : file_(file),
        projection_(std::move(projection)),
        specs_(file->ProjectedSchema(projection_)),
        batch_rows_(batch_rows) {}

  Result<bool> Next(RowBatch* batch) override {
    while (rows_left_ == 0) {
      if (next_group_ >= file_->metadata().row_groups.size()) {
        return false;
      }
      group_ = next_group_++;
      ASSIGN_OR_RETURN(readers_, file_->OpenChunks(group_, projection_));
      rows_left_ = file_->GroupRows(group_);
    }
    const size_t rows = std::min(rows_left_, batch_rows_);
    *batch = RowBatch(specs_);
    for (size_t j = 0; j < readers_.size(); ++j) {
      RETURN_IF_ERROR(
          file_->ReadChunkRows(*readers_[j], group_, projection_[j], rows, &batch->column(j)));
    }
    rows_left_ -= rows;
    return true;
  }

 private:
  Impl* file_;
  std::vector<size_t> projection_;
  std::vector<ColumnSpec> specs_;
  size_t batch_rows_;
  size_t next_group_ = 0;
  size_t group_ = 0;
  size_t rows_left_ = 0;
  std::vector<std::unique_ptr<ColumnChunkReader>> readers_;
};

Result<std::unique_ptr<FileReader>> FileReader::Open(io::RandomAccessSource* source,
                                                     ReaderOptions options) {
  auto impl = std::make_unique<Impl>(source, options);
  RETURN_IF_ERROR(impl->Open().WithContext(source->Describe()));
  return std::unique_ptr<FileReader>(new FileReader(std::move(impl)));
}

FileReader::FileReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileReader::~FileReader() = default;

const std::vector<ColumnSpec>& FileReader::schema() const {
  return impl_->schema();
}

const FileMetaData& FileReader::metadata() const {
  return impl_->metadata();
}

int64_t FileReader::num_rows() const {
  return impl_->metadata().num_rows;
}

size_t FileReader::num_row_groups() const {
  return impl_->metadata().row_groups.size();
}

Result<RowBatch> FileReader::ReadRowGroup(size_t index, std::span<const size_t> columns) {
  if (index >= num_row_groups()) {
    return InvalidArgumentError(fmt::format("row group {} of {}", index, num_row_groups()));
  }
  ASSIGN_OR_RETURN(const std::vector<size_t> projection, impl_->Projection(columns));
  ASSIGN_OR_RETURN(auto readers, impl_->OpenChunks(index, projection));
  RowBatch batch(impl_->ProjectedSchema(projection));
  for (size_t j = 0; j < readers.size(); ++j) {
    RETURN_IF_ERROR(impl_->ReadChunkRows(*readers[j], index, projection[j], impl_->GroupRows(index),
                                         &batch.column(j)));
  }
  return batch;
}

Result<std::unique_ptr<BatchReader>> FileReader::ReadBatches(std::span<const size_t> columns,
                                                             size_t batch_rows) {
  if (batch_rows == 0) {
    return InvalidArgumentError("batch_rows must be > 0");
  }
  ASSIGN_OR_RETURN(std::vector<size_t> projection, impl_->Projection(columns));
  return std::unique_ptr<BatchReader>(
      std::make_unique<Impl::Batches>(impl_.get(), std::move(projection), batch_rows));
}

}  // namespace binlake::parquet
