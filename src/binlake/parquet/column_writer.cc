#include "binlake/parquet/column_writer.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <variant>
#include <vector>

#include "binlake/base/byte_writer.h"
#include "binlake/base/macros.h"
#include "binlake/parquet/dictionary.h"
#include "binlake/parquet/iceberg_bounds.h"
#include "binlake/parquet/plain_encoding.h"
#include "binlake/parquet/rle_bit_packed.h"

namespace binlake::parquet {

namespace {

// The sort order of a column's statistics (parquet.thrift ColumnOrder TYPE_ORDER).
enum class Order {
  kSigned,       // signed integers (and booleans, false < true)
  kUnsigned,     // INT32/INT64 annotated as unsigned INT
  kFloat,        // IEEE-754, NaN excluded
  kBytes,        // unsigned byte-wise (BYTE_ARRAY, FLBA)
  kSignedBytes,  // big-endian two's complement (FLBA decimals)
};

template <PhysicalType P>
struct Traits;

template <>
struct Traits<PhysicalType::kBoolean> {
  using Value = uint8_t;
  using Stored = uint8_t;
  using Dictionary = DictionaryBuilder<int32_t>;  // unused: booleans are always PLAIN
  static constexpr bool kDictionary = false;
  static Value Get(const ColumnValues& c, size_t i) { return c.bools()[i]; }
  static std::span<const Value> All(const ColumnValues& c) { return c.bools(); }
};

template <typename T, PhysicalType P>
struct FixedTraits {
  using Value = T;
  using Stored = T;
  using Dictionary = DictionaryBuilder<T>;
  static constexpr bool kDictionary = true;
  static Value Get(const ColumnValues& c, size_t i) { return All(c)[i]; }
  static std::span<const Value> All(const ColumnValues& c) {
    if constexpr (P == PhysicalType::kInt32) {
      return c.int32s();
    } else if constexpr (P == PhysicalType::kInt64) {
      return c.int64s();
    } else if constexpr (P == PhysicalType::kFloat) {
      return c.floats();
    } else {
      return c.doubles();
    }
  }
};

template <>
struct Traits<PhysicalType::kInt32> : FixedTraits<int32_t, PhysicalType::kInt32> {};
template <>
struct Traits<PhysicalType::kInt64> : FixedTraits<int64_t, PhysicalType::kInt64> {};
template <>
struct Traits<PhysicalType::kFloat> : FixedTraits<float, PhysicalType::kFloat> {};
template <>
struct Traits<PhysicalType::kDouble> : FixedTraits<double, PhysicalType::kDouble> {};

struct BytesTraits {
  using Value = std::string_view;
  using Stored = std::string;
  using Dictionary = ByteArrayDictionary;
  static constexpr bool kDictionary = true;
  static Value Get(const ColumnValues& c, size_t i) { return c.BytesValue(i); }
};

template <>
struct Traits<PhysicalType::kByteArray> : BytesTraits {};
template <>
struct Traits<PhysicalType::kFixedLenByteArray> : BytesTraits {};

template <Order O, typename V>
bool Less(const V& a, const V& b) {
  if constexpr (O == Order::kUnsigned) {
    using U = std::make_unsigned_t<V>;
    return static_cast<U>(a) < static_cast<U>(b);
  } else if constexpr (O == Order::kSignedBytes) {
    const std::string_view x(a);
    const std::string_view y(b);
    if (x.empty() || y.empty()) {
      return x.size() < y.size();
    }
    const auto sign_x = static_cast<int8_t>(x[0]);
    const auto sign_y = static_cast<int8_t>(y[0]);
    if (sign_x != sign_y) {
      return sign_x < sign_y;
    }
    return x.substr(1) < y.substr(1);
  } else if constexpr (O == Order::kBytes) {
    return std::string_view(a) < std::string_view(b);
  } else {
    return a < b;
  }
}

// The smallest and largest value seen (NaN never enters).
template <typename Stored, Order O>
struct Bounds {
  bool has = false;
  Stored min{};
  Stored max{};

