// `binlake staging ls STORE --table schema.table`.
#include <fmt/format.h>

#include <algorithm>

#include "binlake/base/macros.h"
#include "staging_command.h"

namespace binlake::cli {

Status RunStagingLs(const GlobalOptions& globals, const std::string& store_arg,
                    const std::string& table_arg) {
  ASSIGN_OR_RETURN(StagedTable table, OpenStagedTable(globals, store_arg, table_arg));
  for (const staging::OrderedFile& file : table.files) {
    ASSIGN_OR_RETURN(std::vector<staging::StagedRow> rows, ReadStagedFile(table, file));
    uint64_t by_op[3] = {0, 0, 0};  // I, U, D
    for (const staging::StagedRow& row : rows) {
      ++by_op[row.op == staging::ChangeOp::kInsert   ? 0
              : row.op == staging::ChangeOp::kUpdate ? 1
                                                     : 2];
    }
    const bool load = file.parsed.kind == staging::StagingKey::Kind::kLoad;
    fmt::print("{}  {}  {} rows  I {}  U {}  D {}\n", file.key, load ? "LOAD" : "CDC", rows.size(),
               by_op[0], by_op[1], by_op[2]);
  }
  return Status::Ok();
}

}  // namespace binlake::cli
