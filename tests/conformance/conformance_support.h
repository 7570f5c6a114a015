// Support code of the binlog conformance test (binlog_conformance_test.cc): fixture access,
// decoding a fixture through the real transport and decoder, and the comparisons with the
// expected decodings (mysqlbinlog text, go-mysql and java peer dumps).
//
// The fixture directory is tests/fixtures/binlog of the source tree (compiled in as
// BINLAKE_BINLOG_FIXTURE_DIR); paths here are relative to it ("<folder>/<file>").
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "binlake/base/status.h"
#include "binlake/binlog/mysqlbinlog_format.h"
#include "binlake/binlog/rows_event.h"
#include "binlake/binlog/table_map.h"
#include "binlake/mysql/column_type.h"
#include "tests/conformance/mysqlbinlog_text.h"
#include "tests/conformance/peer_dump.h"
#include "tests/conformance/provenance.h"

namespace binlake::conformance {

// Fixture folders, sorted.
std::vector<std::string> FixtureFolders();
// Every binlog file of every folder ("<folder>/<file>", not the .md/.txt/.sql files), sorted.
std::vector<std::string> AllFixtureFiles();
bool FixtureExists(const std::string& relative);
std::string ReadFixture(const std::string& relative);

struct DecodedEvent {
  uint64_t offset = 0;
  uint64_t end_offset = 0;
  uint32_t next_position = 0;  // the header's log_pos (in a relay log: the source's position)
  uint8_t type = 0;
  bool inner = false;                             // inside a TRANSACTION_PAYLOAD
  std::shared_ptr<const binlog::TableMap> table;  // rows events
  std::optional<binlog::RowsEvent> rows;
};

struct DecodedFile {
  std::vector<DecodedEvent> events;  // everything delivered before the end or the error
  Status status;
};

// The declared schema the test supplies for a table whose TABLE_MAP is not enough (the MariaDB
// 5.3 high-resolution temporal columns of mariadb-10.11/mariadb-bin.000002), or null.
const mysql::TableSchema* DeclaredSchema(std::string_view database, std::string_view table);

// Decodes the fixture with DeclaredSchema as the schema lookup (cached: each file is decoded
// once per test program).
const DecodedFile& DecodeFixture(const std::string& relative);
size_t CountRows(const DecodedFile& decoded);

// Event counts keyed by the PROVENANCE walker's type names (QUERY, MARIA_GTID, ...).
std::map<std::string, uint64_t> CountByWalkerName(const DecodedFile& decoded, bool inner);
// Corrects the walker's counts where they do not describe the file as the repository holds it
// or as a server reads it: the truncated prefixes of two large files
// (tests/fixtures/binlog/README.md), and the two files of a MySQL 5.2 development build
// (5.2.2-a_drop6) whose event type codes 16-22 the server itself renumbers (log_event.cc: 16
// TABLE_MAP, 17-19 WRITE/UPDATE/DELETE rows, 20 XID, 21 BEGIN_LOAD_QUERY, 22
// EXECUTE_LOAD_QUERY) while the walker counted them with the GA numbering.
void ApplyRepositoryCorrections(const std::string& relative, ProvenanceCounts& counts);

struct MysqlbinlogComparison {
  size_t events_compared = 0;
  size_t rows_compared = 0;
  size_t values_compared = 0;
  std::vector<std::string> mismatches;  // human-readable, naming file, position, row, column
};

// Checks that (1) every "# at N" position is the offset of one of our events, (2) every header
// line's end_log_pos and event type match one of our events, (3) every row printed by
// mysqlbinlog is ours, column for column: value (and the -vv comment at kVeryVerbose).
MysqlbinlogComparison CompareWithMysqlbinlog(const DecodedFile& decoded,
                                             const MysqlbinlogText& expected,
                                             binlog::MysqlbinlogVerbosity verbosity);

struct Disagreement {
  std::string file;
  uint64_t event_end = 0;  // the event's header log_pos (0 inside a TRANSACTION_PAYLOAD)
  size_t row = 0;          // row change within the event (0-based)
  uint32_t column = 0;     // 1-based; 0 for an event-level disagreement
  std::string ours;
  std::string peer;
  std::string Describe() const;
};

struct PeerComparison {
  size_t files = 0;
  size_t events_compared = 0;
  size_t rows_compared = 0;
  size_t values_compared = 0;
  size_t values_not_comparable = 0;  // the peer printed no value to compare (pointer, hash)
  std::vector<Disagreement> disagreements;
  void Add(const PeerComparison& other);
  std::string Summary() const;
};

PeerComparison CompareWithGoMysql(const DecodedFile& decoded, const PeerFile& peer);
PeerComparison CompareWithJava(const DecodedFile& decoded, const PeerFile& peer);

// A disagreement the conformance doc explains (docs/protocol/binlog-conformance.md). `column`
// 0 matches every column of the event; `event_end` 0 every event of the file.
struct KnownDisagreement {
  std::string_view file;
  uint64_t event_end = 0;
  uint32_t column = 0;
  std::string_view reason;  // shown when the entry no longer matches anything
};

const std::vector<KnownDisagreement>& KnownGoMysqlDisagreements();
const std::vector<KnownDisagreement>& KnownJavaDisagreements();

// Fails the current test for every disagreement no known entry covers, and for every known
// entry that no longer happens (so the list stays exact).
void ExpectOnlyKnownDisagreements(const PeerComparison& comparison,
                                  const std::vector<KnownDisagreement>& known);

}  // namespace binlake::conformance
