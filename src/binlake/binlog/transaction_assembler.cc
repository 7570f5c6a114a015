#include "binlake/binlog/transaction_assembler.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <utility>

#include "binlake/base/macros.h"

namespace binlake::binlog {
namespace {

constexpr uint64_t kMicrosPerSecond = 1'000'000;

Status StructureError(const Event& event, std::string_view what) {
  return CorruptionError(fmt::format("{}: offset {}: {}: {}", event.source, event.offset,
                                     EventTypeName(event.header.type_code), what));
}

// Reads X'<hex>' from `text`.
std::optional<std::string> ParseHexLiteral(std::string_view& text) {
  if (!text.starts_with("X'") && !text.starts_with("x'")) {
    return std::nullopt;
  }
  text.remove_prefix(2);
  std::string out;
  while (text.size() >= 2 && text.front() != '\'') {
    uint8_t byte = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + 2, byte, 16);
    if (error != std::errc() || end != text.data() + 2) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(byte));
    text.remove_prefix(2);
  }
  if (!text.starts_with("'")) {
    return std::nullopt;
  }
  text.remove_prefix(1);
  return out;
}

// The XA id of "XA COMMIT X'<gtrid>',X'<bqual>',<format>" as servers write it in the binlog.
std::optional<XaId> ParseXaIdText(std::string_view statement) {
  for (std::string_view verb : {"COMMIT", "ROLLBACK"}) {
    const size_t at = statement.find(verb);
    if (at != std::string_view::npos) {
      statement.remove_prefix(at + verb.size());
      break;
    }
  }
  while (!statement.empty() && std::isspace(static_cast<unsigned char>(statement.front())) != 0) {
    statement.remove_prefix(1);
  }
  XaId xid;
  std::optional<std::string> gtrid = ParseHexLiteral(statement);
  if (!gtrid || !statement.starts_with(",")) {
    return std::nullopt;
  }
  statement.remove_prefix(1);
  std::optional<std::string> bqual = ParseHexLiteral(statement);
  if (!bqual || !statement.starts_with(",")) {
    return std::nullopt;
  }
  statement.remove_prefix(1);
  auto [end, error] =
      std::from_chars(statement.data(), statement.data() + statement.size(), xid.format_id);
  if (error != std::errc()) {
    return std::nullopt;
  }
  xid.gtrid = std::move(*gtrid);
  xid.bqual = std::move(*bqual);
  return xid;
}

}  // namespace

Status TransactionAssembler::Process(const Event& event) {
  bool consumed = false;
  RETURN_IF_ERROR(FinishAutocommit(event, consumed));
  if (consumed) {
    return Status::Ok();
  }
  if (const auto* gtid = std::get_if<GtidEvent>(&event.body)) {
    if (open_) {
      return StructureError(event, "GTID inside an open transaction");
    }
    pending_gtid_ = PendingGtid{gtid->anonymous ? std::string() : GtidToString(*gtid), event.offset,
                                gtid->immediate_commit_micros};
    return Status::Ok();
  }
  if (const auto* gtid = std::get_if<MariaGtidEvent>(&event.body)) {
    return OnMariaGtid(event, *gtid);
  }
  if (const auto* query = std::get_if<QueryEvent>(&event.body)) {
    return OnQuery(event, *query);
  }
  if (const auto* rows = std::get_if<RowsEventData>(&event.body)) {
    return OnRowsEvent(event, *rows);
  }
  if (const auto* xid = std::get_if<XidEvent>(&event.body)) {
    if (!open_) {
      return StructureError(event, "XID without an open transaction");
    }
    return CommitAt(event, CommitKind::kCommit, xid->xid, std::nullopt);
  }
  if (const auto* prepare = std::get_if<XaPrepareEvent>(&event.body)) {
    return OnXaPrepare(event, *prepare);
  }
  if (const auto* incident = std::get_if<IncidentEvent>(&event.body)) {
    return CorruptionError(fmt::format("{}: offset {}: INCIDENT_EVENT {}: {}", event.source,
                                       event.offset, incident->incident, incident->message));
  }
  if (const auto* opaque = std::get_if<OpaqueEvent>(&event.body)) {
    return OnOpaque(event, *opaque);
  }
  return Status::Ok();  // format, position and context events carry no transaction data
}

