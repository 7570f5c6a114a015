#include "adapters/fs/local_object_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "binlake/base/macros.h"
#include "testing/object_store_conformance.h"
#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

namespace fs = std::filesystem;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// One directory per test process under $TMPDIR (or /tmp), removed at exit; every store gets a
// fresh subdirectory of it.
class TestRoot {
 public:
  static const std::string& Path() {
    static TestRoot root;
    return root.path_;
  }

 private:
  TestRoot() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        fmt::format("{}/binlake-local-test-XXXXXX", tmp != nullptr ? tmp : "/tmp");
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::abort();  // the tests cannot run without a scratch directory
    }
    path_ = pattern;
  }
  ~TestRoot() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
  }

  std::string path_;
};

std::string FreshDir() {
  static std::atomic<int> counter{0};
  return fmt::format("{}/{}", TestRoot::Path(), counter++);
}

Result<std::unique_ptr<io::ObjectStore>> MakeFreshLocalStore() {
  ASSIGN_OR_RETURN(std::unique_ptr<LocalObjectStore> store, LocalObjectStore::Open(FreshDir()));
  return std::unique_ptr<io::ObjectStore>(std::move(store));
}

using ::binlake::testing::ConformanceTarget;
using ::binlake::testing::ConformanceTargetName;
using ::binlake::testing::ObjectStoreConformanceTest;

INSTANTIATE_TEST_SUITE_P(Local, ObjectStoreConformanceTest,
                         ::testing::Values(ConformanceTarget{"Local", &MakeFreshLocalStore}),
                         ConformanceTargetName());

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Every regular file below `dir`, as paths.
std::vector<std::string> FilesBelow(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      files.push_back(it->path().string());
    }
  }
  return files;
}

class LocalObjectStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = FreshDir();
    ASSERT_TRUE(fs::create_directories(sandbox_));
    OpenStore();
  }

  void OpenStore() { ASSERT_OK_AND_ASSIGN(store_, LocalObjectStore::Open(sandbox_ + "/store")); }
  std::string Root() const { return store_->root(); }
  std::string TempDir() const { return Root() + "/" + std::string(LocalObjectStore::kTempDirName); }
  Result<std::vector<std::string>> ListKeys(const std::string& prefix = "") {
    io::ListOptions options;
    options.prefix = prefix;
    ASSIGN_OR_RETURN(io::ListPage page, store_->List(options));
    std::vector<std::string> keys;
    for (const io::ObjectInfo& object : page.objects) {
      keys.push_back(object.key);
    }
    return keys;
  }

  std::string sandbox_;
  std::unique_ptr<LocalObjectStore> store_;
};

TEST_F(LocalObjectStoreTest, OpenCreatesTheRootAndItsParents) {
  std::string deep = sandbox_ + "/x/y/z";
  ASSERT_OK_AND_ASSIGN(auto store, LocalObjectStore::Open(deep));
  EXPECT_TRUE(fs::is_directory(deep));
  EXPECT_EQ(store->Describe(), "file://" + fs::canonical(deep).string());
}

