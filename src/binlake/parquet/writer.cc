#include "binlake/parquet/writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "binlake/base/macros.h"
#include "binlake/parquet/column_writer.h"

namespace binlake::parquet {

namespace {

// The row-group size is checked after every kRowGroupCheckRows rows, or sooner once the rows
// since the last check hold kRowGroupCheckBytes of BYTE_ARRAY values (so large blobs cannot pile
// up between checks). Check points depend only on the rows, not on how they were split across
// Write calls, which keeps the output deterministic.
constexpr size_t kRowGroupCheckRows = 1024;
constexpr uint64_t kRowGroupCheckBytes = 1 << 20;

Status BatchColumnError(const ColumnSpec& spec, std::string_view problem) {
  return InvalidArgumentError(fmt::format("parquet column '{}': {}", spec.name, problem));
}

size_t DenseSize(const ColumnValues& values) {
  switch (values.physical_type()) {
    case PhysicalType::kBoolean:
      return values.bools().size();
    case PhysicalType::kInt32:
      return values.int32s().size();
    case PhysicalType::kInt64:
      return values.int64s().size();
    case PhysicalType::kInt96:
      return values.int96s().size();
    case PhysicalType::kFloat:
      return values.floats().size();
    case PhysicalType::kDouble:
      return values.doubles().size();
    case PhysicalType::kByteArray:
      return values.offsets().size() - 1;
    case PhysicalType::kFixedLenByteArray:
      return values.bytes().size() / static_cast<size_t>(values.type_length());
  }
  return 0;
}

bool OffsetsConsistent(const ColumnValues& values) {
  const std::span<const uint64_t> offsets = values.offsets();
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != values.bytes().size()) {
    return false;
  }
  return std::is_sorted(offsets.begin(), offsets.end());
}

Status CheckColumn(const ColumnSpec& spec, const ColumnValues& values, size_t rows) {
  if (values.physical_type() != spec.physical_type || values.optional() != spec.optional() ||
      values.type_length() != spec.type_length) {
    return BatchColumnError(spec, "the batch column's type, optionality or width differs");
  }
  if (values.num_rows() != rows) {
    return BatchColumnError(spec,
                            fmt::format("{} rows where the batch has {}", values.num_rows(), rows));
  }
  if (DenseSize(values) != values.num_values()) {
    return BatchColumnError(spec, "the value count does not match the values held");
  }
  if (spec.physical_type == PhysicalType::kByteArray && !OffsetsConsistent(values)) {
    return BatchColumnError(spec, "byte-array offsets are not ascending within the data");
  }
  if (spec.physical_type == PhysicalType::kFixedLenByteArray &&
      values.bytes().size() != values.num_values() * static_cast<size_t>(spec.type_length)) {
    return BatchColumnError(spec, "fixed-length values are not all type_length bytes");
  }
  if (spec.optional()) {
    const auto present = static_cast<size_t>(std::count_if(
        values.validity().begin(), values.validity().end(), [](uint8_t v) { return v != 0; }));
    if (present != values.num_values()) {
      return BatchColumnError(spec, "validity does not match the value count");
    }
  }
  return Status::Ok();
}

SchemaElement LeafElement(const ColumnSpec& spec) {
  SchemaElement element;
  element.type = spec.physical_type;
  if (spec.physical_type == PhysicalType::kFixedLenByteArray) {
    element.type_length = spec.type_length;
  }
  element.repetition_type = spec.repetition;
  element.name = spec.name;
  element.converted_type = LegacyConvertedType(spec);
  if (spec.logical_type.has_value()) {
    if (const auto* decimal = std::get_if<DecimalType>(&*spec.logical_type)) {
      element.scale = decimal->scale;
      element.precision = decimal->precision;
    }
  }
  element.field_id = spec.field_id;
  element.logical_type = spec.logical_type;
  return element;
}

std::vector<SchemaElement> SchemaElements(const std::vector<ColumnSpec>& schema) {
  std::vector<SchemaElement> elements;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(schema.size());
  elements.push_back(std::move(root));
  for (const ColumnSpec& spec : schema) {
    elements.push_back(LeafElement(spec));
  }
  return elements;
}

Status CheckOptions(const WriterOptions& options) {
  if (options.data_page_size == 0 || options.row_group_size == 0) {
    return InvalidArgumentError("parquet writer: page and row-group sizes must be > 0");
  }
  return Status::Ok();
}

}  // namespace