// An open autocommit group ends before any event that is not part of it; an XID or COMMIT right
// after it is its commit (`consumed`).
Status TransactionAssembler::FinishAutocommit(const Event& event, bool& consumed) {
  if (!open_ || !open_->autocommit || std::holds_alternative<TableMapEvent>(event.body) ||
      std::holds_alternative<RowsEventData>(event.body)) {
    return Status::Ok();
  }
  if (const auto* xid = std::get_if<XidEvent>(&event.body)) {
    consumed = true;
    return CommitAt(event, CommitKind::kCommit, xid->xid, std::nullopt);
  }
  const auto* query = std::get_if<QueryEvent>(&event.body);
  if (query != nullptr && query->kind == QueryKind::kCommit) {
    consumed = true;
    return CommitAt(event, CommitKind::kCommit, std::nullopt, std::nullopt);
  }
  return Commit(open_->statement_end, open_->statement_timestamp, CommitKind::kCommit, std::nullopt,
                std::nullopt);
}

Status TransactionAssembler::Finish() {
  pending_gtid_.reset();
  if (!open_) {
    return Status::Ok();
  }
  if (open_->autocommit) {
    return Commit(open_->statement_end, open_->statement_timestamp, CommitKind::kCommit,
                  std::nullopt, std::nullopt);
  }
  return Discard(DiscardReason::kIncomplete, open_->start_offset);
}

Status TransactionAssembler::OpenTransaction(const Event& event) {
  Open open;
  open.source = std::string(event.source);
  open.start_offset = event.offset;
  if (pending_gtid_) {
    open.gtid = std::move(pending_gtid_->gtid);
    open.start_offset = pending_gtid_->offset;
    open.commit_micros = pending_gtid_->commit_micros;
    pending_gtid_.reset();
  }
  open_ = std::move(open);
  return handler_.OnBegin(TransactionBegin{open_->gtid, open_->source, open_->start_offset});
}

void TransactionAssembler::StartAutocommit(const Event& event) {
  open_->autocommit = true;
  open_->statement_end = event.end_offset;
  open_->statement_timestamp = event.header.timestamp;
}

Status TransactionAssembler::Commit(uint64_t end_offset, uint32_t timestamp, CommitKind kind,
                                    std::optional<uint64_t> xid, std::optional<XaId> xa_id) {
  TransactionCommit commit;
  commit.kind = kind;
  commit.gtid = std::move(open_->gtid);
  commit.source = std::move(open_->source);
  commit.start_offset = open_->start_offset;
  commit.end_offset = end_offset;
  commit.exact_commit_time = open_->commit_micros.has_value();
  commit.commit_micros = open_->commit_micros.value_or(uint64_t{timestamp} * kMicrosPerSecond);
  commit.xid = xid;
  commit.xa_id = std::move(xa_id);
  open_.reset();
  return handler_.OnCommit(commit);
}

Status TransactionAssembler::Discard(DiscardReason reason, uint64_t end_offset) {
  TransactionDiscard discard{reason, std::move(open_->gtid), end_offset};
  open_.reset();
  return handler_.OnDiscard(discard);
}

// Without FL_STANDALONE the GTID is the BEGIN; a standalone or XA-completing GTID names the
// statement that follows.
Status TransactionAssembler::OnMariaGtid(const Event& event, const MariaGtidEvent& gtid) {
  if (open_) {
    return StructureError(event, "GTID inside an open transaction");
  }
  pending_gtid_ =
      PendingGtid{MariaGtidToString(gtid.domain_id, event.header.server_id, gtid.sequence),
                  event.offset, std::nullopt};
  if ((gtid.flags & (kMariaGtidStandalone | kMariaGtidCompletedXa)) != 0) {
    return Status::Ok();
  }
  RETURN_IF_ERROR(OpenTransaction(event));
  open_->begun_by_gtid = true;
  return Status::Ok();
}

Status TransactionAssembler::OnBeginQuery(const Event& event, const QueryEvent& query) {
  if (open_ && !open_->begun_by_gtid) {
    return StructureError(event, "BEGIN inside an open transaction");
  }
  if (!open_) {
    RETURN_IF_ERROR(OpenTransaction(event));
  }
  open_->begun_by_gtid = false;
  open_->xa = query.kind == QueryKind::kXaStart;
  return Status::Ok();
}