  template <typename V>
  void Update(const V& value) {
    if (!has) {
      min = Stored(value);
      max = Stored(value);
      has = true;
    } else if (Less<O>(Compared(value), Compared(min))) {
      min = Stored(value);
    } else if (Less<O>(Compared(max), Compared(value))) {
      max = Stored(value);
    }
  }
  void Merge(const Bounds& other) {
    if (other.has) {
      Update(other.min);
      Update(other.max);
    }
  }
  void Reset() { has = false; }

 private:
  // Strings compare as views; numbers as themselves.
  template <typename V>
  static auto Compared(const V& value) {
    if constexpr (std::is_same_v<Stored, std::string>) {
      return std::string_view(value);
    } else {
      return static_cast<Stored>(value);
    }
  }
};

// The PLAIN bytes of a statistics value (no length prefix).
template <typename Stored>
std::string StatBytes(const Stored& value) {
  if constexpr (std::is_same_v<Stored, std::string>) {
    return value;
  } else if constexpr (sizeof(Stored) == 1) {
    return std::string(1, static_cast<char>(value));
  } else {
    std::string out;
    AppendPlainFixed<Stored>(std::span<const Stored>(&value, 1), &out);
    return out;
  }
}

// The format's rule for zeros: a min of +-0 is written -0.0, a max of +-0 is written +0.0.
template <typename Stored>
Stored ZeroSigned(Stored value, bool is_min) {
  if constexpr (std::is_floating_point_v<Stored>) {
    if (value == 0) {
      return is_min ? -Stored{0} : Stored{0};
    }
  }
  return value;
}

bool IsUtf8Logical(const ColumnSpec& spec) {
  if (!spec.logical_type.has_value()) {
    return false;
  }
  return std::holds_alternative<StringType>(*spec.logical_type) ||
         std::holds_alternative<JsonType>(*spec.logical_type) ||
         std::holds_alternative<EnumType>(*spec.logical_type);
}

template <typename T>
bool HoldsLogical(const ColumnSpec& spec) {
  return spec.logical_type.has_value() && std::holds_alternative<T>(*spec.logical_type);
}

bool IsUnsignedInt(const ColumnSpec& spec) {
  return HoldsLogical<IntType>(spec) && !std::get<IntType>(*spec.logical_type).is_signed;
}

void AppendLeBytes(uint64_t value, size_t width, std::string* out) {
  for (size_t i = 0; i < width; ++i) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(value >> (8 * i))));
  }
}

template <PhysicalType P, Order O>
class TypedColumnWriter final : public ColumnChunkWriter {
  using T = Traits<P>;
  using Value = typename T::Value;
  using Stored = typename T::Stored;
  using ValueBounds = Bounds<Stored, O>;

 public:
  TypedColumnWriter(const ColumnSpec& spec, const WriterOptions& options, Compressor* compressor)
      : spec_(spec),
        codec_(options.codec),
        page_size_(options.data_page_size),
        compressor_(compressor),
        dictionary_enabled_(T::kDictionary && options.dictionary),
        dict_mode_(dictionary_enabled_),
        dictionary_(MakeDictionary(options.dictionary_page_limit)) {}

  Status Write(const ColumnValues& values, size_t row_begin, size_t row_end,
               size_t* value_cursor) override {
    const uint8_t* validity = spec_.optional() ? values.validity().data() : nullptr;
    size_t v = *value_cursor;
    for (size_t row = row_begin; row < row_end; ++row) {
      if (validity != nullptr && validity[row] == 0) {
        levels_.push_back(0);
        ++page_nulls_;
      } else {
        RETURN_IF_ERROR(AddValue(T::Get(values, v++)));
        if (validity != nullptr) {
          levels_.push_back(1);
        }
      }
      ++page_rows_;
      if (PageEstimate() >= page_size_) {
        RETURN_IF_ERROR(FlushPage());
      }
    }
    *value_cursor = v;
    return Status::Ok();
  }

