// Binlog conformance: every file under tests/fixtures/binlog goes through the file transport,
// the EventDecoder and the row decoder, and the result is checked against
//   - the event-type counts of an independent walker (PROVENANCE.md of each folder),
//   - MariaDB's own `mysqlbinlog -v` / `-vv` output (mariadb-10.11), value for value, and the
//     event positions and types it prints,
//   - the go-mysql and mysql-binlog-connector-java dumps (PEER-*.txt) for the MySQL files,
//     wherever the peer decoded the value, with the known disagreements listed here and in
//     docs/protocol/binlog-conformance.md (a new disagreement fails the test),
//   - the expected clear errors of the truncated and corrupt fixtures.
// Each test prints a summary line ("[conformance] ...") with the figures it checked.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/fs/binlog_file_transport.h"
#include "binlake/binlog/event_decoder.h"
#include "binlake/binlog/mysqlbinlog_format.h"
#include "testing/status_matchers.h"
#include "tests/conformance/conformance_support.h"
#include "tests/conformance/mysqlbinlog_text.h"
#include "tests/conformance/peer_dump.h"
#include "tests/conformance/provenance.h"

namespace binlake::conformance {
namespace {

namespace fs = std::filesystem;
using binlog::MysqlbinlogVerbosity;

// ---------------------------------------------------------------------------------------------
// Expected failures: the fixtures that are truncated or corrupt. Every other file must decode
// to its end without error.
struct ExpectedFailure {
  std::string_view file;
  StatusCode code;
  std::string_view message;  // a substring of the error, which must also name file and offset
};

constexpr ExpectedFailure kExpectedFailures[] = {
    // 14 bytes: the magic and 10 bytes of a header.
    {"rust_mysql_common/binlog_truncated_event.000001", StatusCode::kCorruption, "offset 4"},
    // The PREVIOUS_GTIDS event at 120 is cut after 9 bytes.
    {"rust_mysql_common/binlog_truncated_prev_gtid_event.000001", StatusCode::kCorruption,
     "offset 120"},
    // A relay log kept because it is corrupt: the QUERY event at 91204 declares 16949 bytes of
    // status variables in a 160-byte event (go-mysql panics on it, java fails earlier).
    {"rust_mysql_common/corrupt-relay-bin.000624", StatusCode::kCorruption, "offset 91204"},
    // PARTIAL_UPDATE_ROWS with binlog_row_image=MINIMAL: the before image lacks the JSON column,
    // so the diff cannot give the full after value; refusing is the only exact answer.
    {"rust_mysql_common/json.binlog.000001", StatusCode::kFailedPrecondition,
     "needs binlog_row_image=FULL"},
    // A MySQL 5.2 development build (wl2325) whose rows events carry the MyISAM record's null
    // bytes (a reserved bit before the columns' bits); not a released format.
    {"rust_mysql_common/ver_5_1-wl2325_r.001", StatusCode::kCorruption,
     "offset 466: PRE_GA_WRITE_ROWS_EVENT"},
};

const ExpectedFailure* FindExpectedFailure(std::string_view file) {
  for (const ExpectedFailure& failure : kExpectedFailures) {
    if (failure.file == file) {
      return &failure;
    }
  }
  return nullptr;
}

TEST(BinlogConformanceTest, EveryFixtureDecodesToItsEndOrFailsClearly) {
  struct Totals {
    size_t files = 0;
    size_t events = 0;
    size_t rows = 0;
    size_t expected_errors = 0;
  };
  std::map<std::string, Totals> by_folder;
  for (const std::string& file : AllFixtureFiles()) {
    SCOPED_TRACE(file);
    const DecodedFile& decoded = DecodeFixture(file);
    Totals& totals = by_folder[fs::path(file).parent_path().string()];
    ++totals.files;
    totals.events += decoded.events.size();
    totals.rows += CountRows(decoded);
    const ExpectedFailure* failure = FindExpectedFailure(file);
    if (failure == nullptr) {
      EXPECT_OK(decoded.status);
      continue;
    }
    ++totals.expected_errors;
    EXPECT_THAT(decoded.status,
                testing::StatusIs(
                    failure->code,
                    ::testing::AllOf(::testing::HasSubstr(failure->message),
                                     ::testing::HasSubstr(fs::path(file).filename().string()))));
  }
  for (const auto& [folder, totals] : by_folder) {
    std::cout << "[conformance] " << folder << ": " << totals.files << " files, " << totals.events
              << " events, " << totals.rows << " row changes, " << totals.expected_errors
              << " expected errors\n";
  }
}

// ---------------------------------------------------------------------------------------------
// Event counts per type against the PROVENANCE.md walker.

TEST(BinlogConformanceTest, EventCountsMatchProvenance) {
  size_t files_checked = 0;
  for (const std::string& folder : FixtureFolders()) {
    ASSERT_OK_AND_ASSIGN(std::vector<ProvenanceCounts> table,
                         ParseProvenanceCounts(ReadFixture(folder + "/PROVENANCE.md")));
    for (ProvenanceCounts& expected : table) {
      const std::string file = folder + "/" + expected.file;
      SCOPED_TRACE(file);
      ApplyRepositoryCorrections(file, expected);
      const DecodedFile& decoded = DecodeFixture(file);
      if (FindExpectedFailure(file) == nullptr) {
        EXPECT_EQ(CountByWalkerName(decoded, /*inner=*/false), expected.events);
        EXPECT_EQ(CountByWalkerName(decoded, /*inner=*/true), expected.inner);
      } else {
        // Decoding stopped at the error: every count so far is at most the walker's.
        for (const auto& [name, count] : CountByWalkerName(decoded, /*inner=*/false)) {
          EXPECT_LE(count, expected.events[name]) << name;
        }
      }
      ++files_checked;
    }
  }
  EXPECT_EQ(files_checked, AllFixtureFiles().size());
  std::cout << "[conformance] event counts: " << files_checked << " files match PROVENANCE.md\n";
}

// ---------------------------------------------------------------------------------------------
// MariaDB: the server's own mysqlbinlog output.

struct MysqlbinlogCase {
  std::string_view binlog;
  std::string_view expected;       // a -v or -vv text file
  MysqlbinlogVerbosity verbosity;  // what to compare: -vv compares values and comments
  bool has_rows = true;            // false: mysqlbinlog stopped before the first row
};

constexpr MysqlbinlogCase kMysqlbinlogCases[] = {
    // -v of 000001 is the -vv file without the comments (see tests/fixtures/binlog/README.md).
    {"mariadb-10.11/mariadb-bin.000001", "mariadb-10.11/mariadb-bin.000001.decode-rows.vv.txt",
     MysqlbinlogVerbosity::kVerbose},
    {"mariadb-10.11/mariadb-bin.000001", "mariadb-10.11/mariadb-bin.000001.decode-rows.vv.txt",
     MysqlbinlogVerbosity::kVeryVerbose},
    // mysqlbinlog stops at the first rows event (old temporal columns, see the test below).
    {"mariadb-10.11/mariadb-bin.000002", "mariadb-10.11/mariadb-bin.000002.decode-rows.v.txt",
     MysqlbinlogVerbosity::kVerbose, /*has_rows=*/false},
    {"mariadb-10.11/mariadb-bin.000003", "mariadb-10.11/mariadb-bin.000003.decode-rows.v.txt",
     MysqlbinlogVerbosity::kVerbose},
    {"mariadb-10.11/mariadb-bin.000003", "mariadb-10.11/mariadb-bin.000003.decode-rows.vv.txt",
     MysqlbinlogVerbosity::kVeryVerbose},
};

TEST(BinlogConformanceTest, MariadbRowsMatchMysqlbinlogValueForValue) {
  for (const MysqlbinlogCase& test_case : kMysqlbinlogCases) {
    const std::string label =
        fmt::format("{} vs {} ({})", test_case.binlog, test_case.expected,
                    test_case.verbosity == MysqlbinlogVerbosity::kVerbose ? "-v" : "-vv");
    SCOPED_TRACE(label);
    ASSERT_OK_AND_ASSIGN(MysqlbinlogText expected,
                         ParseMysqlbinlogText(ReadFixture(std::string(test_case.expected))));
    const DecodedFile& decoded = DecodeFixture(std::string(test_case.binlog));
    const MysqlbinlogComparison result =
        CompareWithMysqlbinlog(decoded, expected, test_case.verbosity);
    for (size_t i = 0; i < result.mismatches.size() && i < 20; ++i) {
      ADD_FAILURE() << result.mismatches[i];
    }
    EXPECT_EQ(result.mismatches.size(), 0u);
    if (FindExpectedFailure(test_case.binlog) == nullptr) {
      // A decoding error would leave the rest of the file uncompared.
      EXPECT_OK(decoded.status);
      EXPECT_EQ(result.events_compared, expected.events.size());
      EXPECT_EQ(result.values_compared > 0, test_case.has_rows);
    }
    std::cout << "[conformance] " << label << ": " << result.events_compared << " events, "
              << result.rows_compared << " rows, " << result.values_compared << " values, "
              << result.mismatches.size() << " mismatches\n";
  }
}

// MariaDB 5.3 high-resolution temporal columns (mysql56_temporal_format=OFF): MariaDB's
// mysqlbinlog cannot print them (it stops at the event), so the expected values are those of
// workload_oldtemporal.sql. The TABLE_MAP gives no precision: the decoder needs the declared
// schema, which DecodeFixture supplies (DeclaredSchema).
TEST(BinlogConformanceTest, MariadbOldTemporalRowsMatchTheWorkload) {
  const DecodedFile& decoded = DecodeFixture("mariadb-10.11/mariadb-bin.000002");
  ASSERT_OK(decoded.status);
  std::vector<binlog::RowChange> rows;
  for (const DecodedEvent& event : decoded.events) {
    if (event.rows.has_value()) {
      rows.insert(rows.end(), event.rows->rows.begin(), event.rows->rows.end());
    }
  }
  ASSERT_EQ(rows.size(), 2u);
  const std::vector<mysql::Value> first = {
      int64_t{1},
      mysql::Time{false, 12, 34, 56, 0},
      mysql::Time{true, 12, 34, 56, 789000},
      mysql::Time{false, 838, 59, 58, 999999},
      mysql::DateTime{2024, 2, 29, 23, 59, 59, 0},
      mysql::DateTime{2024, 2, 29, 23, 59, 59, 987000},
      mysql::DateTime{2024, 2, 29, 23, 59, 59, 987654},
      mysql::Timestamp{1709251199, 0},  // '2024-02-29 23:59:59' in time zone +00:00
      mysql::Timestamp{1709251199, 987000},
      mysql::Timestamp{1709251199, 987654},
  };
  std::vector<mysql::Value> second(10, mysql::Null{});
  second[0] = int64_t{2};
  EXPECT_EQ(rows[0].after.values, first);
  EXPECT_EQ(rows[1].after.values, second);
}

// ---------------------------------------------------------------------------------------------
// MySQL (and the MariaDB files without mysqlbinlog output): the peers' dumps.

using DumpParser = Result<std::vector<PeerFile>> (*)(std::string_view);
using PeerComparer = PeerComparison (*)(const DecodedFile&, const PeerFile&);

// Compares every file of every folder's `dump` with our decoding.
PeerComparison CompareWithDumps(const std::string& dump, std::string_view peer_name,
                                DumpParser parse, PeerComparer compare) {
  PeerComparison total;
  for (const std::string& folder : FixtureFolders()) {
    if (!FixtureExists(folder + "/" + dump)) {
      continue;
    }
    Result<std::vector<PeerFile>> peer_files = parse(ReadFixture(folder + "/" + dump));
    if (!peer_files.ok()) {
      ADD_FAILURE() << folder << "/" << dump << ": " << peer_files.status();
      continue;
    }
    for (const PeerFile& peer : *peer_files) {
      SCOPED_TRACE(peer.path);
      const PeerComparison result = compare(DecodeFixture(peer.path), peer);
      std::cout << "[conformance] " << peer_name << " " << peer.path << ": " << result.Summary()
                << "\n";
      total.Add(result);
    }
  }
  std::cout << "[conformance] " << peer_name << " total: " << total.Summary() << "\n";
  return total;
}

TEST(BinlogConformanceTest, RowsMatchGoMysqlWhereItDecoded) {
  const PeerComparison total =
      CompareWithDumps("PEER-go-mysql.txt", "go-mysql", &ParseGoMysqlDump, &CompareWithGoMysql);
  EXPECT_GT(total.values_compared, 0u);
  ExpectOnlyKnownDisagreements(total, KnownGoMysqlDisagreements());
}

TEST(BinlogConformanceTest, RowsMatchJavaConnectorWhereItDecoded) {
  const PeerComparison total = CompareWithDumps("PEER-mysql-binlog-connector-java.txt", "java",
                                                &ParseJavaDump, &CompareWithJava);
  EXPECT_GT(total.values_compared, 0u);
  ExpectOnlyKnownDisagreements(total, KnownJavaDisagreements());
}

}  // namespace
}  // namespace binlake::conformance