TEST_F(LocalObjectStoreTest, OpenRefusesAnEmptyPathAndARegularFile) {
  EXPECT_THAT(LocalObjectStore::Open(""), StatusIs(StatusCode::kInvalidArgument));
  WriteFile(sandbox_ + "/file", "x");
  EXPECT_THAT(LocalObjectStore::Open(sandbox_ + "/file"),
              StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(LocalObjectStore::Open(sandbox_ + "/file/below"),
              StatusIs(StatusCode::kFailedPrecondition));
}

TEST_F(LocalObjectStoreTest, KeysAreFilesUnderTheRoot) {
  ASSERT_OK(store_->Put("a/b/c.txt", "bytes"));
  EXPECT_EQ(ReadFile(Root() + "/a/b/c.txt"), "bytes");
  ASSERT_OK(store_->PutIfAbsent("top", "t"));
  EXPECT_EQ(ReadFile(Root() + "/top"), "t");
}

TEST_F(LocalObjectStoreTest, NoKeyProducesAFileOutsideTheRoot) {
  const std::vector<std::string> keys = {"../outside",
                                         "../../outside",
                                         "a/../../outside",
                                         "/outside",
                                         "./outside",
                                         "..",
                                         "a/b/../../../outside",
                                         "..a",
                                         "a..",
                                         "...",
                                         "a/..b",
                                         "%2e%2e/outside",
                                         "..%2foutside",
                                         ".\\..\\outside",
                                         "a/./b",
                                         "a//../outside"};
  for (const std::string& key : keys) {
    Status put = store_->Put(key, "x");
    EXPECT_TRUE(put.ok() || put.code() == StatusCode::kInvalidArgument) << key << ": " << put;
    EXPECT_THAT(store_->PutIfAbsent(key, "x"),
                StatusIs(put.ok() ? StatusCode::kAlreadyExists : StatusCode::kInvalidArgument))
        << key;
  }
  for (const std::string& file : FilesBelow(sandbox_)) {
    EXPECT_TRUE(file.starts_with(Root() + "/")) << file << " is outside " << Root();
  }
  EXPECT_THAT(ListKeys(), IsOkAndHolds(ElementsAre("%2e%2e/outside", "..%2foutside", "...", "..a",
                                                   "a..", "a/..b")));
}

TEST_F(LocalObjectStoreTest, TheTempDirectoryNameIsReservedButLookalikesAreKeys) {
  EXPECT_THAT(store_->Put(".binlake-tmp/x", "x"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->Put(".binlake-tmp", "x"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->Get(".binlake-tmp/x"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->Delete(".binlake-tmp/x"), StatusIs(StatusCode::kInvalidArgument));
  ASSERT_OK(store_->Put(".binlake-tmpx", "1"));
  ASSERT_OK(store_->Put("a/.binlake-tmp", "2"));
  EXPECT_THAT(ListKeys(), IsOkAndHolds(ElementsAre(".binlake-tmpx", "a/.binlake-tmp")));
  EXPECT_THAT(ListKeys(".binlake-tmp"), IsOkAndHolds(ElementsAre(".binlake-tmpx")));
}

TEST_F(LocalObjectStoreTest, UploadsInProgressLiveInTheTempDirectoryAndAreNeverListed) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->OpenWriter("k", {}));
  ASSERT_OK(writer->Append("partial"));
  EXPECT_THAT(FilesBelow(TempDir()), ::testing::SizeIs(1));
  EXPECT_THAT(ListKeys(), IsOkAndHolds(IsEmpty()));
  ASSERT_OK(writer->Close());
  EXPECT_THAT(ListKeys(), IsOkAndHolds(ElementsAre("k")));
  EXPECT_THAT(FilesBelow(TempDir()), IsEmpty());
  EXPECT_THAT(writer->Append("more"), StatusIs(StatusCode::kFailedPrecondition));
}

TEST_F(LocalObjectStoreTest, CrashLeftoversAreIgnoredAndStaleOnesRemovedOnOpen) {
  const std::string fresh = TempDir() + "/999999-1";
  const std::string stale = TempDir() + "/999999-2";
  WriteFile(fresh, "half an upload");
  WriteFile(stale, "an old half upload");
  const timespec two_hours_ago{::time(nullptr) - 7200, 0};
  const timespec times[2] = {two_hours_ago, two_hours_ago};
  ASSERT_EQ(::utimensat(AT_FDCWD, stale.c_str(), times, 0), 0);
  EXPECT_THAT(ListKeys(), IsOkAndHolds(IsEmpty()));

  OpenStore();
  EXPECT_TRUE(fs::exists(fresh));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_THAT(ListKeys(), IsOkAndHolds(IsEmpty()));
}

TEST_F(LocalObjectStoreTest, DeleteRemovesDirectoriesItLeavesEmpty) {
  ASSERT_OK(store_->Put("a/b/c/d", "1"));
  ASSERT_OK(store_->Put("a/x", "2"));
  ASSERT_OK(store_->Delete("a/b/c/d"));
  EXPECT_FALSE(fs::exists(Root() + "/a/b"));
  EXPECT_TRUE(fs::exists(Root() + "/a/x"));
  ASSERT_OK(store_->Delete("a/x"));
  EXPECT_FALSE(fs::exists(Root() + "/a"));
  EXPECT_TRUE(fs::is_directory(Root()));
  EXPECT_TRUE(fs::is_directory(TempDir()));
}

TEST_F(LocalObjectStoreTest, AKeyCannotBeBothAnObjectAndADirectory) {
  ASSERT_OK(store_->Put("a", "file"));
  EXPECT_THAT(store_->Put("a/b", "x"), StatusIs(StatusCode::kFailedPrecondition));
  ASSERT_OK(store_->Put("c/d", "x"));
  EXPECT_THAT(store_->Put("c", "x"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_->PutIfAbsent("c", "x"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_->Get("c"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store_->Head("c"), StatusIs(StatusCode::kNotFound));
  EXPECT_OK(store_->Delete("c"));
  EXPECT_THAT(store_->Get("c/d"), IsOkAndHolds("x"));
  EXPECT_THAT(ListKeys(), IsOkAndHolds(ElementsAre("a", "c/d")));
}

TEST_F(LocalObjectStoreTest, SymbolicLinksAreNotObjects) {
  WriteFile(sandbox_ + "/secret", "outside");
  ASSERT_OK(store_->Put("real", "inside"));
  fs::create_symlink(sandbox_ + "/secret", Root() + "/link");
  fs::create_directory_symlink(sandbox_, Root() + "/dirlink");
  EXPECT_THAT(store_->Get("link"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(store_->Head("link"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(ListKeys(), IsOkAndHolds(ElementsAre("real")));
}

// Makes parts of a store read-only or unreadable and checks the codes. Needs a non-root user.
void ExpectPermissionErrors(const std::string& root) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<LocalObjectStore> store, LocalObjectStore::Open(root));
  ASSERT_OK(store->Put("ro/existing", "x"));
  ASSERT_OK(store->Put("locked", "x"));
  fs::permissions(root + "/ro", fs::perms::owner_read | fs::perms::owner_exec);
  fs::permissions(root + "/locked", fs::perms::none);
  EXPECT_THAT(store->Put("ro/new", "x"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(store->Put("ro/sub/new", "x"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(store->Delete("ro/existing"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(store->Get("locked"), StatusIs(StatusCode::kPermissionDenied));
  fs::permissions(root + "/ro", fs::perms::owner_all);
}

TEST_F(LocalObjectStoreTest, FileSystemPermissionErrorsArePermissionDenied) {
  if (::geteuid() != 0) {
    ExpectPermissionErrors(Root());
    return;
  }
  // Root bypasses file permissions, so the checks run in a child process as "nobody" on a
  // directory it owns; the child's exit code carries the verdict.
  constexpr uid_t kNobody = 65534;
  std::string root = fmt::format("{}/permissions", TestRoot::Path());
  ASSERT_EQ(::mkdir(root.c_str(), 0700), 0);
  ASSERT_EQ(::chown(root.c_str(), kNobody, kNobody), 0);
  ASSERT_EQ(::chmod(TestRoot::Path().c_str(), 0711), 0);  // let the child reach its directory
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    bool dropped = ::setgroups(0, nullptr) == 0 && ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0;
    if (dropped) {
      ExpectPermissionErrors(root);
    }
    ::_exit(!dropped ? 2 : ::testing::Test::HasFailure() ? 1 : 0);
  }
  int wait_status = 0;
  ASSERT_EQ(::waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFEXITED(wait_status));
  EXPECT_EQ(WEXITSTATUS(wait_status), 0)
      << "the checks as uid 65534 failed (2: could not drop root)";
}

TEST_F(LocalObjectStoreTest, ConcurrentPutsAndDeletesInOneDirectoryAllSucceed) {
  // Delete removes a directory it empties while a Put may be about to rename into it.
  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        std::string key = fmt::format("shared/dir/t{}-{}", t, i);
        Status put = store_->Put(key, "x");
        Status deleted = store_->Delete(key);
        if (!put.ok() || !deleted.ok()) {
          ADD_FAILURE() << key << ": " << put << "; " << deleted;
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(ListKeys(), IsOkAndHolds(IsEmpty()));
}

TEST_F(LocalObjectStoreTest, TwoStoresOnOneRootShareObjects) {
  ASSERT_OK_AND_ASSIGN(auto other, LocalObjectStore::Open(Root()));
  ASSERT_OK(store_->Put("k", "v"));
  EXPECT_THAT(other->Get("k"), IsOkAndHolds("v"));
  EXPECT_THAT(other->PutIfAbsent("k", "w"), StatusIs(StatusCode::kAlreadyExists));
}

TEST_F(LocalObjectStoreTest, ListingAHundredThousandKeysIsFastAndOrdered) {
  // 100 directories of 1,000 files, made directly to time List alone: one file per directory
  // and hard links to it (creating 100k inodes takes a minute on some file systems, links not).
  constexpr int kDirs = 100;
  constexpr int kPerDir = 1000;
  for (int d = 0; d < kDirs; ++d) {
    std::string dir = fmt::format("{}/t/d{:03}", Root(), d);
    ASSERT_TRUE(fs::create_directories(dir));
    std::string first = dir + "/f0000";
    WriteFile(first, "x");
    for (int f = 1; f < kPerDir; ++f) {
      ASSERT_EQ(::link(first.c_str(), fmt::format("{}/f{:04}", dir, f).c_str()), 0);
    }
  }
  auto start = std::chrono::steady_clock::now();
  io::ListOptions options;
  options.prefix = "t/";
  std::string previous;
  int count = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(io::ListPage page, store_->List(options));
    for (const io::ObjectInfo& object : page.objects) {
      ASSERT_LT(previous, object.key);
      previous = object.key;
      ++count;
    }
    if (page.next_page_token.empty()) {
      break;
    }
    options.page_token = page.next_page_token;
  }
  auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  EXPECT_EQ(count, kDirs * kPerDir);

  start = std::chrono::steady_clock::now();
  io::ListOptions narrow_options;
  narrow_options.prefix = "t/d050/";
  narrow_options.start_after = "t/d050/f0500";
  ASSERT_OK_AND_ASSIGN(io::ListPage narrow, store_->List(narrow_options));
  auto narrow_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  EXPECT_EQ(narrow.objects.size(), 499U);
  std::cout << "100,000 keys in 100 pages: " << full_ms << " ms; one pruned page: " << narrow_ms
            << " ms\n";
  EXPECT_LT(full_ms, 20'000);
  EXPECT_LT(narrow_ms, 1'000);
}

}  // namespace
}  // namespace binlake::adapters
