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
//   - MariaDB: a GTID event without FL_STANDALONE is the BEGIN (a following BEGIN / XA START
//     QUERY belongs to it); with FL_STANDALONE (or FL_COMPLETED_XA) it names the single
//     statement that follows.
//   - Autocommit groups without BEGIN: a QUERY outside BEGIN..COMMIT (DDL, statements of
//     non-transactional engines), and row events outside BEGIN..COMMIT (MyISAM in MySQL 5.1),
//     are a transaction of their own: OnBegin, OnStatement / OnRows, OnCommit. It commits at the
//     row event flagged statement-end, or when the next event is not part of it (an XID or
//     COMMIT right after it, as MySQL 5.0 writes for InnoDB autocommit statements, is its
//     commit), or at Finish().
//   - OnStatement reports DDL (QueryKind::kDdl) in order between rows, and statement-based data
//     changes (QueryKind::kDataChange: binlog_format=STATEMENT/MIXED, or pre-5.0 LOAD DATA
//     events) so that the handler can refuse them: their rows are not in the binlog and binlake
//     never drops them silently. Other statements (SET, FLUSH, ...) come as kOther.
//   - ROLLBACK (QUERY) ends the transaction with OnDiscard(kRollback). A binlogged ROLLBACK means
//     the transaction touched a non-transactional table: those changes did happen on the server,
//     but binlake mirrors transactional tables and discards them (docs/cli.md, "binlog").
//     ROLLBACK TO SAVEPOINT inside a binlogged transaction is Unimplemented: the rows it undid
//     are in the binlog and cannot be told apart (it only happens with non-transactional
//     tables in the transaction).
//   - XA: XA START ... XA END, then XA_PREPARE (or a QUERY "XA PREPARE") delivers OnCommit with
//     kind kXaPrepared and the XA id: the rows are durable on the server but their outcome is
//     pending. A later XA COMMIT / XA ROLLBACK (its own event group, maybe in a later file) is
//     OnXaOutcome(xid, committed). XA COMMIT ... ONE PHASE (XA_PREPARE with one_phase, or the
//     QUERY inside the XA transaction) is a plain OnCommit (kind kCommit). A handler that applies
//     only committed data keeps prepared transactions aside until their outcome.
//   - Commit timestamp: the GTID event's immediate_commit_timestamp (microseconds) when present
//     (MySQL 8.0.1+), else the committing event's header timestamp × 1,000,000.
//   - End position: the end_offset of the committing event; resuming a stream there starts after
//     this transaction.
//   - INCIDENT: the server reports lost events; Process returns Corruption with the server's
//     message ("<file>: offset <N>: INCIDENT_EVENT <number>: <message>"); the caller stops.
//   - Malformed structure (BEGIN inside a transaction, XID or COMMIT without a transaction, a
//     second GTID inside a transaction) is Corruption naming file and offset.
//   - Finish() at the end of the stream: an open autocommit group commits; any other open
//     transaction (the file ends mid-transaction, as the live binlog may) is delivered as
//     OnDiscard(kIncomplete).
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

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
    std::optional<uint64_t> commit_micros;  // immediate commit timestamp of the GTID event
    bool begun_by_gtid = false;  // MariaDB GTID (implicit BEGIN): a BEGIN QUERY may follow
    bool xa = false;             // opened by XA START
    bool autocommit = false;     // a group without BEGIN (see the contract)
    uint64_t statement_end = 0;  // autocommit: end offset and timestamp of its last event
    uint32_t statement_timestamp = 0;
  };
  struct PendingGtid {
    std::string gtid;
    uint64_t offset = 0;
    std::optional<uint64_t> commit_micros;
  };

  Status FinishAutocommit(const Event& event, bool& consumed);
  Status OnMariaGtid(const Event& event, const MariaGtidEvent& gtid);
  Status OnQuery(const Event& event, const QueryEvent& query);
  Status OnBeginQuery(const Event& event, const QueryEvent& query);
  Status OnStatementQuery(const Event& event, const QueryEvent& query);
  Status OnXaOutcomeQuery(const Event& event, const QueryEvent& query);
  Status OnRowsEvent(const Event& event, const RowsEventData& rows);
  Status OnXaPrepare(const Event& event, const XaPrepareEvent& prepare);
  Status OnOpaque(const Event& event, const OpaqueEvent& opaque);
  Status OpenTransaction(const Event& event);
  void StartAutocommit(const Event& event);
  Status Commit(uint64_t end_offset, uint32_t timestamp, CommitKind kind,
                std::optional<uint64_t> xid, std::optional<XaId> xa_id);
  Status CommitAt(const Event& event, CommitKind kind, std::optional<uint64_t> xid,
                  std::optional<XaId> xa_id) {
    return Commit(event.end_offset, event.header.timestamp, kind, xid, std::move(xa_id));
  }
  Status Discard(DiscardReason reason, uint64_t end_offset);

  TransactionHandler& handler_;
  std::optional<PendingGtid> pending_gtid_;
  std::optional<Open> open_;
};

}  // namespace binlake::binlog
