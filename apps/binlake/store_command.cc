#include "store_command.h"

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <memory>

#include "binlake/base/macros.h"
#include "binlake/store/object_key.h"
#include "local_files.h"
#include "store_session.h"

namespace binlake::cli {
namespace {

struct StoreKeyArgs {
  std::string store;
  std::string key;
};

struct LsArgs {
  std::string store;
  std::string prefix;
  std::string start_after;
  int64_t limit = 0;  // 0: no limit
  bool long_format = false;
};

struct PutArgs {
  StoreKeyArgs target;
  std::string file;
  bool if_absent = false;
};

struct GetArgs {
  StoreKeyArgs target;
  std::string output;  // empty: stdout
};

using StoreOperation = std::function<Status(io::ObjectStore& store, const std::string& key)>;

void AddStoreAndKeyArgs(CLI::App& command, StoreKeyArgs& args) {
  command.add_option("STORE", args.store, kStoreArgHelp)->required();
  command.add_option("KEY", args.key, "object key inside the store, e.g. db/table/file")
      ->required();
}

// Checks the key, opens the store and runs `operation` on it.
Status WithStoreAndKey(const GlobalOptions& globals, const StoreKeyArgs& args,
                       const StoreOperation& operation) {
  RETURN_IF_ERROR(CheckKeyArgument(args.key));
  ASSIGN_OR_RETURN(std::unique_ptr<StoreSession> session, StoreSession::Open(globals, args.store));
  return operation(session->store(), args.key);
}

void PrintObject(const io::ObjectInfo& object, bool long_format) {
  if (long_format) {
    fmt::print("{:>14}  {}  {}\n", object.size, object.etag, object.key);
  } else {
    fmt::print("{}\n", object.key);
  }
}

Status RunLs(const GlobalOptions& globals, const LsArgs& args) {
  RETURN_IF_ERROR(store::ValidateListPrefix(args.prefix));
  ASSIGN_OR_RETURN(std::unique_ptr<StoreSession> session, StoreSession::Open(globals, args.store));
  io::ListOptions options;
  options.prefix = args.prefix;
  options.start_after = args.start_after;
  int64_t printed = 0;
  do {
    ASSIGN_OR_RETURN(io::ListPage page, session->store().List(options));
    for (const io::ObjectInfo& object : page.objects) {
      if (args.limit > 0 && printed == args.limit) {
        return Status::Ok();
      }
      PrintObject(object, args.long_format);
      ++printed;
    }
    options.page_token = page.next_page_token;
  } while (!options.page_token.empty());
  return Status::Ok();
}

Status RunHead(io::ObjectStore& store, const std::string& key) {
  ASSIGN_OR_RETURN(io::ObjectInfo info, store.Head(key));
  fmt::print("key: {}\nsize: {}\netag: {}\n", info.key, info.size, info.etag);
  return Status::Ok();
}

void AddLs(CLI::App& group, const GlobalOptions& globals, Action& action) {
  auto args = std::make_shared<LsArgs>();
  CLI::App* ls = group.add_subcommand("ls", "List keys in lexical order");
  ls->add_option("STORE", args->store, kStoreArgHelp)->required();
  ls->add_option("--prefix", args->prefix, "only keys starting with this prefix");
  ls->add_option("--start-after", args->start_after, "only keys after this key");
  ls->add_option("--limit", args->limit, "print at most N keys (0: all)")
      ->check(CLI::NonNegativeNumber);
  ls->add_flag("-l,--long", args->long_format, "also print each object's size and etag");
  OnSelected(*ls, action, [&globals, args] { return RunLs(globals, *args); });
}

void AddPut(CLI::App& group, const GlobalOptions& globals, Action& action) {
  auto args = std::make_shared<PutArgs>();
  CLI::App* put = group.add_subcommand("put", "Upload a local file (or - for stdin) as KEY");
  AddStoreAndKeyArgs(*put, args->target);
  put->add_option("FILE", args->file, "local file to upload, or - for standard input")->required();
  put->add_flag("--if-absent", args->if_absent,
                "fail (exit 5) instead of replacing an existing object; atomic");
  OnSelected(*put, action, [&globals, args] {
    return WithStoreAndKey(globals, args->target,
                           [&args](io::ObjectStore& store, const std::string& key) {
                             return UploadFile(store, key, args->file, args->if_absent);
                           });
  });
}

void AddGet(CLI::App& group, const GlobalOptions& globals, Action& action) {
  auto args = std::make_shared<GetArgs>();
  CLI::App* get = group.add_subcommand("get", "Download KEY to stdout or a file");
  AddStoreAndKeyArgs(*get, args->target);
  get->add_option("-o,--output", args->output, "write to this file instead of stdout");
  OnSelected(*get, action, [&globals, args] {
    return WithStoreAndKey(globals, args->target,
                           [&args](io::ObjectStore& store, const std::string& key) {
                             return DownloadObject(store, key, args->output);
                           });
  });
}

// head and rm take only STORE and KEY.
void AddKeyCommand(CLI::App& group, const GlobalOptions& globals, Action& action,
                   const std::string& name, const std::string& description,
                   StoreOperation operation) {
  auto args = std::make_shared<StoreKeyArgs>();
  CLI::App* command = group.add_subcommand(name, description);
  AddStoreAndKeyArgs(*command, *args);
  OnSelected(*command, action, [&globals, args, operation = std::move(operation)] {
    return WithStoreAndKey(globals, *args, operation);
  });
}

void AddCheck(CLI::App& group, const GlobalOptions& globals, Action& action) {
  auto store_arg = std::make_shared<std::string>();
  CLI::App* check = group.add_subcommand(
      "check", "Open the store and run a put/get/list/delete round trip under _binlake/check/");
  check->add_option("STORE", *store_arg, kStoreArgHelp)->required();
  OnSelected(*check, action, [&globals, store_arg] { return RunStoreCheck(globals, *store_arg); });
}

}  // namespace

void AddStoreCommand(CLI::App& app, const GlobalOptions& globals, Action& action) {
  CLI::App* group = app.add_subcommand(
      "store", "Work with an object store directly (STORE: a URI, or staging/final)");
  group->require_subcommand(1);
  AddLs(*group, globals, action);
  AddPut(*group, globals, action);
  AddGet(*group, globals, action);
  AddKeyCommand(*group, globals, action, "head", "Print KEY's size and etag", RunHead);
  AddKeyCommand(*group, globals, action, "rm", "Delete KEY (deleting an absent key succeeds)",
                [](io::ObjectStore& store, const std::string& key) { return store.Delete(key); });
  AddCheck(*group, globals, action);
}

}  // namespace binlake::cli