  uint64_t BufferedSize() const override {
    return static_cast<uint64_t>(chunk_uncompressed_) + PageEstimate() + DictionarySize();
  }
  uint64_t BufferedCompressedSize() const override {
    return static_cast<uint64_t>(chunk_compressed_) + PageEstimate() + DictionarySize();
  }

  Status FlushChunk(int64_t file_offset, std::string* out, ColumnChunk* chunk) override {
    RETURN_IF_ERROR(FlushPage());
    ColumnMetaData meta;
    meta.type = P;
    meta.path_in_schema = {spec_.name};
    meta.codec = codec_;
    meta.num_values = chunk_rows_;
    int64_t offset = file_offset;
    std::vector<PageEncodingStats> encoding_stats;
    if (dict_pages_ > 0) {
      ASSIGN_OR_RETURN(const int64_t dictionary_bytes, AppendDictionaryPage(out));
      meta.dictionary_page_offset = file_offset;
      offset += dictionary_bytes;
      encoding_stats.push_back({PageType::kDictionaryPage, Encoding::kPlain, 1});
    }
    meta.data_page_offset = offset;
    out->append(pages_);
    meta.total_uncompressed_size = chunk_uncompressed_;
    meta.total_compressed_size = chunk_compressed_;
    meta.encodings.push_back(Encoding::kPlain);
    meta.encodings.push_back(Encoding::kRle);
    if (dict_pages_ > 0) {
      meta.encodings.push_back(Encoding::kRleDictionary);
      encoding_stats.push_back({PageType::kDataPage, Encoding::kRleDictionary, dict_pages_});
    }
    if (plain_pages_ > 0) {
      encoding_stats.push_back({PageType::kDataPage, Encoding::kPlain, plain_pages_});
    }
    meta.statistics = MakeStatistics(chunk_bounds_, chunk_nulls_);
    meta.encoding_stats = std::move(encoding_stats);
    chunk->file_offset = 0;
    chunk->meta_data = std::move(meta);

    file_bounds_.Merge(chunk_bounds_);
    file_rows_ += chunk_rows_;
    file_nulls_ += chunk_nulls_;
    file_nans_ += chunk_nans_;
    file_size_ += chunk_compressed_;
    ResetChunk();
    return Status::Ok();
  }

  ColumnMetrics Metrics() const override {
    ColumnMetrics metrics;
    metrics.field_id = spec_.field_id.value_or(0);
    metrics.column_size = file_size_;
    metrics.value_count = file_rows_;
    metrics.null_value_count = file_nulls_;
    if constexpr (O == Order::kFloat) {
      metrics.nan_value_count = file_nans_;
    }
    if (file_bounds_.has) {
      metrics.lower_bound = IcebergBound(ZeroSigned(file_bounds_.min, true), true);
      metrics.upper_bound = IcebergBound(ZeroSigned(file_bounds_.max, false), false);
      if (!metrics.lower_bound.has_value() || !metrics.upper_bound.has_value()) {
        metrics.lower_bound.reset();
        metrics.upper_bound.reset();
      }
    }
    return metrics;
  }

 private:
  using Dictionary = typename T::Dictionary;

  Dictionary MakeDictionary(uint64_t limit) const {
    if constexpr (std::is_same_v<Dictionary, ByteArrayDictionary>) {
      return Dictionary(limit, P == PhysicalType::kFixedLenByteArray
                                   ? static_cast<size_t>(spec_.type_length)
                                   : 0);
    } else {
      return Dictionary(limit);
    }
  }

  // True once the chunk's first kDictionaryProbe values are (nearly) all distinct: a key, a
  // UUID, random text. Their dictionary would cost hashing and an index per value and save no
  // space, so such columns switch to PLAIN early instead of when the dictionary fills up.
  bool MostlyDistinct() const {
    constexpr size_t kDictionaryProbe = 4096;
    return indices_.size() == kDictionaryProbe && dict_pages_ == 0 &&
           dictionary_.size() * 10 > kDictionaryProbe * 9;
  }

