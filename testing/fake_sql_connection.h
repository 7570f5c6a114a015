// FakeSqlServer: a scripted io::SqlConnector (and the io::SqlConnections it opens), for unit tests
// of code that talks SQL to the source.
//
// Contract. A test scripts answers by SQL text, then hands the server to the code under test as
// its SqlConnector (or opens a connection itself with Connect()):
//
//   FakeSqlServer server;
//   server.AddText("SELECT @@version", {{"@@version"}, {{"10.11.6-MariaDB"}}});
//   server.AddText("SHOW GRANTS", grants, FakeSqlServer::Match::kPrefix);
//   server.AddRows("SELECT `id`,`v` FROM `d`.`t`", {{int64_t{1}, mysql::Text{"a"}}},
//                  FakeSqlServer::Match::kPrefix);
//   server.AddFault("SELECT", FakeSqlServer::Match::kPrefix, UnavailableError("gone"), /*nth=*/3);
//   ... run the code ...
//   EXPECT_THAT(server.Sql(), ElementsAre("START TRANSACTION ...", ...));
//
// Matching. A statement matches a rule with Match::kExact when its text is equal, with
// Match::kPrefix when it starts with the rule's text ("" matches every statement). Among the
// rules that match, an exact rule wins, then the longest prefix, then the earliest added.
//   QueryText   answers from AddText/AddTextHandler rules; no rule: InvalidArgument ("the server
//               rejected the SQL"), naming the statement.
//   StreamRows  answers from AddRows/AddRowsHandler rules, calling on_row once per row (the
//               row's width must equal columns.size(), else Internal: the script is wrong); no
//               rule: InvalidArgument.
//   Execute     always succeeds (and is logged) unless a fault fires.
//
// Faults. AddFault(sql, match, error, nth, times): calls nth .. nth+times-1 (1-based, counted
// from when the rule is added, over every statement of any kind that matches) fail with
// `error`. For StreamRows, `after_rows` rows are delivered first, then the error (a connection
// lost mid-result). A fired Unavailable error also breaks that connection: every later call on
// it returns Unavailable, as a real lost session does (reconnect with Connect()).
// AddConnectFault(error, nth, times) fails Connect() calls the same way.
//
// Log. Every statement any connection runs is recorded in order, faulted ones included,
// with the id of the connection (1, 2, ... in Connect() order) and the kind of call.
//
// Thread-safety: every method may be called concurrently; connections may be used from several
// threads (one thread per connection, as SqlConnection requires). Handlers run without the
// server's lock held. Connections must not outlive their server.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/sql_connection.h"
#include "binlake/mysql/value.h"

namespace binlake::testing {

class FakeSqlServer : public io::SqlConnector {
 public:
  enum class Match : uint8_t { kExact, kPrefix };
  enum class Call : uint8_t { kExecute, kQueryText, kStreamRows };

  using Row = std::vector<mysql::Value>;
  using TextHandler = std::function<Result<io::TextResult>(std::string_view sql)>;
  using RowsHandler = std::function<Result<std::vector<Row>>(std::string_view sql)>;

  struct Statement {
    int connection = 0;  // 1-based, in Connect() order
    Call call = Call::kExecute;
    std::string sql;
    bool operator==(const Statement&) const = default;
  };

  static constexpr int kForever = 1 << 30;

  FakeSqlServer();
  ~FakeSqlServer() override;

  // QueryText(sql) answers `result`.
  void AddText(std::string sql, io::TextResult result, Match match = Match::kExact);
  // QueryText(sql) answers handler(sql): for answers that depend on the statement's text.
  void AddTextHandler(std::string sql, Match match, TextHandler handler);
  // StreamRows(sql, ...) streams `rows`.
  void AddRows(std::string sql, std::vector<Row> rows, Match match = Match::kExact);
  // StreamRows(sql, ...) streams the rows handler(sql) returns (or fails with its error).
  void AddRowsHandler(std::string sql, Match match, RowsHandler handler);
  // Matching calls nth .. nth+times-1 fail with `error` (see the contract above).
  void AddFault(std::string sql, Match match, Status error, int nth = 1, int times = 1,
                int64_t after_rows = 0);
  // Connect() calls nth .. nth+times-1 fail with `error`.
  void AddConnectFault(Status error, int nth = 1, int times = 1);

  Result<std::unique_ptr<io::SqlConnection>> Connect() override;

  // Every statement run so far, in order.
  std::vector<Statement> Statements() const;
  // Their SQL texts only.
  std::vector<std::string> Sql() const;
  // How many statements run so far start with `prefix`.
  int CountStatements(std::string_view prefix) const;
  // Connect() calls that returned a connection.
  int connections_opened() const;

 private:
  class Connection;
  struct Rule;
  struct Fault;
  struct Answer;

  Answer Run(int connection, Call call, std::string_view sql);
  const Rule* FindRule(Call call, std::string_view sql) const;

  mutable std::mutex mu_;
  std::vector<Rule> rules_;
  std::vector<Fault> faults_;
  std::vector<Statement> log_;
  int connections_opened_ = 0;
  std::vector<Fault> connect_faults_;
};

}  // namespace binlake::testing
