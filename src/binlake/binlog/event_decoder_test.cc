// EventDecoder over hand-built events (golden bytes): every event type, format descriptions of
// each server family, checksums, payloads, and the error paths.
#include "binlake/binlog/event_decoder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/varint.h"
#include "binlake/binlog/event_bodies.h"
#include "testing/binlog_events.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::BinlogFile;
using ::binlake::testing::DefaultPostHeaderLengths;
using ::binlake::testing::EventHeaderFields;
using ::binlake::testing::Le;
using ::binlake::testing::MakeEvent;
using ::binlake::testing::MakeFormatDescription;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kSource = "test-bin.000001";

struct Decoded {
  std::vector<Event> events;
  Status status;
};

// Frames `file` (magic + events) by event length and decodes every event.
Decoded DecodeBytes(const std::string& file, EventDecoder& decoder) {
  Decoded out;
  size_t offset = 4;
  while (offset + 13 <= file.size()) {
    ByteReader length_reader(std::string_view(file).substr(offset + 9, 4));
    const uint32_t length = *length_reader.ReadU32Le();
    io::RawBinlogEvent raw{std::string_view(file).substr(offset, length), kSource, offset};
    out.status = decoder.Decode(raw, [&](const Event& event) {
      out.events.push_back(event);
      return Status::Ok();
    });
    if (!out.status.ok()) {
      break;
    }
    offset += length;
  }
  return out;
}

class EventDecoderTest : public ::testing::Test {
 protected:
  // A CRC32 MySQL 8.0 file with `events` (built by E()).
  Decoded Decode(const std::vector<std::string>& events) {
    std::vector<std::string> all = {MakeFormatDescription("8.0.32", 1)};
    all.insert(all.end(), events.begin(), events.end());
    file_ = BinlogFile(all, true);
    return DecodeBytes(file_, decoder_);
  }
  // The body of the single event after the FDE.
  template <typename T>
  T DecodeOne(uint8_t type, const std::string& body, const EventHeaderFields& fields = {}) {
    Decoded decoded = Decode({MakeEvent(type, body, true, fields)});
    EXPECT_OK(decoded.status);
    if (decoded.events.size() != 2 || !std::holds_alternative<T>(decoded.events[1].body)) {
      ADD_FAILURE() << "expected one decoded event of the requested type";
      return T{};
    }
    return std::get<T>(decoded.events[1].body);
  }
  static std::string E(uint8_t type, const std::string& body) {
    return MakeEvent(type, body, true);
  }

  EventDecoder decoder_;
  std::string file_;
};

std::string Uuid16() {
  std::string uuid;
  for (int i = 0; i < 16; ++i) {
    uuid.push_back(static_cast<char>(0x10 + i));
  }
  return uuid;
}

// MySQL serialization-framework unsigned varint.
std::string VarUint(uint64_t value) {
  size_t n = 1;
  while (n < 9 && value >= (uint64_t{1} << (7 * n))) {
    ++n;
  }
  if (n == 9) {
    return "\xff" + Le(value, 8);
  }
  const uint64_t encoded = (value << n) | ((uint64_t{1} << (n - 1)) - 1);
  return Le(encoded, n);
}

