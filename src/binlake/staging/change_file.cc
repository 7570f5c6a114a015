#include "binlake/staging/change_file.h"

#include <optional>
#include <utility>
#include <vector>

#include "binlake/base/macros.h"
#include "binlake/parquet/writer.h"
#include "binlake/staging/cell_text.h"
#include "binlake/staging/change_layout.h"
#include "binlake/staging/csv.h"
#include "binlake/staging/gzip_stream.h"

namespace binlake::staging {
namespace {

using parquet::ColumnValues;
using parquet::RowBatch;

// Rows gathered before they go to the Parquet writer or the CSV text.
constexpr size_t kBatchRows = 4096;
// Parquet row groups are cut at this many uncompressed bytes: a full load holds one open row
// group per parallel reader, so 32 MiB keeps four readers well under 256 MiB.
constexpr uint64_t kRowGroupBytes = 32 << 20;

uint64_t BufferedBytes(const RowBatch& batch) {
  uint64_t bytes = 0;
  for (const ColumnValues& column : batch.columns()) {
    bytes += column.bytes().size() + 8 * column.num_values();
  }
  return bytes;
}

// The table's columns and the before-key columns (absent for a keyless table) as Parquet.
struct Converters {
  parquet::RowConverter table;
  std::optional<parquet::RowConverter> key;
};

// Gathers rows in the layout's columns; a format-specific subclass writes each full batch.
class BatchingWriter : public ChangeFileWriter {
 public:
  BatchingWriter(ChangeFileLayout layout, FileKind kind, Converters converters)
      : layout_(std::move(layout)),
        kind_(kind),
        table_converter_(std::move(converters.table)),
        key_converter_(std::move(converters.key)),
        table_rows_(table_converter_.schema()) {
    if (key_converter_) {
      key_rows_ = RowBatch(key_converter_->schema());
    }
    for (size_t i = 0; i < layout_.first_table_column; ++i) {
      own_rows_.columns().emplace_back(layout_.columns[i].spec);
    }
    for (size_t i = layout_.first_meta_column; i < layout_.first_before_column; ++i) {
      own_rows_.columns().emplace_back(layout_.columns[i].spec);
    }
  }

  Status AppendLoadRow(std::span<const mysql::Value> row) override {
    RETURN_IF_ERROR(CheckUsable());
    RETURN_IF_ERROR(table_converter_.AppendRow(row, &table_rows_));
    if (layout_.has_op) {
      own_rows_.column(0).AppendBytes("I");
    }
    const size_t meta = layout_.has_op ? 1 : 0;
    for (size_t i = meta; i < own_rows_.num_columns(); ++i) {
      own_rows_.column(i).AppendNull();  // no change sequence, commit time or transaction
    }
    AppendNullKey();
    ++stats_.inserts;
    return RowAppended();
  }

  Status AppendChange(ChangeOp op, std::span<const mysql::Value> row,
                      const ChangeMeta& meta) override {
    RETURN_IF_ERROR(CheckUsable());
    if (kind_ != FileKind::kCdc) {
      return InvalidArgumentError("AppendChange on a LOAD file");
    }
    if (op == ChangeOp::kUpdate && meta.before_key.size() != layout_.num_key_columns()) {
      return InvalidArgumentError("an update with " + std::to_string(meta.before_key.size()) +
                                  " before-key values for " +
                                  std::to_string(layout_.num_key_columns()) + " key columns");
    }
    RETURN_IF_ERROR(table_converter_.AppendRow(row, &table_rows_));
    if (op == ChangeOp::kUpdate && key_converter_) {
      const Status status = key_converter_->AppendRow(meta.before_key, &key_rows_);
      if (!status.ok()) {
        failed_ = true;  // the table columns already hold the row
        return status.WithContext("before key");
      }
    } else {
      AppendNullKey();
    }
    const char op_text = static_cast<char>(op);
    own_rows_.column(0).AppendBytes(std::string_view(&op_text, 1));
    own_rows_.column(1).AppendInt64(meta.change_seq);
    own_rows_.column(2).AppendInt64(meta.commit_micros);
    own_rows_.column(3).AppendBytes(meta.txn_id);
    CountOp(op);
    return RowAppended();
  }

  uint64_t EstimatedBytes() const override {
    return OutputBytes() + BufferedBytes(table_rows_) + BufferedBytes(own_rows_) +
           BufferedBytes(key_rows_);
  }

