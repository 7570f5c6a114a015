// wire_select: the wire limit of a full load, the side of bench/full_load_vs_dump.sh that does
// nothing but receive. It streams `SELECT * FROM <table>` over libmariadb with
// mysql_use_result (rows are read from the socket one at a time, never buffered whole) and
// discards every row, so its rate is what the server and the protocol deliver on this machine.
//
//   wire_select HOST PORT USER PASSWORD DATABASE TABLE
//
// Prints one line:  wire rows=<n> seconds=<wall seconds> rows_per_s=<n / seconds>
// Exit 1 with the server's message when connecting or the query fails.
#include <mysql.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// Quotes an identifier for MySQL: backticks around it, inner backticks doubled.
std::string QuoteIdentifier(const std::string& name) {
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`') {
      quoted += '`';
    }
    quoted += c;
  }
  quoted += '`';
  return quoted;
}

int Fail(MYSQL* conn, const char* what) {
  std::fprintf(stderr, "wire_select: %s: %s\n", what, mysql_error(conn));
  mysql_close(conn);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: wire_select HOST PORT USER PASSWORD DATABASE TABLE\n");
    return 2;
  }
  const unsigned int port = static_cast<unsigned int>(std::strtoul(argv[2], nullptr, 10));
  MYSQL* conn = mysql_init(nullptr);
  if (conn == nullptr) {
    std::fprintf(stderr, "wire_select: mysql_init failed\n");
    return 1;
  }
  if (mysql_real_connect(conn, argv[1], argv[3], argv[4], argv[5], port, nullptr, 0) == nullptr) {
    return Fail(conn, "connect");
  }
  const std::string query = "SELECT * FROM " + QuoteIdentifier(argv[6]);
  const auto start = std::chrono::steady_clock::now();
  if (mysql_real_query(conn, query.data(), query.size()) != 0) {
    return Fail(conn, "query");
  }
  MYSQL_RES* result = mysql_use_result(conn);
  if (result == nullptr) {
    return Fail(conn, "use_result");
  }
  unsigned long long rows = 0;
  while (mysql_fetch_row(result) != nullptr) {
    ++rows;
  }
  const bool failed = mysql_errno(conn) != 0;
  mysql_free_result(result);
  if (failed) {
    return Fail(conn, "fetch");
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("wire rows=%llu seconds=%.3f rows_per_s=%.0f\n", rows, elapsed.count(),
              static_cast<double>(rows) / elapsed.count());
  mysql_close(conn);
  return 0;
}
