// The ObjectStore conformance suite: one set of behavioural tests that every backend passes.
//
// A backend's test program lists testing/object_store_conformance_tests.cc in its SOURCES (the
// cases live there, not in the binlake_testing library, where the linker would drop them) and
// instantiates the suite with a factory for fresh, empty stores:
//
//   INSTANTIATE_TEST_SUITE_P(Local, ObjectStoreConformanceTest,
//                            ::testing::Values(ConformanceTarget{"Local", &MakeFreshLocalStore}),
//                            ConformanceTargetName());
//
// Test names are ObjectStoreConformanceTest.<Case>/<target name>. The cases cover round trips
// (empty, binary, unusual characters), overwrite, put-if-absent, ranges, head, delete, listing
// (prefixes, byte order, 1,100 keys over several page sizes, start-after), refused keys, a
// 20 MiB streaming upload, writer abort and if_absent, and atomic put-if-absent under
// concurrency. That last case is named ConcurrentPutIfAbsentExactlyOneWins so that a backend
// known not to be atomic (e.g. an S3 server without conditional PUT) can leave it out with
//   --gtest_filter=-*ConcurrentPutIfAbsentExactlyOneWins*
// (with ctest: -E ConcurrentPutIfAbsentExactlyOneWins). Every case asserts exact status codes.
//
// The suite writes at most ~1,100 objects and ~25 MiB per target and uses up to 8 threads at once
// (to keep slow backends, like S3 at ~65 PUT/s per connection, within a few tens of seconds).
// Thread-safety: gtest runs the cases one at a time; the cases themselves call the store from
// several threads, which every ObjectStore must allow.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/object_store.h"

namespace binlake::testing {

struct ConformanceTarget {
  std::string name;  // used in test names: [A-Za-z0-9_] only
  // Each call returns a store over a fresh, empty namespace (for S3: a unique prefix).
  // FailedPrecondition means "this backend cannot be tested here" (e.g. no test server is
  // configured): the case reports SKIP with the message. Any other error fails the case.
  std::function<Result<std::unique_ptr<io::ObjectStore>>()> make_store;
};

// gtest prints parameters in failure messages; print the name, not the bytes.
inline void PrintTo(const ConformanceTarget& target, std::ostream* os) {
  *os << target.name;
}

// The name generator for INSTANTIATE_TEST_SUITE_P: the target's name.
struct ConformanceTargetName {
  std::string operator()(const ::testing::TestParamInfo<ConformanceTarget>& info) const {
    return info.param.name;
  }
};

class ObjectStoreConformanceTest : public ::testing::TestWithParam<ConformanceTarget> {
 protected:
  // Makes the store under test (see ConformanceTarget::make_store for skip and failure).
  void SetUp() override;

  io::ObjectStore& store() { return *store_; }

  // Puts `keys` (each with content "value of <key>") using `threads` threads.
  Status PutKeysConcurrently(const std::vector<std::string>& keys, int threads);
  // Follows next_page_token from `options` until the last page; every page must hold at most
  // options.max_keys keys (else Internal).
  Result<std::vector<std::string>> ListAllKeys(io::ListOptions options);

 private:
  std::unique_ptr<io::ObjectStore> store_;
};

}  // namespace binlake::testing
