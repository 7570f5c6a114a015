// Store URIs: where a store lives, as the user writes it in the configuration.
//
//   file:///absolute/path        a directory on the local filesystem
//   s3://bucket                  an S3 bucket
//   s3://bucket/some/prefix      a prefix inside a bucket (keys are stored under "some/prefix/")
#pragma once

#include <string>
#include <string_view>

#include "binlake/base/result.h"

namespace binlake::store {

enum class StoreScheme { kFile, kS3 };

struct StoreUri {
  StoreScheme scheme = StoreScheme::kFile;
  // file: the absolute directory path, without a trailing '/'. s3: the bucket name.
  std::string root;
  // s3 only: the key prefix inside the bucket, empty or ending in '/'.
  std::string prefix;

  // The canonical text form, e.g. "s3://bucket/prefix" or "file:///tmp/lake".
  std::string ToString() const;
};

// Parses `uri`. InvalidArgument (naming the URI and the problem) for unknown schemes, relative
// file paths, empty or invalid bucket names (S3 rules: 3-63 chars of a-z 0-9 . -), and prefixes
// that are not valid keys.
Result<StoreUri> ParseStoreUri(std::string_view uri);

}  // namespace binlake::store