  uint64_t DictionarySize() const { return dictionary_enabled_ ? dictionary_.plain_size() : 0; }

  uint64_t PageEstimate() const {
    uint64_t bytes = plain_.size() + bools_.size() / 8 + levels_.size() / 8;
    if (!indices_.empty()) {
      bytes += indices_.size() * static_cast<uint64_t>(BitWidth(dictionary_.size())) / 8;
    }
    return bytes;
  }

  Status AddValue(Value value) {
    if constexpr (T::kDictionary) {
      if (dict_mode_ && !MostlyDistinct()) {
        const int64_t index = dictionary_.Insert(value);
        if (index != kDictionaryFull) {
          indices_.push_back(static_cast<uint32_t>(index));
          UpdateStatistics(value);
          return Status::Ok();
        }
      }
      if (dict_mode_) {
        // The dictionary is full, or saves nothing: the open page keeps it, the rest of the
        // chunk is PLAIN.
        RETURN_IF_ERROR(FlushPage());
        dict_mode_ = false;
      }
    }
    AppendPlain(value);
    UpdateStatistics(value);
    return Status::Ok();
  }

  void AppendPlain(Value value) {
    if constexpr (P == PhysicalType::kBoolean) {
      bools_.push_back(value);
    } else if constexpr (P == PhysicalType::kByteArray) {
      AppendPlainByteArray(value, &plain_);
    } else if constexpr (P == PhysicalType::kFixedLenByteArray) {
      plain_.append(value);
    } else {
      AppendPlainFixed<Value>(std::span<const Value>(&value, 1), &plain_);
    }
  }

  void UpdateStatistics(const Value& value) {
    if constexpr (O == Order::kFloat) {
      if (std::isnan(value)) {
        ++page_nans_;
        return;
      }
    }
    page_bounds_.Update(value);
  }

  Statistics MakeStatistics(const ValueBounds& bounds, int64_t nulls) const {
    Statistics statistics;
    statistics.null_count = nulls;
    if (bounds.has) {
      statistics.min_value = StatBytes(ZeroSigned(bounds.min, true));
      statistics.max_value = StatBytes(ZeroSigned(bounds.max, false));
      if constexpr (O == Order::kSigned || O == Order::kFloat) {
        statistics.min = statistics.min_value;
        statistics.max = statistics.max_value;
      }
    }
    return statistics;
  }

  // Compresses body_ and appends header + payload to *out; returns the bytes appended.
  Result<int64_t> AppendPage(PageHeader header, std::string* out) {
    const std::string* payload = &body_;
    if (codec_ != Codec::kUncompressed) {
      compressed_.clear();
      RETURN_IF_ERROR(compressor_->Compress(codec_, body_, &compressed_));
      payload = &compressed_;
    }
    constexpr auto kMaxPage = static_cast<size_t>(std::numeric_limits<int32_t>::max());
    if (body_.size() > kMaxPage || payload->size() > kMaxPage) {
      return InvalidArgumentError(
          fmt::format("parquet column '{}': a page of {} bytes exceeds the format's 2 GiB limit",
                      spec_.name, body_.size()));
    }
    header.uncompressed_page_size = static_cast<int32_t>(body_.size());
    header.compressed_page_size = static_cast<int32_t>(payload->size());
    header_.clear();
    EncodePageHeader(header, &header_);
    out->append(header_);
    out->append(*payload);
    chunk_uncompressed_ += static_cast<int64_t>(header_.size() + body_.size());
    chunk_compressed_ += static_cast<int64_t>(header_.size() + payload->size());
    return static_cast<int64_t>(header_.size() + payload->size());
  }