TEST_F(EventDecoderTest, FormatDescriptionOfEachServerFamily) {
  Decoded mysql8 = Decode({});
  ASSERT_OK(mysql8.status);
  const auto& fde = std::get<FormatDescriptionEvent>(mysql8.events.at(0).body);
  EXPECT_EQ(fde.binlog_version, 4);
  EXPECT_EQ(fde.server_version, "8.0.32");
  EXPECT_EQ(fde.checksum, ChecksumAlgorithm::kCrc32);
  EXPECT_FALSE(fde.is_mariadb);
  EXPECT_EQ(fde.post_header_lengths, DefaultPostHeaderLengths());
  EXPECT_EQ(fde.PostHeaderLength(2), 13);
  EXPECT_EQ(fde.PostHeaderLength(200), 0);

  EventDecoder old_decoder;
  Decoded mysql55 = DecodeBytes(
      BinlogFile({MakeFormatDescription("5.5.44-log", -1), MakeEvent(16, Le(7, 8), false)}, false),
      old_decoder);
  ASSERT_OK(mysql55.status);
  EXPECT_EQ(std::get<FormatDescriptionEvent>(mysql55.events[0].body).checksum,
            ChecksumAlgorithm::kUndefined);
  EXPECT_EQ(std::get<XidEvent>(mysql55.events[1].body).xid, 7u);

  EventDecoder maria_decoder;
  Decoded maria = DecodeBytes(
      BinlogFile({MakeFormatDescription("10.11.6-MariaDB-log", 0), MakeEvent(16, Le(9, 8), false)},
                 false),
      maria_decoder);
  ASSERT_OK(maria.status);
  const auto& maria_fde = std::get<FormatDescriptionEvent>(maria.events[0].body);
  EXPECT_TRUE(maria_fde.is_mariadb);
  EXPECT_EQ(maria_fde.checksum, ChecksumAlgorithm::kOff);
  EXPECT_EQ(std::get<XidEvent>(maria.events[1].body).xid, 9u);
}

TEST_F(EventDecoderTest, StartEventV3OfBinlogV1AndV3) {
  const std::string body = Le(3, 2) + std::string("4.0.20") + std::string(44, '\0') + Le(0, 4);
  EventDecoder v3_decoder;
  Decoded v3 = DecodeBytes(BinlogFile({MakeEvent(1, body, false)}, false), v3_decoder);
  ASSERT_OK(v3.status);
  const auto& fde = std::get<FormatDescriptionEvent>(v3.events[0].body);
  EXPECT_EQ(fde.binlog_version, 3);
  EXPECT_EQ(fde.header_length, 19);
  EXPECT_EQ(fde.PostHeaderLength(2), 11);
  EXPECT_EQ(fde.PostHeaderLength(4), 8);

  // Binlog v1: a 13-byte header (no next position, no flags).
  std::string v1_event = Le(1000, 4) + std::string(1, '\x01') + Le(1, 4) + Le(13 + 56, 4);
  v1_event += Le(1, 2) + std::string("3.23.58") + std::string(43, '\0') + Le(0, 4);
  EventDecoder v1_decoder;
  Decoded v1 = DecodeBytes(
      "\xfe"
      "bin" +
          v1_event,
      v1_decoder);
  ASSERT_OK(v1.status);
  const auto& v1_fde = std::get<FormatDescriptionEvent>(v1.events[0].body);
  EXPECT_EQ(v1_fde.header_length, 13);
  EXPECT_EQ(v1_fde.PostHeaderLength(4), 0);
}

TEST_F(EventDecoderTest, VerifiesCrc32AndNamesTheOffset) {
  std::string file = BinlogFile({MakeFormatDescription("8.0.32", 1), E(16, Le(1, 8))}, true);
  file[file.size() - 6] ^= 0x01;  // a body byte of the XID event
  Decoded decoded = DecodeBytes(file, decoder_);
  EXPECT_THAT(decoded.status,
              StatusIs(StatusCode::kCorruption,
                       AllOf(HasSubstr("test-bin.000001: offset"), HasSubstr("XID_EVENT"),
                             HasSubstr("checksum mismatch"))));
}

TEST_F(EventDecoderTest, FormatDescriptionChecksumIgnoresTheInUseFlag) {
  std::string file = BinlogFile({MakeFormatDescription("8.0.32", 1)}, true);
  file[4 + 17] |= 0x01;  // LOG_EVENT_BINLOG_IN_USE_F set after the checksum was computed
  Decoded decoded = DecodeBytes(file, decoder_);
  ASSERT_OK(decoded.status);
  EXPECT_EQ(decoded.events[0].header.flags, kEventFlagBinlogInUse);
}

TEST_F(EventDecoderTest, RotateAndStop) {
  const auto rotate = DecodeOne<RotateEvent>(4, Le(4, 8) + "mysql-bin.000002");
  EXPECT_EQ(rotate.position, 4u);
  EXPECT_EQ(rotate.next_file, "mysql-bin.000002");
  Decoded stop = Decode({E(3, "")});
  ASSERT_OK(stop.status);
  EXPECT_TRUE(std::holds_alternative<StopEvent>(stop.events[1].body));
}