std::string MakeCreatedBy(std::string_view version, std::string_view build) {
  return fmt::format("binlake version {} (build {})", version, build);
}

class FileWriter::Impl {
 public:
  Impl(std::vector<ColumnSpec> schema, WriterOptions options, io::ByteSink* sink)
      : schema_(std::move(schema)),
        options_(std::move(options)),
        sink_(sink),
        compressor_(options_.compression) {
    for (size_t c = 0; c < schema_.size(); ++c) {
      columns_.push_back(MakeColumnChunkWriter(schema_[c], options_, &compressor_));
      if (schema_[c].physical_type == PhysicalType::kByteArray) {
        byte_array_columns_.push_back(c);
      }
    }
    cursors_.resize(schema_.size());
    probes_.resize(schema_.size());
  }

  Status Start() { return Append(kParquetMagic); }

  Status Write(const RowBatch& batch) {
    RETURN_IF_ERROR(CheckUsable());
    RETURN_IF_ERROR(CheckBatch(batch));
    return Poison(WriteRows(batch));
  }

  Result<FileSummary> Finish() {
    RETURN_IF_ERROR(CheckUsable());
    if (group_rows_ > 0) {
      RETURN_IF_ERROR(Poison(FlushRowGroup()));
    }
    FileMetaData metadata;
    metadata.version = 1;
    metadata.schema = SchemaElements(schema_);
    metadata.num_rows = total_rows_;
    metadata.row_groups = std::move(row_groups_);
    if (!options_.key_value_metadata.empty()) {
      std::vector<KeyValue> pairs;
      for (const auto& [key, value] : options_.key_value_metadata) {
        pairs.push_back(KeyValue{key, value});
      }
      metadata.key_value_metadata = std::move(pairs);
    }
    metadata.created_by = options_.created_by;
    metadata.column_orders = std::vector<ColumnOrder>(schema_.size(), ColumnOrder::kTypeDefined);
    std::string footer;
    AppendFooter(metadata, &footer);
    RETURN_IF_ERROR(Poison(Append(footer)));
    finished_ = true;

    FileSummary summary;
    summary.record_count = total_rows_;
    summary.file_size = bytes_written_;
    for (const auto& column : columns_) {
      summary.columns.push_back(column->Metrics());
    }
    summary.split_offsets = std::move(split_offsets_);
    return summary;
  }

  uint64_t bytes_written() const { return bytes_written_; }

  uint64_t EstimatedFileSize() const {
    uint64_t size = bytes_written_;
    for (const auto& column : columns_) {
      size += column->BufferedCompressedSize();
    }
    return size;
  }

 private:
  Status CheckUsable() const {
    if (finished_) {
      return FailedPreconditionError("parquet writer: the file is already finished");
    }
    if (!failure_.ok()) {
      return FailedPreconditionError("parquet writer: an earlier error stopped it: " +
                                     failure_.ToString());
    }
    return Status::Ok();
  }

  // Records a failure that leaves the file unusable.
  Status Poison(Status status) {
    if (!status.ok()) {
      failure_ = status;
    }
    return status;
  }

  Status CheckBatch(const RowBatch& batch) const {
    if (batch.num_columns() != schema_.size()) {
      return InvalidArgumentError(
          fmt::format("parquet writer: a batch of {} columns for a "
                      "schema of {}",
                      batch.num_columns(), schema_.size()));
    }
    for (size_t c = 0; c < schema_.size(); ++c) {
      RETURN_IF_ERROR(CheckColumn(schema_[c], batch.column(c), batch.num_rows()));
    }
    return Status::Ok();
  }

  Status WriteRows(const RowBatch& batch) {
    std::fill(cursors_.begin(), cursors_.end(), 0);
    const size_t rows = batch.num_rows();
    size_t row = 0;
    while (row < rows) {
      const size_t end =
          NextCheckPoint(batch, row, std::min(rows, row + kRowGroupCheckRows - rows_since_check_));
      for (size_t c = 0; c < columns_.size(); ++c) {
        RETURN_IF_ERROR(columns_[c]->Write(batch.column(c), row, end, &cursors_[c]));
      }
      rows_since_check_ += end - row;
      group_rows_ += end - row;
      row = end;
      if (rows_since_check_ == kRowGroupCheckRows || bytes_since_check_ >= kRowGroupCheckBytes) {
        rows_since_check_ = 0;
        bytes_since_check_ = 0;
        if (BufferedSize() >= options_.row_group_size) {
          RETURN_IF_ERROR(FlushRowGroup());
        }
      }
    }
    return Status::Ok();
  }

