#include "parquet_command.h"

#include <memory>

namespace binlake::cli {
namespace {

struct InspectArgs {
  std::string file;
  bool json = false;
};

struct CatArgs {
  std::string file;
  int64_t limit = 0;
  std::vector<std::string> columns;
};

void AddInspect(CLI::App& group, Action& action) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* inspect = group.add_subcommand(
      "inspect", "Print the schema, key-value metadata, row groups, encodings and statistics");
  inspect->add_option("FILE", args->file, "a Parquet file")->required();
  inspect->add_flag("--json", args->json, "one JSON object instead of text");
  OnSelected(*inspect, action, [args] { return RunParquetInspect(args->file, args->json); });
}

void AddCat(CLI::App& group, Action& action) {
  auto args = std::make_shared<CatArgs>();
  CLI::App* cat = group.add_subcommand("cat", "Print rows as JSON lines");
  cat->add_option("FILE", args->file, "a Parquet file")->required();
  cat->add_option("--limit", args->limit, "print at most N rows (default: all)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  cat->add_option("--columns", args->columns, "only these columns, in this order")
      ->type_name("a,b,...")
      ->delimiter(',');
  OnSelected(*cat, action,
             [args] { return RunParquetCat(args->file, args->limit, args->columns); });
}

}  // namespace

void AddParquetCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("parquet", "Look into a Parquet file");
  group->require_subcommand(1);
  AddInspect(*group, action);
  AddCat(*group, action);
}

}  // namespace binlake::cli
