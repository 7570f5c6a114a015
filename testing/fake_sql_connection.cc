#include "testing/fake_sql_connection.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace binlake::testing {
namespace {

bool Matches(std::string_view pattern, FakeSqlServer::Match match, std::string_view sql) {
  return match == FakeSqlServer::Match::kExact ? sql == pattern : sql.starts_with(pattern);
}

// Higher is a better match: exact beats any prefix, a longer prefix beats a shorter one.
size_t MatchRank(std::string_view pattern, FakeSqlServer::Match match) {
  return match == FakeSqlServer::Match::kExact ? std::numeric_limits<size_t>::max()
                                               : pattern.size();
}

std::string_view CallName(FakeSqlServer::Call call) {
  switch (call) {
    case FakeSqlServer::Call::kExecute:
      return "Execute";
    case FakeSqlServer::Call::kQueryText:
      return "QueryText";
    case FakeSqlServer::Call::kStreamRows:
      return "StreamRows";
  }
  return "Unknown";
}

Status NoAnswer(FakeSqlServer::Call call, std::string_view sql) {
  return InvalidArgumentError(
      fmt::format("fake SQL server: no answer scripted for {}: {}", CallName(call), sql));
}

}  // namespace

struct FakeSqlServer::Rule {
  Call call = Call::kQueryText;
  std::string sql;
  Match match = Match::kExact;
  TextHandler text;
  RowsHandler rows;
};

struct FakeSqlServer::Fault {
  std::string sql;
  Match match = Match::kPrefix;
  Status error;
  int nth = 1;
  int times = 1;
  int64_t after_rows = 0;
  int seen = 0;

  // Counts one matching call; true when this call is one of those that fail.
  bool CountAndFires() {
    ++seen;
    return seen >= nth && seen - nth < times;
  }
};

// What one call gets: an injected error (after `after_rows` rows for a stream) or a handler.
struct FakeSqlServer::Answer {
  Status fault;
  int64_t after_rows = 0;
  TextHandler text;
  RowsHandler rows;
};

class FakeSqlServer::Connection : public io::SqlConnection {
 public:
  Connection(FakeSqlServer& server, int id) : server_(server), id_(id) {}

  Status Execute(std::string_view sql) override {
    Answer answer = Begin(Call::kExecute, sql);
    return answer.fault;
  }

  Result<io::TextResult> QueryText(std::string_view sql) override {
    Answer answer = Begin(Call::kQueryText, sql);
    if (!answer.fault.ok()) {
      return answer.fault;
    }
    if (!answer.text) {
      return NoAnswer(Call::kQueryText, sql);
    }
    return answer.text(sql);
  }

  Status StreamRows(std::string_view sql, std::span<const mysql::ColumnSchema> columns,
                    const io::RowCallback& on_row) override {
    Answer answer = Begin(Call::kStreamRows, sql);
    if (!answer.rows) {
      return answer.fault.ok() ? NoAnswer(Call::kStreamRows, sql) : answer.fault;
    }
    if (!answer.fault.ok() && answer.after_rows == 0) {
      return answer.fault;
    }
    Result<std::vector<Row>> rows = answer.rows(sql);
    if (!rows.ok()) {
      return rows.status();
    }
    int64_t delivered = 0;
    for (const Row& row : *rows) {
      if (!answer.fault.ok() && delivered == answer.after_rows) {
        break;
      }
      if (row.size() != columns.size()) {
        return InternalError(fmt::format(
            "fake SQL server: scripted row has {} values but StreamRows asked for {} columns: {}",
            row.size(), columns.size(), sql));
      }
      if (Status status = on_row(row); !status.ok()) {
        return status;
      }
      ++delivered;
    }
    return answer.fault;
  }

  std::string Describe() const override { return fmt::format("fake@connection{}", id_); }

 private:
  // Logs the call and returns its answer; a lost connection answers Unavailable, and a fired
  // Unavailable fault loses it.
  Answer Begin(Call call, std::string_view sql) {
    Answer answer = server_.Run(id_, call, sql);
    if (lost_) {
      answer.fault =
          UnavailableError(fmt::format("fake SQL server: connection {} was lost earlier", id_));
      answer.after_rows = 0;
    } else if (answer.fault.code() == StatusCode::kUnavailable) {
      lost_ = true;
    }
    return answer;
  }