Status TransactionAssembler::OnQuery(const Event& event, const QueryEvent& query) {
  switch (query.kind) {
    case QueryKind::kBegin:
    case QueryKind::kXaStart:
      return OnBeginQuery(event, query);
    case QueryKind::kCommit:
      if (!open_) {
        return StructureError(event, "COMMIT without an open transaction");
      }
      return CommitAt(event, CommitKind::kCommit, std::nullopt, std::nullopt);
    case QueryKind::kRollback:
      if (!open_) {
        return StructureError(event, "ROLLBACK without an open transaction");
      }
      return Discard(DiscardReason::kRollback, event.end_offset);
    case QueryKind::kRollbackToSavepoint:
      return UnimplementedError(fmt::format(
          "{}: offset {}: ROLLBACK TO SAVEPOINT in a binlogged transaction (it also changed a "
          "non-transactional table): the rows it undid cannot be told apart",
          event.source, event.offset));
    case QueryKind::kSavepoint:
    case QueryKind::kXaEnd:
      return Status::Ok();
    case QueryKind::kXaPrepare:
      if (!open_) {
        return StructureError(event, "XA PREPARE without an open transaction");
      }
      return CommitAt(event, CommitKind::kXaPrepared, std::nullopt, ParseXaIdText(query.statement));
    case QueryKind::kXaCommit:
    case QueryKind::kXaRollback:
      return OnXaOutcomeQuery(event, query);
    case QueryKind::kDataChange:
    case QueryKind::kDdl:
    case QueryKind::kOther:
      return OnStatementQuery(event, query);
  }
  return Status::Ok();
}

Status TransactionAssembler::OnStatementQuery(const Event& event, const QueryEvent& query) {
  const bool single = !open_;
  if (single) {
    RETURN_IF_ERROR(OpenTransaction(event));
    StartAutocommit(event);
  }
  return handler_.OnStatement(Statement{query.kind, query.database, query.statement, event.offset});
}

// XA COMMIT / XA ROLLBACK: inside the XA transaction itself it is a one-phase commit (or a
// rollback); on its own it decides an earlier prepared transaction.
Status TransactionAssembler::OnXaOutcomeQuery(const Event& event, const QueryEvent& query) {
  const bool committed = query.kind == QueryKind::kXaCommit;
  if (open_) {
    if (!open_->xa) {
      return StructureError(event, "XA COMMIT/ROLLBACK inside a non-XA transaction");
    }
    return committed ? CommitAt(event, CommitKind::kCommit, std::nullopt, std::nullopt)
                     : Discard(DiscardReason::kRollback, event.end_offset);
  }
  std::optional<XaId> xa_id = ParseXaIdText(query.statement);
  if (!xa_id) {
    return StructureError(event, fmt::format("cannot read the XA id of \"{}\"", query.statement));
  }
  XaOutcome outcome;
  outcome.xa_id = std::move(*xa_id);
  outcome.committed = committed;
  outcome.end_offset = event.end_offset;
  outcome.commit_micros = uint64_t{event.header.timestamp} * kMicrosPerSecond;
  if (pending_gtid_) {
    outcome.gtid = std::move(pending_gtid_->gtid);
    outcome.commit_micros = pending_gtid_->commit_micros.value_or(outcome.commit_micros);
    pending_gtid_.reset();
  }
  return handler_.OnXaOutcome(outcome);
}

// Row events outside BEGIN..COMMIT form an autocommit group that ends with the statement.
Status TransactionAssembler::OnRowsEvent(const Event& event, const RowsEventData& rows) {
  if (!open_) {
    RETURN_IF_ERROR(OpenTransaction(event));
    StartAutocommit(event);
  }
  RETURN_IF_ERROR(handler_.OnRows(event, rows));
  if (!open_->autocommit) {
    return Status::Ok();
  }
  StartAutocommit(event);
  constexpr uint16_t kStatementEndFlag = 0x0001;
  if ((rows.rows.flags & kStatementEndFlag) != 0) {
    return CommitAt(event, CommitKind::kCommit, std::nullopt, std::nullopt);
  }
  return Status::Ok();
}

Status TransactionAssembler::OnXaPrepare(const Event& event, const XaPrepareEvent& prepare) {
  if (!open_) {
    return StructureError(event, "XA_PREPARE without an open transaction");
  }
  return CommitAt(event, prepare.one_phase ? CommitKind::kCommit : CommitKind::kXaPrepared,
                  std::nullopt, prepare.xid);
}

// Pre-5.0 LOAD DATA events: a statement-based data change, reported like a QUERY.
Status TransactionAssembler::OnOpaque(const Event& event, const OpaqueEvent& opaque) {
  if (!opaque.carries_statement_data) {
    return Status::Ok();
  }
  QueryEvent load;
  load.kind = QueryKind::kDataChange;
  load.statement = fmt::format("LOAD DATA ({})", EventTypeName(event.header.type_code));
  return OnStatementQuery(event, load);
}

}  // namespace binlake::binlog
