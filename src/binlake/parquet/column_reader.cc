#include "binlake/parquet/column_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/parquet/byte_stream_split.h"
#include "binlake/parquet/delta_encoding.h"
#include "binlake/parquet/dictionary.h"
#include "binlake/parquet/plain_encoding.h"

namespace binlake::parquet {

namespace {

// A page may hold more values than 8 per byte of its data only through RLE runs; this many
// are accepted regardless, which covers all-null pages of common writers.
constexpr uint64_t kMaxValuesWithoutData = uint64_t{1} << 20;

template <typename T>
void AppendSlice(std::span<const T> from, size_t begin, size_t count, std::vector<T>* to) {
  to->insert(to->end(), from.begin() + static_cast<ptrdiff_t>(begin),
             from.begin() + static_cast<ptrdiff_t>(begin + count));
}

// Appends dense values [begin, begin + count) of `from` to `to` (same physical type).
void AppendValueSlice(const ColumnValues& from, size_t begin, size_t count, ColumnValues* to) {
  switch (from.physical_type()) {
    case PhysicalType::kBoolean:
      AppendSlice(from.bools(), begin, count, &to->mutable_bools());
      break;
    case PhysicalType::kInt32:
      AppendSlice(from.int32s(), begin, count, &to->mutable_int32s());
      break;
    case PhysicalType::kInt64:
      AppendSlice(from.int64s(), begin, count, &to->mutable_int64s());
      break;
    case PhysicalType::kInt96:
      AppendSlice(from.int96s(), begin, count, &to->mutable_int96s());
      break;
    case PhysicalType::kFloat:
      AppendSlice(from.floats(), begin, count, &to->mutable_floats());
      break;
    case PhysicalType::kDouble:
      AppendSlice(from.doubles(), begin, count, &to->mutable_doubles());
      break;
    case PhysicalType::kByteArray:
      for (size_t i = begin; i < begin + count; ++i) {
        to->mutable_bytes().append(from.BytesValue(i));
        to->mutable_offsets().push_back(to->mutable_bytes().size());
      }
      break;
    case PhysicalType::kFixedLenByteArray: {
      const auto width = static_cast<size_t>(from.type_length());
      to->mutable_bytes().append(from.bytes().substr(begin * width, count * width));
      break;
    }
  }
}

bool IsInteger(PhysicalType type) {
  return type == PhysicalType::kInt32 || type == PhysicalType::kInt64;
}

}  // namespace

ColumnChunkReader::ColumnChunkReader(const ColumnSpec& spec, Codec codec, std::string chunk,
                                     uint64_t chunk_offset, const ReaderOptions& options,
                                     Compressor* compressor)
    : spec_(spec),
      codec_(codec),
      options_(options),
      compressor_(compressor),
      chunk_(std::move(chunk)),
      pages_(std::string_view(chunk_), chunk_offset),
      dictionary_(spec.physical_type, false, spec.type_length),
      materialized_(spec.physical_type, false, spec.type_length) {}

Status ColumnChunkReader::Read(size_t rows, ColumnValues* out) {
  while (rows > 0) {
    if (page_rows_left_ == 0) {
      RETURN_IF_ERROR(NextPage());
      continue;
    }
    const size_t n = std::min(rows, page_rows_left_);
    size_t present = n;
    if (spec_.optional()) {
      const auto begin = levels_.begin() + static_cast<ptrdiff_t>(level_pos_);
      out->mutable_validity().insert(out->mutable_validity().end(), begin,
                                     begin + static_cast<ptrdiff_t>(n));
      present = static_cast<size_t>(std::count(begin, begin + static_cast<ptrdiff_t>(n), 1));
    }
    RETURN_IF_ERROR(
        ReadValues(present, out).WithContext(fmt::format("page at offset {}", page_offset_)));
    out->SetNumValues(out->num_values() + present);
    level_pos_ += n;
    page_rows_left_ -= n;
    rows -= n;
    rows_read_ += n;
  }
  return Status::Ok();
}

Status ColumnChunkReader::NextPage() {
  while (true) {
    if (pages_.AtEnd()) {
      return CorruptionError(
          fmt::format("the column chunk ends at offset {} after {} rows, "
                      "before the row group's last row",
                      pages_.offset(), rows_read_));
    }
    page_offset_ = pages_.offset();
    ASSIGN_OR_RETURN(const PageHeader header, DecodePageHeader(pages_));
    const auto limit = options_.max_page_size;
    if (static_cast<uint64_t>(header.compressed_page_size) > limit ||
        static_cast<uint64_t>(header.uncompressed_page_size) > limit) {
      return CorruptionError(fmt::format("page at offset {}: size {} / {} exceeds the limit {}",
                                         page_offset_, header.compressed_page_size,
                                         header.uncompressed_page_size, limit));
    }
    ASSIGN_OR_RETURN(
        const std::string_view payload,
        pages_.ReadBytes(static_cast<size_t>(header.compressed_page_size), "page data"));
    Status status;
    switch (header.type) {
      case PageType::kDictionaryPage:
        status = LoadDictionary(header, payload);
        break;
      case PageType::kDataPage:
        return LoadDataPageV1(header, payload)
            .WithContext(fmt::format("page at offset {}", page_offset_));
      case PageType::kDataPageV2:
        return LoadDataPageV2(header, payload)
            .WithContext(fmt::format("page at offset {}", page_offset_));
      default:
        break;  // index pages and unknown page types carry no values
    }
    RETURN_IF_ERROR(status.WithContext(fmt::format("page at offset {}", page_offset_)));
  }
}

Status ColumnChunkReader::Decompress(std::string_view payload, int32_t uncompressed_size) {
  page_.clear();
  return compressor_->Decompress(codec_, payload, static_cast<size_t>(uncompressed_size), &page_);
}

Status ColumnChunkReader::LoadDictionary(const PageHeader& header, std::string_view payload) {
  const DictionaryPageHeader& dictionary = *header.dictionary_page_header;
  if (has_dictionary_) {
    return CorruptionError("a second dictionary page in one column chunk");
  }
  if (dictionary.encoding != Encoding::kPlain &&
      dictionary.encoding != Encoding::kPlainDictionary) {
    return CorruptionError(
        fmt::format("dictionary page encoding {}", EncodingName(dictionary.encoding)));
  }
  if (dictionary.num_values < 0) {
    return CorruptionError(fmt::format("dictionary of {} values", dictionary.num_values));
  }
  RETURN_IF_ERROR(Decompress(payload, header.uncompressed_page_size));
  ByteReader values(std::string_view(page_), 0);
  RETURN_IF_ERROR(DecodePlain(values, static_cast<size_t>(dictionary.num_values), &dictionary_));
  dictionary_.SetNumValues(static_cast<size_t>(dictionary.num_values));
  has_dictionary_ = true;
  return Status::Ok();
}

Status ColumnChunkReader::CheckPageValues(int32_t num_values, int32_t uncompressed_size) {
  const uint64_t bound =
      std::max(kMaxValuesWithoutData, static_cast<uint64_t>(uncompressed_size) * 8);
  if (num_values < 0 || static_cast<uint64_t>(num_values) > bound) {
    return CorruptionError(
        fmt::format("{} values in a page of {} bytes", num_values, uncompressed_size));
  }
  return Status::Ok();
}

Status ColumnChunkReader::DecodeLevels(ByteReader levels, size_t count) {
  levels_.resize(count);
  level_pos_ = 0;
  page_rows_left_ = count;
  if (!spec_.optional()) {
    return Status::Ok();
  }
  RleBitPackedDecoder decoder(levels, 1);
  return decoder.Get(levels_.data(), count);
}

Status ColumnChunkReader::LoadDataPageV1(const PageHeader& header, std::string_view payload) {
  const DataPageHeader& data = *header.data_page_header;
  RETURN_IF_ERROR(CheckPageValues(data.num_values, header.uncompressed_page_size));
  RETURN_IF_ERROR(Decompress(payload, header.uncompressed_page_size));
  ByteReader body(std::string_view(page_), 0);
  const auto count = static_cast<size_t>(data.num_values);
  if (!spec_.optional()) {
    RETURN_IF_ERROR(DecodeLevels(ByteReader(), count));
  } else if (data.definition_level_encoding == Encoding::kRle) {
    ASSIGN_OR_RETURN(const uint32_t length, body.ReadU32Le("definition levels length"));
    ASSIGN_OR_RETURN(ByteReader levels, body.SubReader(length, "definition levels"));
    RETURN_IF_ERROR(DecodeLevels(levels, count));
  } else if (data.definition_level_encoding == Encoding::kBitPacked) {
    levels_.resize(count);
    RETURN_IF_ERROR(DecodeLegacyBitPacked(body, 1, levels_.data(), count));
    level_pos_ = 0;
    page_rows_left_ = count;
  } else {
    return CorruptionError(
        fmt::format("definition level encoding {}", EncodingName(data.definition_level_encoding)));
  }
  return StartValues(data.encoding, ByteReader(body.Rest(), body.offset()));
}

Status ColumnChunkReader::LoadDataPageV2(const PageHeader& header, std::string_view payload) {
  const DataPageHeaderV2& data = *header.data_page_header_v2;
  RETURN_IF_ERROR(CheckPageValues(data.num_values, header.uncompressed_page_size));
  const int64_t levels_size =
      int64_t{data.definition_levels_byte_length} + data.repetition_levels_byte_length;
  if (data.definition_levels_byte_length < 0 || data.repetition_levels_byte_length < 0 ||
      levels_size > header.compressed_page_size || levels_size > header.uncompressed_page_size) {
    return CorruptionError(fmt::format("level lengths {} + {} do not fit the page",
                                       data.repetition_levels_byte_length,
                                       data.definition_levels_byte_length));
  }
  const auto rep_size = static_cast<size_t>(data.repetition_levels_byte_length);
  const auto def_size = static_cast<size_t>(data.definition_levels_byte_length);
  const std::string_view values = payload.substr(rep_size + def_size);
  const auto values_size = static_cast<int32_t>(header.uncompressed_page_size - levels_size);
  // page_ = definition levels followed by the uncompressed values.
  if (data.compressed()) {
    RETURN_IF_ERROR(Decompress(values, values_size));
  } else {
    if (values.size() != static_cast<size_t>(values_size)) {
      return CorruptionError("an uncompressed v2 page whose sizes disagree");
    }
    page_.assign(values);
  }
  page_.insert(0, payload.substr(rep_size, def_size));
  ByteReader body(std::string_view(page_), 0);
  ASSIGN_OR_RETURN(ByteReader levels, body.SubReader(def_size, "definition levels"));
  RETURN_IF_ERROR(DecodeLevels(levels, static_cast<size_t>(data.num_values)));
  return StartValues(data.encoding, ByteReader(body.Rest(), body.offset()));
}

Status ColumnChunkReader::StartValues(Encoding encoding, ByteReader values) {
  const auto present = static_cast<size_t>(std::count(levels_.begin(), levels_.end(), 1));
  const size_t count = spec_.optional() ? present : levels_.size();
  const PhysicalType type = spec_.physical_type;
  values_ = values;
  materialized_.Clear();
  materialized_pos_ = 0;
  switch (encoding) {
    case Encoding::kPlain:
      if (type == PhysicalType::kBoolean) {
        // Bit-packed: later reads would start mid-byte, so decode the page at once.
        mode_ = ValueMode::kMaterialized;
        return DecodePlain(values_, count, &materialized_);
      }
      mode_ = ValueMode::kPlain;
      return Status::Ok();
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!has_dictionary_) {
        return CorruptionError("a dictionary-encoded page without a dictionary page");
      }
      mode_ = ValueMode::kDictionary;
      if (count == 0) {
        return Status::Ok();
      }
      ASSIGN_OR_RETURN(const uint8_t bit_width, values_.ReadU8("dictionary index bit width"));
      indices_ = RleBitPackedDecoder(ByteReader(values_.Rest(), values_.offset()), bit_width);
      return Status::Ok();
    }
    case Encoding::kRle: {
      if (type != PhysicalType::kBoolean) {
        break;
      }
      mode_ = ValueMode::kRleBooleans;
      ASSIGN_OR_RETURN(const uint32_t length, values_.ReadU32Le("RLE booleans length"));
      ASSIGN_OR_RETURN(ByteReader data, values_.SubReader(length, "RLE booleans"));
      indices_ = RleBitPackedDecoder(data, 1);
      return Status::Ok();
    }
    case Encoding::kDeltaBinaryPacked:
      if (!IsInteger(type)) {
        break;
      }
      mode_ = ValueMode::kMaterialized;
      return DecodeDeltaIntegers(values_, count, &materialized_);
    case Encoding::kDeltaLengthByteArray:
      if (type != PhysicalType::kByteArray) {
        break;
      }
      mode_ = ValueMode::kMaterialized;
      return DecodeDeltaLengthByteArray(values_, count, &materialized_);
    case Encoding::kDeltaByteArray:
      if (type != PhysicalType::kByteArray && type != PhysicalType::kFixedLenByteArray) {
        break;
      }
      mode_ = ValueMode::kMaterialized;
      return DecodeDeltaByteArray(values_, count, options_.max_page_size, &materialized_);
    case Encoding::kByteStreamSplit:
      mode_ = ValueMode::kMaterialized;
      return DecodeByteStreamSplit(values_, count, &materialized_);
    default:
      return UnimplementedError(fmt::format("value encoding {}", EncodingName(encoding)));
  }
  return CorruptionError(fmt::format("value encoding {} for physical type {}",
                                     EncodingName(encoding), PhysicalTypeName(type)));
}

Status ColumnChunkReader::ReadValues(size_t count, ColumnValues* out) {
  switch (mode_) {
    case ValueMode::kPlain:
      return DecodePlain(values_, count, out);
    case ValueMode::kDictionary: {
      index_scratch_.resize(count);
      const uint64_t offset = indices_.offset();
      RETURN_IF_ERROR(indices_.Get(index_scratch_.data(), count));
      return AppendDictionaryValues(dictionary_, index_scratch_, offset, out);
    }
    case ValueMode::kRleBooleans: {
      std::vector<uint8_t>& bools = out->mutable_bools();
      const size_t start = bools.size();
      bools.resize(start + count);
      return indices_.Get(bools.data() + start, count);
    }
    case ValueMode::kMaterialized:
      AppendValueSlice(materialized_, materialized_pos_, count, out);
      materialized_pos_ += count;
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace binlake::parquet
