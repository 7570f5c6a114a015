// `binlake store ...`: direct access to an object store, for setting up and debugging stores.
//
//   binlake store ls STORE [--prefix P] [--start-after K] [--limit N] [--long]
//   binlake store put STORE KEY FILE|- [--if-absent]
//   binlake store get STORE KEY [-o FILE]
//   binlake store head STORE KEY
//   binlake store rm STORE KEY
//   binlake store check STORE            (store_check.cc)
// STORE is a URI or `staging`/`final` (store_session.h); KEY is relative to the store.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli.h"

namespace binlake::cli {

// Adds the `store` command group to `app`. `globals` and `action` must outlive parsing and
// the run.
void AddStoreCommand(CLI::App& app, const GlobalOptions& globals, Action& action);

// `binlake store check STORE`: opens the store, then puts, reads back, put-if-absents, lists,
// deletes and heads a probe object under `_binlake/check/`, printing each step's result and
// latency. Returns the first failing step's status.
Status RunStoreCheck(const GlobalOptions& globals, const std::string& store_arg);

}  // namespace binlake::cli