std::string QueryBody(const std::string& status_vars, const std::string& db,
                      const std::string& statement) {
  std::string body = Le(77, 4) + Le(2, 4);
  body.push_back(static_cast<char>(db.size()));
  body += Le(0, 2) + Le(status_vars.size(), 2) + status_vars + db + std::string(1, '\0');
  return body + statement;
}

TEST_F(EventDecoderTest, QueryWithEveryStatusVariable) {
  std::string vars;
  vars += '\x00' + Le(0x4000, 4);                        // flags2
  vars += '\x01' + Le(0x1234, 8);                        // sql_mode
  vars += '\x03' + Le(2, 2) + Le(1, 2);                  // auto_increment
  vars += '\x04' + Le(33, 2) + Le(255, 2) + Le(8, 2);    // charsets
  vars += std::string("\x05\x06+00:00", 8);              // time_zone
  vars += std::string("\x06\x03std", 5);                 // catalog (NZ)
  vars += '\x07' + Le(1, 2);                             // lc_time_names
  vars += '\x08' + Le(45, 2);                            // collation_database
  vars += '\x09' + Le(3, 8);                             // table_map_for_update
  vars += std::string("\x0b\x04root\x09localhost", 16);  // invoker
  vars += std::string(
      "\x0c\x02"
      "db1\0db2\0",
      10);                                     // updated db names
  vars += '\x0d' + Le(123456, 3);              // microseconds
  vars += std::string("\x10\x01", 2);          // explicit_defaults
  vars += '\x11' + Le(99, 8);                  // ddl xid
  vars += '\x12' + Le(255, 2);                 // default utf8mb4 coll.
  vars += std::string("\x13\x01\x14\x00", 4);  // sql_require_pk, enc.
  vars += '\x80' + Le(500, 3);                 // MariaDB hrnow
  vars += '\x81' + Le(77, 8);                  // MariaDB xid
  vars += std::string("\x82\x05", 2);          // gtid_flags3
  vars += std::string("\xc8\x01\x02", 3);      // unknown: parse stops
  const auto query = DecodeOne<QueryEvent>(2, QueryBody(vars, "db1", "CREATE TABLE t (a INT)"));
  EXPECT_EQ(query.thread_id, 77u);
  EXPECT_EQ(query.exec_time, 2u);
  EXPECT_EQ(query.database, "db1");
  EXPECT_EQ(query.statement, "CREATE TABLE t (a INT)");
  EXPECT_EQ(query.kind, QueryKind::kDdl);
  const QueryStatusVars& s = query.status;
  EXPECT_EQ(s.flags2, 0x4000u);
  EXPECT_EQ(s.sql_mode, 0x1234u);
  EXPECT_EQ(s.auto_increment_increment, 2);
  EXPECT_EQ(s.auto_increment_offset, 1);
  EXPECT_EQ(s.character_set_client, 33);
  EXPECT_EQ(s.collation_connection, 255);
  EXPECT_EQ(s.collation_server, 8);
  EXPECT_EQ(s.time_zone, "+00:00");
  EXPECT_EQ(s.catalog, "std");
  EXPECT_EQ(s.lc_time_names, 1);
  EXPECT_EQ(s.collation_database, 45);
  EXPECT_EQ(s.table_map_for_update, 3u);
  EXPECT_EQ(s.invoker_user, "root");
  EXPECT_EQ(s.invoker_host, "localhost");
  EXPECT_THAT(s.updated_db_names, ElementsAre("db1", "db2"));
  EXPECT_EQ(s.microseconds, 123456u);
  EXPECT_EQ(s.explicit_defaults_for_timestamp, true);
  EXPECT_EQ(s.ddl_xid, 99u);
  EXPECT_EQ(s.default_collation_for_utf8mb4, 255);
  EXPECT_EQ(s.sql_require_primary_key, true);
  EXPECT_EQ(s.default_table_encryption, false);
  EXPECT_EQ(s.hrnow_micros, 500u);
  EXPECT_EQ(s.xid, 77u);
  EXPECT_EQ(s.gtid_flags3, 5);
  EXPECT_EQ(s.first_unknown_code, 200);
}