  Result<ChangeFileStats> Finish() override {
    RETURN_IF_ERROR(CheckUsable());
    RETURN_IF_ERROR(Flush());
    failed_ = true;  // nothing may follow
    ASSIGN_OR_RETURN(stats_.bytes, FinishOutput());
    return stats_;
  }

 protected:
  const ChangeFileLayout& layout() const { return layout_; }

  // Writes every row of `batch` (all columns, in layout order).
  virtual Status WriteBatch(const RowBatch& batch) = 0;
  virtual uint64_t OutputBytes() const = 0;
  // Completes the file and returns its size.
  virtual Result<uint64_t> FinishOutput() = 0;

 private:
  Status CheckUsable() const {
    return failed_ ? FailedPreconditionError("change file writer used after Finish or an error")
                   : Status::Ok();
  }

  void AppendNullKey() {
    for (ColumnValues& column : key_rows_.columns()) {
      column.AppendNull();
    }
  }

  void CountOp(ChangeOp op) {
    switch (op) {
      case ChangeOp::kInsert:
        ++stats_.inserts;
        break;
      case ChangeOp::kUpdate:
        ++stats_.updates;
        break;
      case ChangeOp::kDelete:
        ++stats_.deletes;
        break;
    }
  }

  Status RowAppended() {
    ++stats_.rows;
    return table_rows_.num_rows() >= kBatchRows ? Flush() : Status::Ok();
  }

  // Moves the column groups into one batch in layout order, writes it, and moves them back.
  Status Flush() {
    if (table_rows_.num_rows() == 0) {
      return Status::Ok();
    }
    RowBatch batch;
    const size_t meta = layout_.has_op ? 1 : 0;
    auto& own = own_rows_.columns();
    for (size_t i = 0; i < meta; ++i) {
      batch.columns().push_back(std::move(own[i]));
    }
    for (ColumnValues& column : table_rows_.columns()) {
      batch.columns().push_back(std::move(column));
    }
    for (size_t i = meta; i < own.size(); ++i) {
      batch.columns().push_back(std::move(own[i]));
    }
    for (ColumnValues& column : key_rows_.columns()) {
      batch.columns().push_back(std::move(column));
    }
    const Status status = WriteBatch(batch);
    size_t next = 0;
    for (size_t i = 0; i < meta; ++i) {
      own[i] = std::move(batch.column(next++));
    }
    for (ColumnValues& column : table_rows_.columns()) {
      column = std::move(batch.column(next++));
    }
    for (size_t i = meta; i < own.size(); ++i) {
      own[i] = std::move(batch.column(next++));
    }
    for (ColumnValues& column : key_rows_.columns()) {
      column = std::move(batch.column(next++));
    }
    table_rows_.Clear();
    own_rows_.Clear();
    key_rows_.Clear();
    if (!status.ok()) {
      failed_ = true;
    }
    return status;
  }

  ChangeFileLayout layout_;
  FileKind kind_;
  parquet::RowConverter table_converter_;
  std::optional<parquet::RowConverter> key_converter_;
  RowBatch table_rows_;
  RowBatch key_rows_;
  // Op (when present), then _binlake_change_seq, _binlake_commit_ts, _binlake_txn.
  RowBatch own_rows_;
  ChangeFileStats stats_;
  bool failed_ = false;
};

parquet::Codec CodecFor(FileCompression compression) {
  switch (compression) {
    case FileCompression::kAuto:
    case FileCompression::kZstd:
      return parquet::Codec::kZstd;
    case FileCompression::kSnappy:
      return parquet::Codec::kSnappy;
    case FileCompression::kGzip:
      return parquet::Codec::kGzip;
    case FileCompression::kNone:
      return parquet::Codec::kUncompressed;
  }
  return parquet::Codec::kZstd;
}

class ParquetChangeWriter final : public BatchingWriter {
 public:
  ParquetChangeWriter(ChangeFileLayout layout, FileKind kind, Converters converters,
                      std::unique_ptr<parquet::FileWriter> writer)
      : BatchingWriter(std::move(layout), kind, std::move(converters)),
        writer_(std::move(writer)) {}

 private:
  Status WriteBatch(const RowBatch& batch) override { return writer_->Write(batch); }
  uint64_t OutputBytes() const override { return writer_->EstimatedFileSize(); }
  Result<uint64_t> FinishOutput() override {
    ASSIGN_OR_RETURN(parquet::FileSummary summary, writer_->Finish());
    return summary.file_size;
  }