  // The row after `row` at which the BYTE_ARRAY values since the last check reach
  // kRowGroupCheckBytes, or `limit`. Reads value sizes from the offsets, starting at the
  // columns' current value cursors.
  size_t NextCheckPoint(const RowBatch& batch, size_t row, size_t limit) {
    if (byte_array_columns_.empty()) {
      return limit;
    }
    for (const size_t c : byte_array_columns_) {
      probes_[c] = cursors_[c];
    }
    while (row < limit && bytes_since_check_ < kRowGroupCheckBytes) {
      for (const size_t c : byte_array_columns_) {
        const ColumnValues& column = batch.column(c);
        if (column.IsValid(row)) {
          const size_t v = probes_[c]++;
          bytes_since_check_ += column.offsets()[v + 1] - column.offsets()[v];
        }
      }
      ++row;
    }
    return row;
  }

  uint64_t BufferedSize() const {
    uint64_t size = 0;
    for (const auto& column : columns_) {
      size += column->BufferedSize();
    }
    return size;
  }

  Status FlushRowGroup() {
    RowGroup group;
    const auto group_offset = static_cast<int64_t>(bytes_written_);
    int64_t uncompressed = 0;
    for (const auto& column : columns_) {
      chunk_bytes_.clear();
      ColumnChunk chunk;
      RETURN_IF_ERROR(
          column->FlushChunk(static_cast<int64_t>(bytes_written_), &chunk_bytes_, &chunk));
      RETURN_IF_ERROR(Append(chunk_bytes_));
      uncompressed += chunk.meta_data->total_uncompressed_size;
      group.columns.push_back(std::move(chunk));
    }
    group.total_byte_size = uncompressed;
    group.num_rows = static_cast<int64_t>(group_rows_);
    group.file_offset = group_offset;
    group.total_compressed_size = static_cast<int64_t>(bytes_written_) - group_offset;
    group.ordinal = static_cast<int16_t>(row_groups_.size());
    row_groups_.push_back(std::move(group));
    split_offsets_.push_back(group_offset);
    total_rows_ += static_cast<int64_t>(group_rows_);
    group_rows_ = 0;
    return Status::Ok();
  }

  Status Append(std::string_view bytes) {
    RETURN_IF_ERROR(sink_->Append(bytes));
    bytes_written_ += bytes.size();
    return Status::Ok();
  }

  const std::vector<ColumnSpec> schema_;
  const WriterOptions options_;
  io::ByteSink* const sink_;
  Compressor compressor_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> columns_;
  std::vector<size_t> cursors_;
  std::vector<size_t> byte_array_columns_;
  std::vector<size_t> probes_;
  std::string chunk_bytes_;

  uint64_t bytes_written_ = 0;
  size_t group_rows_ = 0;
  size_t rows_since_check_ = 0;
  uint64_t bytes_since_check_ = 0;
  int64_t total_rows_ = 0;
  std::vector<RowGroup> row_groups_;
  std::vector<int64_t> split_offsets_;
  bool finished_ = false;
  Status failure_;
};

Result<std::unique_ptr<FileWriter>> FileWriter::Open(std::vector<ColumnSpec> schema,
                                                     WriterOptions options, io::ByteSink* sink) {
  RETURN_IF_ERROR(ValidateSchema(schema));
  RETURN_IF_ERROR(CheckOptions(options));
  auto impl = std::make_unique<Impl>(std::move(schema), std::move(options), sink);
  RETURN_IF_ERROR(impl->Start());
  return std::unique_ptr<FileWriter>(new FileWriter(std::move(impl)));
}

FileWriter::FileWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileWriter::~FileWriter() = default;

Status FileWriter::Write(const RowBatch& batch) {
  return impl_->Write(batch);
}

Result<FileSummary> FileWriter::Finish() {
  return impl_->Finish();
}

uint64_t FileWriter::bytes_written() const {
  return impl_->bytes_written();
}

uint64_t FileWriter::EstimatedFileSize() const {
  return impl_->EstimatedFileSize();
}

}  // namespace binlake::parquet