TEST_F(EventDecoderTest, TruncatedStatusVariableIsCorruption) {
  Decoded decoded = Decode({E(2, QueryBody(std::string("\x01\x02", 2), "", "BEGIN"))});
  EXPECT_THAT(decoded.status, StatusIs(StatusCode::kCorruption, HasSubstr("sql_mode")));
}

TEST(ClassifyStatementTest, LeadingKeywords) {
  EXPECT_EQ(ClassifyStatement("BEGIN"), QueryKind::kBegin);
  EXPECT_EQ(ClassifyStatement("start transaction"), QueryKind::kBegin);
  EXPECT_EQ(ClassifyStatement("COMMIT"), QueryKind::kCommit);
  EXPECT_EQ(ClassifyStatement("ROLLBACK"), QueryKind::kRollback);
  EXPECT_EQ(ClassifyStatement("ROLLBACK WORK TO SAVEPOINT s"), QueryKind::kRollbackToSavepoint);
  EXPECT_EQ(ClassifyStatement("SAVEPOINT s"), QueryKind::kSavepoint);
  EXPECT_EQ(ClassifyStatement("XA START X'01',X'',1"), QueryKind::kXaStart);
  EXPECT_EQ(ClassifyStatement("XA END X'01',X'',1"), QueryKind::kXaEnd);
  EXPECT_EQ(ClassifyStatement("XA PREPARE X'01',X'',1"), QueryKind::kXaPrepare);
  EXPECT_EQ(ClassifyStatement("XA COMMIT X'01',X'',1"), QueryKind::kXaCommit);
  EXPECT_EQ(ClassifyStatement("xa rollback X'01',X'',1"), QueryKind::kXaRollback);
  EXPECT_EQ(ClassifyStatement("/*!40000 ALTER TABLE t DISABLE KEYS */"), QueryKind::kDdl);
  EXPECT_EQ(ClassifyStatement("/* c */ DROP TABLE t"), QueryKind::kDdl);
  EXPECT_EQ(ClassifyStatement("-- c\n  insert into t values (1)"), QueryKind::kDataChange);
  EXPECT_EQ(ClassifyStatement("# c\nUPDATE t SET a=1"), QueryKind::kDataChange);
  EXPECT_EQ(ClassifyStatement("TRUNCATE t"), QueryKind::kDdl);
  EXPECT_EQ(ClassifyStatement("SET @a=1"), QueryKind::kOther);
  EXPECT_EQ(ClassifyStatement(""), QueryKind::kOther);
}

TEST_F(EventDecoderTest, MariaDbCompressedQuery) {
  const std::string statement = "INSERT INTO t VALUES ('" + std::string(300, 'a') + "')";
  std::string compressed(compressBound(statement.size()), '\0');
  uLongf size = compressed.size();
  ASSERT_EQ(compress(reinterpret_cast<Bytef*>(compressed.data()), &size,
                     reinterpret_cast<const Bytef*>(statement.data()), statement.size()),
            Z_OK);
  compressed.resize(size);
  const std::string data = "\x82" + std::string(1, '\x01') +
                           std::string(1, static_cast<char>(statement.size() & 0xff)) + compressed;
  const auto query = DecodeOne<QueryEvent>(165, QueryBody("", "db", data));
  EXPECT_EQ(query.statement, statement);
  EXPECT_EQ(query.kind, QueryKind::kDataChange);

  Decoded bad = Decode({E(165, QueryBody("", "db", "\x82\x01\x2cnot zlib"))});
  EXPECT_THAT(bad.status, StatusIs(StatusCode::kCorruption, HasSubstr("zlib")));
}