  Status FlushPage() {
    if (page_rows_ == 0) {
      return Status::Ok();
    }
    body_.clear();
    if (spec_.optional()) {
      body_.resize(4);
      EncodeRleBitPacked(std::span<const uint8_t>(levels_), 1, &body_);
      ::binlake::internal::StoreLe<4>(body_.data(), body_.size() - 4);
    }
    Encoding encoding = Encoding::kPlain;
    if (dict_mode_ && dictionary_.size() > 0) {
      encoding = Encoding::kRleDictionary;
      const int bit_width = std::max(1, BitWidth(dictionary_.size() - 1));
      body_.push_back(static_cast<char>(bit_width));
      EncodeRleBitPacked(std::span<const uint32_t>(indices_), bit_width, &body_);
      ++dict_pages_;
    } else {
      if constexpr (P == PhysicalType::kBoolean) {
        AppendPlainBools(bools_, &body_);
      } else {
        body_.append(plain_);
      }
      ++plain_pages_;
    }
    PageHeader header;
    header.type = PageType::kDataPage;
    DataPageHeader data;
    data.num_values = static_cast<int32_t>(page_rows_);
    data.encoding = encoding;
    data.statistics = MakeStatistics(page_bounds_, page_nulls_);
    header.data_page_header = std::move(data);
    RETURN_IF_ERROR(AppendPage(std::move(header), &pages_));

    chunk_bounds_.Merge(page_bounds_);
    chunk_rows_ += static_cast<int64_t>(page_rows_);
    chunk_nulls_ += page_nulls_;
    chunk_nans_ += page_nans_;
    ResetPage();
    return Status::Ok();
  }

  Result<int64_t> AppendDictionaryPage(std::string* out) {
    body_.clear();
    if constexpr (std::is_same_v<Dictionary, ByteArrayDictionary>) {
      dictionary_.AppendPlain(&body_);
    } else if constexpr (T::kDictionary) {
      AppendPlainFixed<Value>(dictionary_.values(), &body_);
    }
    PageHeader header;
    header.type = PageType::kDictionaryPage;
    DictionaryPageHeader dictionary;
    dictionary.num_values = static_cast<int32_t>(dictionary_.size());
    dictionary.encoding = Encoding::kPlain;
    header.dictionary_page_header = dictionary;
    return AppendPage(std::move(header), out);
  }

  void ResetPage() {
    levels_.clear();
    indices_.clear();
    plain_.clear();
    bools_.clear();
    page_rows_ = 0;
    page_nulls_ = 0;
    page_nans_ = 0;
    page_bounds_.Reset();
  }

  void ResetChunk() {
    pages_.clear();
    dictionary_.Clear();
    dict_mode_ = dictionary_enabled_;
    dict_pages_ = 0;
    plain_pages_ = 0;
    chunk_uncompressed_ = 0;
    chunk_compressed_ = 0;
    chunk_rows_ = 0;
    chunk_nulls_ = 0;
    chunk_nans_ = 0;
    chunk_bounds_.Reset();
  }

  // The Iceberg single-value serialization of a bound (nullopt: no usable bound).
  std::optional<std::string> IcebergBound(const Stored& value, bool lower) const {
    std::string out;
    if constexpr (P == PhysicalType::kBoolean) {
      out.push_back(static_cast<char>(value));
    } else if constexpr (P == PhysicalType::kInt32 || P == PhysicalType::kInt64) {
      if (HoldsLogical<DecimalType>(spec_)) {
        return MinimalBigEndian(value);
      }
      if (IsUnsignedInt(spec_)) {
        if constexpr (P == PhysicalType::kInt64) {
          return std::nullopt;  // Iceberg has no unsigned 64-bit type
        } else {
          AppendLeBytes(static_cast<uint32_t>(value), 8, &out);
          return out;
        }
      }
      if (HoldsLogical<TimeType>(spec_) &&
          std::get<TimeType>(*spec_.logical_type).unit == TimeUnit::kMillis) {
        return std::nullopt;  // Iceberg times are microseconds
      }
      AppendLeBytes(static_cast<uint64_t>(value), sizeof(Value), &out);
    } else if constexpr (P == PhysicalType::kFloat || P == PhysicalType::kDouble) {
      AppendPlainFixed<Value>(std::span<const Value>(&value, 1), &out);
    } else {
      if (HoldsLogical<DecimalType>(spec_)) {
        return MinimalBigEndianBytes(value);
      }
      const bool utf8 = IsUtf8Logical(spec_);
      return lower ? std::optional<std::string>(TruncateLowerBound(value, utf8))
                   : TruncateUpperBound(value, utf8);
    }
    return out;
  }

