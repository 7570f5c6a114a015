// `binlake binlog stats FILE...` (binlog_command.h).
#include <fmt/format.h>

#include <array>
#include <map>
#include <memory>
#include <string>

#include "binlake/base/macros.h"
#include "binlake/binlog/transaction_assembler.h"
#include "binlog_command.h"

namespace binlake::cli {
namespace {

struct TableCounts {
  uint64_t events = 0;
  uint64_t rows[3] = {0, 0, 0};  // by RowOp
};

struct TransactionCounts : binlog::TransactionHandler {
  uint64_t committed = 0;
  uint64_t xa_prepared = 0;
  uint64_t discarded = 0;
  uint64_t xa_outcomes = 0;
  uint64_t ddl = 0;
  uint64_t statement_data_changes = 0;

  Status OnBegin(const binlog::TransactionBegin&) override { return Status::Ok(); }
  Status OnRows(const binlog::Event&, const binlog::RowsEventData&) override {
    return Status::Ok();
  }
  Status OnStatement(const binlog::Statement& statement) override {
    ddl += statement.kind == binlog::QueryKind::kDdl ? 1 : 0;
    statement_data_changes += statement.kind == binlog::QueryKind::kDataChange ? 1 : 0;
    return Status::Ok();
  }
  Status OnCommit(const binlog::TransactionCommit& commit) override {
    (commit.kind == binlog::CommitKind::kCommit ? committed : xa_prepared) += 1;
    return Status::Ok();
  }
  Status OnDiscard(const binlog::TransactionDiscard&) override {
    ++discarded;
    return Status::Ok();
  }
  Status OnXaOutcome(const binlog::XaOutcome&) override {
    ++xa_outcomes;
    return Status::Ok();
  }
};

std::string TypeLabel(uint8_t code) {
  const std::string_view name = binlog::EventTypeName(code);
  return name.empty() ? fmt::format("type {}", code) : std::string(name);
}

}  // namespace

Status RunBinlogStats(const BinlogFilesArgs& args) {
  std::array<std::pair<uint64_t, uint64_t>, 256> by_type{};  // by type code: count, bytes
  std::map<std::string, TableCounts> by_table;
  TransactionCounts transactions;
  binlog::TransactionAssembler assembler(transactions);
  uint64_t events = 0;
  uint64_t rows = 0;
  std::shared_ptr<const binlog::TableMap> last_table;
  TableCounts* last_counts = nullptr;
  RETURN_IF_ERROR(ForEachBinlogEvent(args, [&](const binlog::Event& event) {
    ++events;
    auto& type = by_type[event.header.type_code];
    ++type.first;
    type.second += event.header.event_length;
    if (const auto* data = std::get_if<binlog::RowsEventData>(&event.body)) {
      // Consecutive row events mostly share their TableMap: look the name up only on a change.
      if (data->table != last_table) {
        last_table = data->table;
        last_counts = &by_table[data->table->database + "." + data->table->table];
      }
      ++last_counts->events;
      for (const binlog::RowChange& row : data->rows.rows) {
        ++last_counts->rows[static_cast<size_t>(row.op)];
      }
      rows += data->rows.rows.size();
    }
    return assembler.Process(event);
  }));
  RETURN_IF_ERROR(assembler.Finish());

  fmt::print("events: {}  row changes: {}\n\n{:<34}{:>10}{:>14}\n", events, rows,
             "events by type:", "count", "bytes");
  std::map<std::string, std::pair<uint64_t, uint64_t>> by_name;
  for (size_t code = 0; code < by_type.size(); ++code) {
    if (by_type[code].first != 0) {
      by_name[TypeLabel(static_cast<uint8_t>(code))] = by_type[code];
    }
  }
  for (const auto& [name, counts] : by_name) {
    fmt::print("  {:<32}{:>10}{:>14}\n", name, counts.first, counts.second);
  }
  fmt::print("\n{:<34}{:>8}{:>10}{:>10}{:>10}\n", "rows by table:", "events", "insert", "update",
             "delete");
  for (const auto& [name, counts] : by_table) {
    fmt::print("  {:<32}{:>8}{:>10}{:>10}{:>10}\n", name, counts.events, counts.rows[0],
               counts.rows[1], counts.rows[2]);
  }
  fmt::print(
      "\ntransactions: {} committed, {} XA prepared, {} XA outcomes, {} discarded; "
      "{} DDL statements, {} statement-based data changes\n",
      transactions.committed, transactions.xa_prepared, transactions.xa_outcomes,
      transactions.discarded, transactions.ddl, transactions.statement_data_changes);
  return Status::Ok();
}

}  // namespace binlake::cli