TEST_F(EventDecoderTest, SmallControlEvents) {
  EXPECT_EQ(DecodeOne<XidEvent>(16, Le(0x1122334455, 8)).xid, 0x1122334455u);
  const auto intvar = DecodeOne<IntvarEvent>(5, std::string(1, '\x02') + Le(1000, 8));
  EXPECT_EQ(intvar.kind, 2);
  EXPECT_EQ(intvar.value, 1000u);
  const auto rand = DecodeOne<RandEvent>(13, Le(11, 8) + Le(22, 8));
  EXPECT_EQ(rand.seed1, 11u);
  EXPECT_EQ(rand.seed2, 22u);
  const auto user_var =
      DecodeOne<UserVarEvent>(14, Le(1, 4) + "a" + std::string(1, '\0') + std::string(1, '\x02') +
                                      Le(63, 4) + Le(8, 4) + Le(42, 8) + std::string(1, '\x01'));
  EXPECT_EQ(user_var.name, "a");
  EXPECT_FALSE(user_var.is_null);
  EXPECT_EQ(user_var.value_type, 2);
  EXPECT_EQ(user_var.charset, 63u);
  EXPECT_EQ(user_var.value, Le(42, 8));
  EXPECT_EQ(user_var.flags, 1);
  const auto null_var = DecodeOne<UserVarEvent>(14, Le(2, 4) + "bb" + std::string(1, '\x01'));
  EXPECT_TRUE(null_var.is_null);
  const auto incident = DecodeOne<IncidentEvent>(26, Le(1, 2) + "\x0blost events");
  EXPECT_EQ(incident.incident, 1);
  EXPECT_EQ(incident.message, "lost events");
  const auto xa =
      DecodeOne<XaPrepareEvent>(38, std::string(1, '\0') + Le(1, 4) + Le(3, 4) + Le(1, 4) + "abcz");
  EXPECT_FALSE(xa.one_phase);
  EXPECT_EQ(xa.xid, (XaId{1, "abc", "z"}));
  EXPECT_EQ(XaIdToString(xa.xid), "X'616263',X'7a',1");
  EXPECT_EQ(DecodeOne<RowsQueryEvent>(29, "\x08INSERT 1").statement, "INSERT 1");
  EXPECT_EQ(DecodeOne<RowsQueryEvent>(160, "INSERT 2").statement, "INSERT 2");
  EXPECT_EQ(DecodeOne<BinlogCheckpointEvent>(161, Le(5, 4) + "b.001").file, "b.001");
}

TEST_F(EventDecoderTest, Heartbeats) {
  Decoded v1 = Decode({E(27, "mysql-bin.000009")});
  ASSERT_OK(v1.status);
  const auto& heartbeat = std::get<HeartbeatEvent>(v1.events[1].body);
  EXPECT_EQ(heartbeat.log_file, "mysql-bin.000009");
  EXPECT_EQ(heartbeat.position, v1.events[1].header.next_position);
  EXPECT_FALSE(heartbeat.v2);
  const std::string tlv = std::string("\x01\x05") + "b.007" + "\x02\x03\xfc\x10\x27" + '\x00';
  const auto v2 = DecodeOne<HeartbeatEvent>(41, tlv);
  EXPECT_TRUE(v2.v2);
  EXPECT_EQ(v2.log_file, "b.007");
  EXPECT_EQ(v2.position, 10000u);
}

TEST_F(EventDecoderTest, MySqlGtidWithEveryExtension) {
  std::string body = std::string(1, '\x01') + Uuid16() + Le(42, 8);
  body += '\x02' + Le(5, 8) + Le(6, 8);
  body += Le(1700000000123456ULL | (uint64_t{1} << 55), 7) + Le(1600000000000001ULL, 7);
  body += "\xfc" + Le(300, 2);  // transaction length
  body += Le(80032 | (uint32_t{1} << 31), 4) + Le(50744, 4);
  const auto gtid = DecodeOne<GtidEvent>(33, body);
  EXPECT_EQ(gtid.flags, 1);
  EXPECT_EQ(gtid.gno, 42);
  EXPECT_TRUE(gtid.has_logical_clock);
  EXPECT_EQ(gtid.last_committed, 5);
  EXPECT_EQ(gtid.sequence_number, 6);
  EXPECT_EQ(gtid.immediate_commit_micros, 1700000000123456u);
  EXPECT_EQ(gtid.original_commit_micros, 1600000000000001u);
  EXPECT_EQ(gtid.transaction_length, 300u);
  EXPECT_EQ(gtid.immediate_server_version, 80032u);
  EXPECT_EQ(gtid.original_server_version, 50744u);
  EXPECT_EQ(GtidToString(gtid), "10111213-1415-1617-1819-1a1b1c1d1e1f:42");

  const auto gtid56 = DecodeOne<GtidEvent>(33, std::string(1, '\x01') + Uuid16() + Le(7, 8));
  EXPECT_FALSE(gtid56.has_logical_clock);
  EXPECT_FALSE(gtid56.immediate_commit_micros.has_value());
  const auto anonymous =
      DecodeOne<GtidEvent>(34, std::string(1, '\x01') + std::string(16, '\0') + Le(0, 8));
  EXPECT_TRUE(anonymous.anonymous);
  EXPECT_EQ(GtidToString(anonymous), "ANONYMOUS");
}

