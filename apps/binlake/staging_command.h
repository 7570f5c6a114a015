// `binlake staging ...`: read the change files `binlake capture` writes to the staging store
// (docs/formats/staging.md), the project's test reader.
//
//   binlake staging fold STORE --table schema.table [--format json|csv]
//                                                     (staging_fold_command.cc)
//   binlake staging ls STORE --table schema.table     (staging_ls_command.cc)
//
// STORE is a URI, `staging` (store_session.h), or the path of a configuration file whose
// staging store (staging.uri with its s3 settings) is meant. The table's columns come from the
// capture's schema history in the same store (capture/schema_history.h): the newest version.
// `--table` splits at the first '.' for which the history knows the table, so dotted names work.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/mysql/column_type.h"
#include "binlake/staging/change_file_reader.h"
#include "binlake/staging/fold.h"
#include "cli.h"
#include "store_session.h"

namespace binlake::cli {

// Adds the `staging` command group to `app`. `globals` and `action` must outlive parsing and
// the run.
void AddStagingCommand(CLI::App& app, const GlobalOptions& globals, Action& action);

// One table's staging files, in apply order, with the schema to read them.
struct StagedTable {
  std::unique_ptr<StoreSession> session;
  mysql::TableSchema schema;
  std::vector<staging::OrderedFile> files;
};

// Opens `store_arg`, finds `table_arg` ("schema.table") in the schema history and lists its
// files. NotFound when the history has no such table.
Result<StagedTable> OpenStagedTable(const GlobalOptions& globals, const std::string& store_arg,
                                    const std::string& table_arg);

// The rows of one of the table's files.
Result<std::vector<staging::StagedRow>> ReadStagedFile(StagedTable& table,
                                                       const staging::OrderedFile& file);

// Prints the table's current rows: CSV records (no header, the files' CSV rules) or JSON lines
// ({"column": "text" or null, ...}); then a summary line on stderr.
Status RunStagingFold(const GlobalOptions& globals, const std::string& store_arg,
                      const std::string& table_arg, const std::string& format);

// Prints one line per file in apply order: key, LOAD or CDC, rows, and rows by op.
Status RunStagingLs(const GlobalOptions& globals, const std::string& store_arg,
                    const std::string& table_arg);

}  // namespace binlake::cli
