#include "staging_command.h"

#include "adapters/object_io.h"
#include "binlake/base/macros.h"
#include "binlake/capture/schema_history.h"
#include "binlake/staging/layout.h"

namespace binlake::cli {
namespace {

struct StagingArgs {
  std::string store;
  std::string table;
  std::string format = "csv";
};

constexpr char kStagingStoreHelp[] =
    "staging store URI (file:///dir, s3://bucket/prefix), `staging` for the configured one, or "
    "a configuration file (its staging.uri and s3 settings)";

void AddStoreAndTable(CLI::App& command, StagingArgs& args) {
  command.add_option("STORE", args.store, kStagingStoreHelp)->required();
  command.add_option("--table", args.table, "the table, as schema.table")->required();
}

// The schema of `table_arg` from the history, trying each '.' as the split.
Result<mysql::TableSchema> FindSchema(io::ObjectStore& store, const std::string& table_arg) {
  capture::SchemaHistory history(store);
  for (size_t dot = table_arg.find('.'); dot != std::string::npos;
       dot = table_arg.find('.', dot + 1)) {
    Result<capture::SchemaVersion> version =
        history.Latest(table_arg.substr(0, dot), table_arg.substr(dot + 1));
    if (version.ok()) {
      return std::move(version).value().schema;
    }
    if (version.status().code() != StatusCode::kNotFound) {
      return version.status();
    }
  }
  return NotFoundError("no schema of table \"" + table_arg + "\" under " +
                       std::string(capture::kSchemaHistoryPrefix) + " in " + store.Describe() +
                       " (--table is schema.table)");
}

Result<std::vector<std::string>> ListKeys(io::ObjectStore& store, const std::string& prefix) {
  std::vector<std::string> keys;
  io::ListOptions options;
  options.prefix = prefix;
  do {
    ASSIGN_OR_RETURN(io::ListPage page, store.List(options));
    for (const io::ObjectInfo& object : page.objects) {
      keys.push_back(object.key);
    }
    options.page_token = page.next_page_token;
  } while (!options.page_token.empty());
  return keys;
}

}  // namespace

Result<StagedTable> OpenStagedTable(const GlobalOptions& globals, const std::string& store_arg,
                                    const std::string& table_arg) {
  StagedTable staged;
  if (store_arg.find("://") == std::string::npos && store_arg != "staging") {
    GlobalOptions with_config = globals;
    with_config.config_file = store_arg;
    ASSIGN_OR_RETURN(staged.session, StoreSession::Open(with_config, "staging"));
  } else {
    ASSIGN_OR_RETURN(staged.session, StoreSession::Open(globals, store_arg));
  }
  io::ObjectStore& store = staged.session->store();
  ASSIGN_OR_RETURN(staged.schema, FindSchema(store, table_arg));
  ASSIGN_OR_RETURN(const std::string folder,
                   staging::TableFolder(staged.schema.database, staged.schema.table));
  ASSIGN_OR_RETURN(const std::vector<std::string> keys, ListKeys(store, folder));
  ASSIGN_OR_RETURN(staged.files, staging::OrderTableFiles(keys));
  return staged;
}

Result<std::vector<staging::StagedRow>> ReadStagedFile(StagedTable& table,
                                                       const staging::OrderedFile& file) {
  ASSIGN_OR_RETURN(auto source,
                   adapters::ObjectStoreSource::Open(&table.session->store(), file.key));
  const staging::FileKind kind = file.parsed.kind == staging::StagingKey::Kind::kLoad
                                     ? staging::FileKind::kLoad
                                     : staging::FileKind::kCdc;
  return staging::ReadChangeFile(table.schema, kind, file.parsed.format, file.parsed.compression,
                                 source.get());
}

void AddStagingCommand(CLI::App& app, const GlobalOptions& globals, Action& action) {
  CLI::App* group = app.add_subcommand(
      "staging", "Read the change files capture writes (STORE: a URI, or staging)");
  group->require_subcommand(1);

  auto fold_args = std::make_shared<StagingArgs>();
  CLI::App* fold = group->add_subcommand(
      "fold", "Print a table's current rows, folded from its LOAD and CDC files");
  AddStoreAndTable(*fold, *fold_args);
  fold->add_option("--format", fold_args->format, "csv (default) or json")
      ->check(CLI::IsMember({"csv", "json"}));
  OnSelected(*fold, action, [&globals, fold_args] {
    return RunStagingFold(globals, fold_args->store, fold_args->table, fold_args->format);
  });

  auto ls_args = std::make_shared<StagingArgs>();
  CLI::App* ls =
      group->add_subcommand("ls", "List a table's change files in apply order, rows by op");
  AddStoreAndTable(*ls, *ls_args);
  OnSelected(*ls, action,
             [&globals, ls_args] { return RunStagingLs(globals, ls_args->store, ls_args->table); });
}

}  // namespace binlake::cli