TEST_F(EventDecoderTest, TaggedGtid) {
  std::string fields;
  fields += VarUint(0) + VarUint(1);  // flags
  fields += VarUint(1);
  for (char c : Uuid16()) {
    fields += VarUint(static_cast<uint8_t>(c));
  }
  fields += VarUint(2) + VarUint(ZigZagEncode64(3));  // gno
  fields += VarUint(3) + VarUint(5) + "mytag";
  fields += VarUint(4) + VarUint(ZigZagEncode64(10));
  fields += VarUint(5) + VarUint(ZigZagEncode64(11));
  fields += VarUint(6) + VarUint(1770368687207196ULL);
  fields += VarUint(8) + VarUint(500);
  fields += VarUint(9) + VarUint(90600);
  fields += VarUint(12) + VarUint(1);  // unknown but ignorable: parse stops here
  const std::string last_non_ignorable = VarUint(8);
  // The message size counts the version byte, itself and everything after it.
  std::string size = VarUint(1 + 1 + last_non_ignorable.size() + fields.size());
  const std::string body = "\x02" + size + last_non_ignorable + fields;
  const auto gtid = DecodeOne<GtidEvent>(42, body);
  EXPECT_EQ(GtidToString(gtid), "10111213-1415-1617-1819-1a1b1c1d1e1f:mytag:3");
  EXPECT_EQ(gtid.last_committed, 10);
  EXPECT_EQ(gtid.sequence_number, 11);
  EXPECT_EQ(gtid.immediate_commit_micros, 1770368687207196u);
  EXPECT_EQ(gtid.original_commit_micros, 1770368687207196u);
  EXPECT_EQ(gtid.transaction_length, 500u);
  EXPECT_EQ(gtid.immediate_server_version, 90600u);

  Decoded bad = Decode({E(42, "\x03" + size)});
  EXPECT_THAT(bad.status, StatusIs(StatusCode::kUnimplemented, HasSubstr("version 3")));
}

TEST_F(EventDecoderTest, PreviousGtidsUntaggedAndTagged) {
  const std::string untagged =
      Le(1, 8) + Uuid16() + Le(2, 8) + Le(1, 8) + Le(5, 8) + Le(7, 8) + Le(9, 8);
  const auto previous = DecodeOne<PreviousGtidsEvent>(35, untagged);
  ASSERT_EQ(previous.entries.size(), 1u);
  EXPECT_EQ(previous.entries[0].tag, "");
  ASSERT_EQ(previous.entries[0].intervals.size(), 2u);
  EXPECT_EQ(previous.entries[0].intervals[1].start, 7);
  EXPECT_EQ(previous.entries[0].intervals[1].end, 9);

  const std::string tagged = Le((uint64_t{1} << 56) | (uint64_t{1} << 8) | 1, 8) + Uuid16() +
                             VarUint(2) + "ab" + Le(1, 8) + Le(1, 8) + Le(4, 8);
  const auto tagged_previous = DecodeOne<PreviousGtidsEvent>(35, tagged);
  ASSERT_EQ(tagged_previous.entries.size(), 1u);
  EXPECT_EQ(tagged_previous.entries[0].tag, "ab");
  EXPECT_EQ(tagged_previous.entries[0].intervals[0].end, 4);

  Decoded huge = Decode({E(35, Le(1000000, 8))});
  EXPECT_THAT(huge.status, StatusIs(StatusCode::kCorruption, HasSubstr("cannot fit")));
}