  std::unique_ptr<parquet::FileWriter> writer_;
};

class CsvChangeWriter final : public BatchingWriter {
 public:
  CsvChangeWriter(ChangeFileLayout layout, FileKind kind, Converters converters, io::ByteSink* sink,
                  std::unique_ptr<GzipCompressor> gzip)
      : BatchingWriter(std::move(layout), kind, std::move(converters)),
        sink_(sink),
        gzip_(std::move(gzip)) {}

 private:
  Status WriteBatch(const RowBatch& batch) override {
    text_.clear();
    RETURN_IF_ERROR(AppendCsvRows(layout(), batch, &text_));
    return Emit(text_);
  }
  uint64_t OutputBytes() const override { return bytes_written_; }
  Result<uint64_t> FinishOutput() override {
    if (gzip_ != nullptr) {
      compressed_.clear();
      RETURN_IF_ERROR(gzip_->Finish(&compressed_));
      RETURN_IF_ERROR(Append(compressed_));
    }
    return bytes_written_;
  }

  Status Emit(std::string_view text) {
    if (gzip_ == nullptr) {
      return Append(text);
    }
    compressed_.clear();
    RETURN_IF_ERROR(gzip_->Append(text, &compressed_));
    return Append(compressed_);
  }
  Status Append(std::string_view bytes) {
    RETURN_IF_ERROR(sink_->Append(bytes));
    bytes_written_ += bytes.size();
    return Status::Ok();
  }

  io::ByteSink* sink_;
  std::unique_ptr<GzipCompressor> gzip_;
  std::string text_;
  std::string compressed_;
  uint64_t bytes_written_ = 0;
};

std::vector<int32_t> FieldIds(const ChangeFileLayout& layout, size_t begin, size_t end) {
  std::vector<int32_t> ids;
  for (size_t i = begin; i < end; ++i) {
    ids.push_back(layout.columns[i].spec.field_id.value_or(0));
  }
  return ids;
}

Result<Converters> MakeConverters(const mysql::TableSchema& table, const ChangeFileLayout& layout,
                                  const StagingFileOptions& options) {
  ASSIGN_OR_RETURN(parquet::RowConverter table_converter,
                   parquet::RowConverter::Make(
                       table, FieldIds(layout, layout.first_table_column, layout.first_meta_column),
                       options.parquet_types));
  Converters converters{std::move(table_converter), std::nullopt};
  if (layout.num_key_columns() > 0) {
    ASSIGN_OR_RETURN(converters.key,
                     parquet::RowConverter::Make(
                         layout.before_key_table,
                         FieldIds(layout, layout.first_before_column, layout.columns.size()),
                         options.parquet_types));
  }
  return converters;
}

}  // namespace

Result<std::unique_ptr<ChangeFileWriter>> ChangeFileWriter::Make(const mysql::TableSchema& table,
                                                                 FileKind kind,
                                                                 const StagingFileOptions& options,
                                                                 io::ByteSink* sink) {
  ASSIGN_OR_RETURN(ChangeFileLayout layout, MakeChangeFileLayout(table, kind, options));
  ASSIGN_OR_RETURN(Converters converters, MakeConverters(table, layout, options));
  if (options.format == FileFormat::kCsv) {
    if (options.compression != FileCompression::kAuto &&
        options.compression != FileCompression::kNone &&
        options.compression != FileCompression::kGzip) {
      return InvalidArgumentError("CSV change files are uncompressed or gzip");
    }
    std::unique_ptr<GzipCompressor> gzip;
    if (options.compression == FileCompression::kGzip) {
      ASSIGN_OR_RETURN(gzip, GzipCompressor::Make(parquet::CompressorOptions{}.gzip_level));
    }
    return std::unique_ptr<ChangeFileWriter>(
        new CsvChangeWriter(std::move(layout), kind, std::move(converters), sink, std::move(gzip)));
  }
  parquet::WriterOptions writer_options;
  writer_options.codec = CodecFor(options.compression);
  writer_options.row_group_size = kRowGroupBytes;
  // Staging files are transient: level 1 writes sysbench rows 25 % faster than the Iceberg
  // files' level 2, at the same size (docs/benchmarks.md, full load).
  writer_options.compression.zstd_level = 1;
  ASSIGN_OR_RETURN(auto writer, parquet::FileWriter::Open(layout.Schema(), writer_options, sink));
  return std::unique_ptr<ChangeFileWriter>(
      new ParquetChangeWriter(std::move(layout), kind, std::move(converters), std::move(writer)));
}

}  // namespace binlake::staging
