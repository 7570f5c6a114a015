// BinaryRowReader: binds the result columns of a prepared SELECT (libmariadb's binary
// protocol) and decodes each fetched row into mysql::Value per mysql/value.h, using the
// declared ColumnSchema of each column (signedness, scale, BIT width, ENUM/SET members).
//
// Contract:
//   - Create checks the result's column count and each column's wire type against the declared
//     kind: a mismatch is Corruption naming the column.
//   - Fixed-size values land in preallocated bind buffers; variable-length ones in a buffer per
//     column that grows to the longest value seen (a longer value is fetched again whole with
//     mysql_stmt_fetch_column), so memory is bounded by the largest single value per column and
//     rows cost no allocation once the buffers have grown.
//   - Decode fills `row` (one Value per column), reusing the strings already in it.
// Thread-safety: one reader per statement, used by one thread.
#pragma once

#include <mysql.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::adapters {

class BinaryRowReader {
 public:
  // `stmt` has been executed; `columns` outlive the reader.
  static Result<std::unique_ptr<BinaryRowReader>> Create(
      MYSQL_STMT* stmt, std::span<const mysql::ColumnSchema> columns);

  BinaryRowReader(const BinaryRowReader&) = delete;
  BinaryRowReader& operator=(const BinaryRowReader&) = delete;

  // Binds the buffers again when a column buffer has grown; call before each mysql_stmt_fetch.
  Status PrepareFetch();

  // Decodes the row just fetched (mysql_stmt_fetch returned 0 or MYSQL_DATA_TRUNCATED).
  Status Decode(std::span<mysql::Value> row);

 private:
  // How a column's bytes arrive.
  enum class Storage : uint8_t { kInteger, kFloat, kDouble, kTime, kBytes };
  struct Slot {
    const mysql::ColumnSchema* column = nullptr;
    Storage storage = Storage::kBytes;
    enum_field_types wire = MYSQL_TYPE_NULL;
    unsigned char fixed[8] = {};
    MYSQL_TIME time = {};
    std::string bytes;
    unsigned long length = 0;
    my_bool is_null = 0;
    my_bool error = 0;
  };

  static Storage StorageFor(mysql::ColumnKind kind, enum_field_types wire);

  BinaryRowReader(MYSQL_STMT* stmt, size_t column_count);
  Status Bind(size_t index, const mysql::ColumnSchema& column, const MYSQL_FIELD& field);
  Status FetchWhole(size_t index);
  Status DecodeSlot(const Slot& slot, mysql::Value* out) const;
  Status DecodeBytes(const Slot& slot, std::string_view bytes, mysql::Value* out) const;

  MYSQL_STMT* stmt_;
  std::vector<Slot> slots_;
  std::vector<MYSQL_BIND> binds_;
  bool rebind_ = true;
};

}  // namespace binlake::adapters