TEST_F(EventDecoderTest, MariaDbGtidAndGtidList) {
  const auto plain = DecodeOne<MariaGtidEvent>(
      162, Le(12, 8) + Le(3, 4) + std::string(1, '\x0c') + std::string(6, '\0'),
      EventHeaderFields{1700000000, 7, 0, 0});
  EXPECT_EQ(plain.sequence, 12u);
  EXPECT_EQ(plain.domain_id, 3u);
  EXPECT_EQ(plain.flags, kMariaGtidTransactional | kMariaGtidAllowParallel);
  EXPECT_FALSE(plain.commit_id.has_value());
  EXPECT_EQ(MariaGtidToString(3, 7, 12), "3-7-12");

  const auto group =
      DecodeOne<MariaGtidEvent>(162, Le(1, 8) + Le(0, 4) + std::string(1, '\x02') + Le(555, 8));
  EXPECT_EQ(group.commit_id, 555u);

  const auto xa =
      DecodeOne<MariaGtidEvent>(162, Le(2, 8) + Le(0, 4) + std::string(1, '\x40') + Le(1, 4) +
                                         "\x02\x01" + "abc" + std::string(1, '\x00'));
  ASSERT_TRUE(xa.xid.has_value());
  EXPECT_EQ(*xa.xid, (XaId{1, "ab", "c"}));

  const auto list =
      DecodeOne<MariaGtidListEvent>(163, Le(2 | (uint32_t{1} << 28), 4) + Le(0, 4) + Le(1, 4) +
                                             Le(10, 8) + Le(1, 4) + Le(2, 4) + Le(20, 8));
  EXPECT_EQ(list.flags, 1);
  ASSERT_EQ(list.gtids.size(), 2u);
  EXPECT_EQ(list.gtids[1].domain_id, 1u);
  EXPECT_EQ(list.gtids[1].server_id, 2u);
  EXPECT_EQ(list.gtids[1].sequence, 20u);
}

// Inner events of a payload: no checksum, next_position 0.
std::string PayloadEvents() {
  return MakeEvent(2, QueryBody("", "db", "BEGIN"), false) + MakeEvent(16, Le(5, 8), false);
}

std::string PayloadBody(uint64_t compression, const std::string& payload, uint64_t raw_size) {
  auto field = [](uint64_t type, uint64_t value) {
    std::string encoded =
        value < 251 ? std::string(1, static_cast<char>(value)) : "\xfc" + Le(value, 2);
    return std::string(1, static_cast<char>(type)) +
           std::string(1, static_cast<char>(encoded.size())) + encoded;
  };
  return field(2, compression) + field(3, raw_size) + field(1, payload.size()) +
         std::string(1, '\0') + payload;
}

TEST_F(EventDecoderTest, TransactionPayloadZstdRoundTrip) {
  const std::string inner = PayloadEvents();
  std::string compressed(ZSTD_compressBound(inner.size()), '\0');
  compressed.resize(
      ZSTD_compress(compressed.data(), compressed.size(), inner.data(), inner.size(), 3));
  Decoded decoded = Decode({E(40, PayloadBody(0, compressed, inner.size()))});
  ASSERT_OK(decoded.status);
  ASSERT_EQ(decoded.events.size(), 4u);
  const Event& payload = decoded.events[1];
  EXPECT_EQ(std::get<TransactionPayloadEvent>(payload.body).uncompressed_size, inner.size());
  const Event& begin = decoded.events[2];
  EXPECT_EQ(std::get<QueryEvent>(begin.body).kind, QueryKind::kBegin);
  EXPECT_EQ(begin.offset, payload.offset);
  EXPECT_EQ(begin.end_offset, payload.end_offset);
  EXPECT_EQ(begin.payload_offset, 0u);
  const Event& xid = decoded.events[3];
  EXPECT_EQ(std::get<XidEvent>(xid.body).xid, 5u);
  EXPECT_EQ(xid.payload_offset, inner.size() - 27);
}

