// Validation of a whole Config: every key's own rule (the same check as when it is set from
// text, config_keys.h) plus the rules that relate keys to each other.
#pragma once

#include <string_view>

#include "binlake/base/status.h"
#include "binlake/config/config.h"

namespace binlake::config {

// OK, or InvalidArgument "config: <key path>: <reason>" for the first broken rule. Rules across
// keys: s3.multipart_threshold >= s3.part_size; s3.retry.max_backoff >=
// s3.retry.initial_backoff; s3.access_key_id and s3.secret_access_key set together;
// s3.session_token only with them. Secret values never appear in the message.
Status ValidateConfig(const Config& config);

// OK when `store.uri` is set; otherwise InvalidArgument (a configuration error)
// "config: <key_path>: not set ...", for commands that need that store.
Status RequireStoreUri(const StoreConfig& store, std::string_view key_path);

}  // namespace binlake::config