  const ColumnSpec spec_;
  const Codec codec_;
  const uint64_t page_size_;
  Compressor* const compressor_;
  const bool dictionary_enabled_;
  bool dict_mode_;
  Dictionary dictionary_;

  // The open page.
  std::vector<uint8_t> levels_;
  std::vector<uint32_t> indices_;
  std::string plain_;
  std::vector<uint8_t> bools_;
  size_t page_rows_ = 0;
  int64_t page_nulls_ = 0;
  int64_t page_nans_ = 0;
  ValueBounds page_bounds_;

  // The open chunk: its data pages, encoded, with headers.
  std::string pages_;
  int32_t dict_pages_ = 0;
  int32_t plain_pages_ = 0;
  int64_t chunk_uncompressed_ = 0;
  int64_t chunk_compressed_ = 0;
  int64_t chunk_rows_ = 0;
  int64_t chunk_nulls_ = 0;
  int64_t chunk_nans_ = 0;
  ValueBounds chunk_bounds_;

  // Every flushed chunk.
  ValueBounds file_bounds_;
  int64_t file_rows_ = 0;
  int64_t file_nulls_ = 0;
  int64_t file_nans_ = 0;
  int64_t file_size_ = 0;

  // Scratch buffers reused for every page.
  std::string body_;
  std::string compressed_;
  std::string header_;
};

template <PhysicalType P, Order O>
std::unique_ptr<ColumnChunkWriter> Make(const ColumnSpec& spec, const WriterOptions& options,
                                        Compressor* compressor) {
  return std::make_unique<TypedColumnWriter<P, O>>(spec, options, compressor);
}

}  // namespace

std::unique_ptr<ColumnChunkWriter> MakeColumnChunkWriter(const ColumnSpec& spec,
                                                         const WriterOptions& options,
                                                         Compressor* compressor) {
  switch (spec.physical_type) {
    case PhysicalType::kBoolean:
      return Make<PhysicalType::kBoolean, Order::kSigned>(spec, options, compressor);
    case PhysicalType::kInt32:
      return IsUnsignedInt(spec)
                 ? Make<PhysicalType::kInt32, Order::kUnsigned>(spec, options, compressor)
                 : Make<PhysicalType::kInt32, Order::kSigned>(spec, options, compressor);
    case PhysicalType::kInt64:
      return IsUnsignedInt(spec)
                 ? Make<PhysicalType::kInt64, Order::kUnsigned>(spec, options, compressor)
                 : Make<PhysicalType::kInt64, Order::kSigned>(spec, options, compressor);
    case PhysicalType::kFloat:
      return Make<PhysicalType::kFloat, Order::kFloat>(spec, options, compressor);
    case PhysicalType::kDouble:
      return Make<PhysicalType::kDouble, Order::kFloat>(spec, options, compressor);
    case PhysicalType::kByteArray:
      return Make<PhysicalType::kByteArray, Order::kBytes>(spec, options, compressor);
    case PhysicalType::kFixedLenByteArray:
      return HoldsLogical<DecimalType>(spec)
                 ? Make<PhysicalType::kFixedLenByteArray, Order::kSignedBytes>(spec, options,
                                                                               compressor)
                 : Make<PhysicalType::kFixedLenByteArray, Order::kBytes>(spec, options, compressor);
    case PhysicalType::kInt96:
      break;
  }
  return nullptr;
}

}  // namespace binlake::parquet