TEST_F(EventDecoderTest, TransactionPayloadUncompressedAndBroken) {
  const std::string inner = PayloadEvents();
  Decoded plain = Decode({E(40, PayloadBody(255, inner, inner.size()))});
  ASSERT_OK(plain.status);
  EXPECT_EQ(plain.events.size(), 4u);

  EventDecoder second;
  std::string garbage = "\x28\xb5\x2f\xfd garbage";
  Decoded bad = DecodeBytes(
      BinlogFile({MakeFormatDescription("8.0.32", 1), E(40, PayloadBody(0, garbage, 54))}, true),
      second);
  EXPECT_THAT(bad.status, StatusIs(StatusCode::kCorruption, HasSubstr("zstd")));

  EventDecoder third;
  Decoded short_size = DecodeBytes(BinlogFile({MakeFormatDescription("8.0.32", 1),
                                               E(40, PayloadBody(255, inner, inner.size() + 1))},
                                              true),
                                   third);
  EXPECT_THAT(short_size.status, StatusIs(StatusCode::kCorruption, HasSubstr("the header says")));

  EventDecoder fourth;
  Decoded truncated = DecodeBytes(
      BinlogFile({MakeFormatDescription("8.0.32", 1),
                  E(40, PayloadBody(255, inner.substr(0, inner.size() - 3), inner.size()))},
                 true),
      fourth);
  EXPECT_THAT(truncated.status, StatusIs(StatusCode::kCorruption, HasSubstr("payload offset")));
}

TEST_F(EventDecoderTest, UnknownEventsAreSkippedOnlyWhenIgnorable) {
  Decoded unknown = Decode({E(99, "data")});
  EXPECT_THAT(unknown.status,
              StatusIs(StatusCode::kUnimplemented, HasSubstr("unknown event type 99")));
  EventDecoder second;
  Decoded ignorable = DecodeBytes(
      BinlogFile({MakeFormatDescription("8.0.32", 1),
                  MakeEvent(99, "data", true, EventHeaderFields{1, 1, 0, kEventFlagIgnorable})},
                 true),
      second);
  ASSERT_OK(ignorable.status);
  EXPECT_TRUE(std::holds_alternative<OpaqueEvent>(ignorable.events[1].body));
}

TEST_F(EventDecoderTest, ErrorsForEncryptionMissingFormatAndMissingTableMap) {
  EXPECT_THAT(Decode({E(164, "\x01" + std::string(16, 'k'))}).status,
              StatusIs(StatusCode::kUnimplemented, HasSubstr("encrypted")));

  EventDecoder fresh;
  Decoded no_format = DecodeBytes(
      "\xfe"
      "bin" +
          MakeEvent(16, Le(1, 8), false),
      fresh);
  EXPECT_THAT(no_format.status, StatusIs(StatusCode::kFailedPrecondition));

  EventDecoder third;
  Decoded no_map =
      DecodeBytes(BinlogFile({MakeFormatDescription("8.0.32", 1),
                              E(30, Le(77, 6) + Le(1, 2) + Le(2, 2) + "\x01\x01\x00" + Le(1, 4))},
                             true),
                  third);
  EXPECT_THAT(no_map.status, StatusIs(StatusCode::kCorruption, HasSubstr("table id 77")));
}

TEST_F(EventDecoderTest, TableMapThenRowsAreDecodedWithTheMap) {
  const std::string table_map = Le(77, 6) + Le(1, 2) + "\x02" + "db" + std::string(1, '\0') +
                                "\x01" + "t" + std::string("\0\x01\x03\x00\x00", 5);
  const std::string rows =
      Le(77, 6) + Le(1, 2) + Le(2, 2) + std::string("\x01\x01\x00", 3) + Le(1234, 4);
  Decoded decoded = Decode({E(19, table_map), E(30, rows)});
  ASSERT_OK(decoded.status);
  ASSERT_EQ(decoded.events.size(), 3u);
  EXPECT_EQ(std::get<TableMapEvent>(decoded.events[1].body).table->table, "t");
  const auto& data = std::get<RowsEventData>(decoded.events[2].body);
  EXPECT_EQ(data.table->database, "db");
  ASSERT_EQ(data.rows.rows.size(), 1u);
  EXPECT_EQ(data.rows.rows[0].after.values.at(0), mysql::Value(int64_t{1234}));
  ASSERT_NE(decoder_.FindTable(77), nullptr);
}

}  // namespace
}  // namespace binlake::binlog