  FakeSqlServer& server_;
  int id_;
  bool lost_ = false;
};

FakeSqlServer::FakeSqlServer() = default;
FakeSqlServer::~FakeSqlServer() = default;

void FakeSqlServer::AddText(std::string sql, io::TextResult result, Match match) {
  AddTextHandler(
      std::move(sql), match,
      [result = std::move(result)](std::string_view) -> Result<io::TextResult> { return result; });
}

void FakeSqlServer::AddTextHandler(std::string sql, Match match, TextHandler handler) {
  std::lock_guard lock(mu_);
  rules_.push_back(Rule{Call::kQueryText, std::move(sql), match, std::move(handler), nullptr});
}

void FakeSqlServer::AddRows(std::string sql, std::vector<Row> rows, Match match) {
  AddRowsHandler(
      std::move(sql), match,
      [rows = std::move(rows)](std::string_view) -> Result<std::vector<Row>> { return rows; });
}

void FakeSqlServer::AddRowsHandler(std::string sql, Match match, RowsHandler handler) {
  std::lock_guard lock(mu_);
  rules_.push_back(Rule{Call::kStreamRows, std::move(sql), match, nullptr, std::move(handler)});
}

void FakeSqlServer::AddFault(std::string sql, Match match, Status error, int nth, int times,
                             int64_t after_rows) {
  std::lock_guard lock(mu_);
  faults_.push_back(Fault{std::move(sql), match, std::move(error), nth, times, after_rows, 0});
}

void FakeSqlServer::AddConnectFault(Status error, int nth, int times) {
  std::lock_guard lock(mu_);
  connect_faults_.push_back(Fault{"", Match::kPrefix, std::move(error), nth, times, 0, 0});
}

Result<std::unique_ptr<io::SqlConnection>> FakeSqlServer::Connect() {
  std::lock_guard lock(mu_);
  Status fault;
  for (Fault& rule : connect_faults_) {
    if (rule.CountAndFires() && fault.ok()) {
      fault = rule.error;
    }
  }
  if (!fault.ok()) {
    return fault;
  }
  ++connections_opened_;
  return std::unique_ptr<io::SqlConnection>(
      std::make_unique<Connection>(*this, connections_opened_));
}

FakeSqlServer::Answer FakeSqlServer::Run(int connection, Call call, std::string_view sql) {
  std::lock_guard lock(mu_);
  log_.push_back(Statement{connection, call, std::string(sql)});
  Answer answer;
  for (Fault& rule : faults_) {
    if (Matches(rule.sql, rule.match, sql) && rule.CountAndFires() && answer.fault.ok()) {
      answer.fault = rule.error;
      answer.after_rows = rule.after_rows;
    }
  }
  if (const Rule* rule = FindRule(call, sql)) {
    answer.text = rule->text;
    answer.rows = rule->rows;
  }
  return answer;
}

const FakeSqlServer::Rule* FakeSqlServer::FindRule(Call call, std::string_view sql) const {
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (rule.call != call || !Matches(rule.sql, rule.match, sql)) {
      continue;
    }
    if (best == nullptr || MatchRank(rule.sql, rule.match) > MatchRank(best->sql, best->match)) {
      best = &rule;
    }
  }
  return best;
}

std::vector<FakeSqlServer::Statement> FakeSqlServer::Statements() const {
  std::lock_guard lock(mu_);
  return log_;
}

std::vector<std::string> FakeSqlServer::Sql() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> texts;
  texts.reserve(log_.size());
  for (const Statement& statement : log_) {
    texts.push_back(statement.sql);
  }
  return texts;
}

int FakeSqlServer::CountStatements(std::string_view prefix) const {
  std::lock_guard lock(mu_);
  return static_cast<int>(std::count_if(
      log_.begin(), log_.end(), [&](const Statement& s) { return s.sql.starts_with(prefix); }));
}

int FakeSqlServer::connections_opened() const {
  std::lock_guard lock(mu_);
  return connections_opened_;
}

}  // namespace binlake::testing
