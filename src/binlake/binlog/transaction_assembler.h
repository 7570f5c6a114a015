// TransactionAssembler: decoded events (event_decoder.h) → committed transactions, delivered as
// a stream of callbacks so that no transaction is ever held in memory whole.
//
// A transaction is delivered as
//   OnBegin, then any number of OnRows / OnStatement in binlog order, then exactly one of
//   OnCommit (it committed) or OnDiscard (it did not; drop everything since OnBegin).
// Rows are handed over as each row event is decoded; a handler that must not act before the
// commit (capture) buffers or spills them itself. Nothing is delivered outside a
// Begin..Commit/Discard bracket except OnXaOutcome.
//
// Semantics:
//   - Boundaries: BEGIN (QUERY) ... XID or COMMIT (QUERY). A MySQL GTID / MariaDB GTID event opens
//     the transaction and gives its id; with GTID_MODE=OFF the id is empty and the transaction is
//     named by its file and start position.
//   - A QUERY outside BEGIN..COMMIT (DDL, MariaDB standalone GTID groups, statements of
//     non-transactional engines) is a transaction of its own: OnBegin, OnStatement, OnCommit.
//   - OnStatement reports DDL (QueryKind::kDdl) in order between rows, and statement-based data
//     changes (QueryKind::kDataChange: binlog_format=STATEMENT/MIXED, or pre-5.0 LOAD DATA
//     events) so that the handler can refuse them: their rows are not in the binlog and binlake
//     never drops them silently. Other statements (SET, FLUSH, ...) come as kOther.
//   - ROLLBACK (QUERY) ends the transaction with OnDiscard(kRollback). A binlogged ROLLBACK means
//     the transaction touched a non-transactional table: those changes did happen on the server,
//     but binlake mirrors transactional tables and discards them (documented in
//     docs/protocol/binlog-events.md).
//   - XA: XA START ... XA END, then XA_PREPARE (or a QUERY "XA PREPARE") delivers OnCommit with
//     kind kXaPrepared and the XA id: the rows are durable on the server but their outcome is
//     pending. A later XA COMMIT / XA ROLLBACK (its own event group, maybe in a later file) is
//     OnXaOutcome(xid, committed). XA COMMIT ... ONE PHASE (XA_PREPARE with one_phase) is a plain
//     OnCommit (kind kCommit). A handler that applies only committed data keeps prepared
//     transactions aside until their outcome.
//   - Commit timestamp: the GTID event's immediate_commit_timestamp (microseconds) when present
//     (MySQL 8.0.1+), else the committing event's header timestamp × 1,000,000.
//   - End position: the end_offset of the committing event; resuming a stream there starts after
//     this transaction.
//   - INCIDENT: the server reports lost events; Process returns DataLoss-like Corruption with the
//     server's message ("INCIDENT at <file>:<offset>: <message>"), and nothing after it is
//     delivered.
//   - Malformed structure (a row event outside a transaction, BEGIN inside a transaction, XID
//     without BEGIN, a second GTID inside a transaction) is Corruption naming file and offset.
//   - Finish() at the end of the stream: an open transaction (the file ends mid-transaction, as
//     the live binlog may) is delivered as OnDiscard(kIncomplete).
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "binlake/base/status.h"
#include "binlake/binlog/events.h"

namespace binlake::binlog {

struct TransactionBegin {
  std::string gtid;           // GtidToString / MariaGtidToString; empty without GTIDs
  std::string source;         // binlog file of the first event
  uint64_t start_offset = 0;  // position of the first event (GTID, BEGIN or the lone QUERY)
};

// A statement inside a transaction (or forming one).
struct Statement {
  QueryKind kind = QueryKind::kOther;
  std::string database;  // the default database the statement ran in
  std::string text;
  uint64_t offset = 0;  // position of the QUERY event
};

enum class CommitKind : uint8_t {
  kCommit,      // committed (XID, COMMIT, a single-statement transaction, XA ... ONE PHASE)
  kXaPrepared,  // XA PREPARE: outcome pending, see OnXaOutcome
};

struct TransactionCommit {
  CommitKind kind = CommitKind::kCommit;
  std::string gtid;
  std::string source;
  uint64_t start_offset = 0;
  uint64_t end_offset = 0;         // position after the committing event
  uint64_t commit_micros = 0;      // microseconds since the epoch
  bool exact_commit_time = false;  // from immediate_commit_timestamp (else header seconds)
  std::optional<uint64_t> xid;     // the storage engine's XID (XID event)
  std::optional<XaId> xa_id;       // kXaPrepared
};

enum class DiscardReason : uint8_t { kRollback, kIncomplete };

struct TransactionDiscard {
  DiscardReason reason = DiscardReason::kRollback;
  std::string gtid;
  uint64_t end_offset = 0;
};

// XA COMMIT / XA ROLLBACK of a transaction delivered earlier as kXaPrepared.
struct XaOutcome {
  XaId xa_id;
  bool committed = false;
  std::string gtid;  // of the XA COMMIT/ROLLBACK event group
  uint64_t end_offset = 0;
  uint64_t commit_micros = 0;
};

class TransactionHandler {
 public:
  virtual ~TransactionHandler() = default;
  virtual Status OnBegin(const TransactionBegin& begin) = 0;
  // `event` is the row event (its header, positions and decoded rows with their TableMap).
  virtual Status OnRows(const Event& event, const RowsEventData& rows) = 0;
  virtual Status OnStatement(const Statement& statement) = 0;
  virtual Status OnCommit(const TransactionCommit& commit) = 0;
  virtual Status OnDiscard(const TransactionDiscard& discard) = 0;
  virtual Status OnXaOutcome(const XaOutcome& outcome) = 0;
};

class TransactionAssembler {
 public:
  // `handler` must outlive the assembler.
  explicit TransactionAssembler(TransactionHandler& handler) : handler_(handler) {}

  // Feeds the next decoded event (every event, in stream order, including payload inner events).
  Status Process(const Event& event);
  // End of stream; see the contract.
  Status Finish();

  bool in_transaction() const { return open_.has_value(); }

 private:
  struct Open {
    std::string gtid;
    std::string source;
    uint64_t start_offset = 0;
    std::optional<uint64_t> commit_micros;
    bool began = false;           // OnBegin delivered
    bool explicit_begin = false;  // BEGIN / XA START seen
    std::optional<XaId> xa_id;
  };
  struct PendingGtid {
    std::string gtid;
    uint64_t offset = 0;
    std::optional<uint64_t> commit_micros;
    bool completes_xa = false;
  };

  Status OnQuery(const Event& event, const QueryEvent& query);
  Status OnRowsEvent(const Event& event, const RowsEventData& rows);
  Status OnXid(const Event& event, const XidEvent& xid);
  Status OnXaPrepare(const Event& event, const XaPrepareEvent& prepare);
  Status OnIncident(const Event& event, const IncidentEvent& incident);
  Status OnOpaque(const Event& event, const OpaqueEvent& opaque);
  Status OnXaOutcomeQuery(const Event& event, const QueryEvent& query);
  Status OnSingleStatement(const Event& event, const QueryEvent& query);
  Status OpenTransaction(const Event& event);
  Status EnsureBegun();
  Status Commit(const Event& event, CommitKind kind, std::optional<uint64_t> xid);
  Status Discard(DiscardReason reason, uint64_t end_offset);
  Status StructureError(const Event& event, std::string_view what) const;

  TransactionHandler& handler_;
  std::optional<PendingGtid> pending_gtid_;
  std::optional<Open> open_;
};

}  // namespace binlake::binlog
