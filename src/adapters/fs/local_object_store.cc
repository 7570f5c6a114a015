#include "adapters/fs/local_object_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <system_error>
#include <utility>
#include <vector>

#include "adapters/fs/posix_file.h"
#include "binlake/base/macros.h"
#include "binlake/store/object_key.h"

namespace binlake::adapters {
namespace {

// A concurrent Delete may remove an empty parent directory between our mkdir and our rename;
// the publish step then recreates it and tries again, this many times.
constexpr int kPublishAttempts = 8;
// Attempts to find an unused temp file name (a name is only taken after a crash and pid reuse).
constexpr int kTempNameAttempts = 64;

// Names temp files uniquely within this process, across all store instances.
std::atomic<uint64_t> temp_file_counter{0};

Status Fsync(int fd, std::string_view path) {
  return ::fsync(fd) == 0 ? Status::Ok() : ErrnoStatus("fsync", path, errno);
}

Status FsyncDir(const std::string& dir) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFd(dir, O_RDONLY | O_DIRECTORY));
  return Fsync(fd.get(), dir);
}

std::string ParentDir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? std::string("/") : path.substr(0, slash);
}

// mkdir(path); `*created` tells whether it was new. An existing directory is fine.
Status MakeDir(const std::string& path, bool* created) {
  *created = false;
  if (::mkdir(path.c_str(), 0755) == 0) {
    *created = true;
    return Status::Ok();
  }
  int err = errno;
  if (err != EEXIST) {
    return ErrnoStatus("mkdir", path, err);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return ErrnoStatus("stat", path, errno);  // removed meanwhile: NotFound, which Publish retries
  }
  if (!S_ISDIR(st.st_mode)) {
    return FailedPreconditionError(fmt::format(
        "mkdir {}: exists and is not a directory (a local store cannot hold both an object and "
        "keys below it)",
        path));
  }
  return Status::Ok();
}

// mkdir -p.
Status MakeDirChain(const std::string& path) {
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    std::string part = path.substr(0, pos);
    if (part.empty() || part.back() == '/') {
      continue;
    }
    bool created = false;
    RETURN_IF_ERROR(MakeDir(part, &created));
  }
  return Status::Ok();
}

std::string Etag(const struct stat& st) {
  uint64_t ctime_ns = static_cast<uint64_t>(st.st_ctim.tv_sec) * 1'000'000'000ULL +
                      static_cast<uint64_t>(st.st_ctim.tv_nsec);
  return fmt::format("{:x}-{:x}-{:x}", static_cast<uint64_t>(st.st_ino),
                     static_cast<uint64_t>(st.st_size), ctime_ns);
}

// lstat()s the object at `path`: NotFound unless it is a regular file.
Result<struct stat> StatObject(const std::string& path, std::string_view key) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return ErrnoStatus("stat", path, errno);
  }
  if (!S_ISREG(st.st_mode)) {
    return NotFoundError(fmt::format("object {} not found: {} is not a regular file", key, path));
  }
  return st;
}

struct OpenObject {
  UniqueFd fd;
  uint64_t size = 0;
};

Result<OpenObject> OpenForRead(const std::string& path, std::string_view key) {
  // O_NONBLOCK so that a FIFO planted under the root cannot block us; no effect on files.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    if (err == ELOOP) {
      return NotFoundError(fmt::format("object {} not found: {} is a symbolic link", key, path));
    }
    return ErrnoStatus("open", path, err);
  }
  OpenObject object{UniqueFd(fd), 0};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return ErrnoStatus("stat", path, errno);
  }
  if (!S_ISREG(st.st_mode)) {
    return NotFoundError(fmt::format("object {} not found: {} is not a regular file", key, path));
  }
  object.size = static_cast<uint64_t>(st.st_size);
  return object;
}

// Finds the keys of one List page by walking the tree in key order. Directory entries are sorted
// by their key ("name" for a file, "name/" for a directory): every key below directory "d" starts
// with "d/", so this order, applied depth-first, is the byte order of full keys ("a-b" < "a/b" <
// "a0"). Directories that cannot hold a key in range are never opened.
class ListWalker {
 public:
  ListWalker(const std::string& root, const io::ListOptions& options)
      : root_(root),
        prefix_(options.prefix),
        lower_(std::max(options.start_after, options.page_token)),
        limit_(static_cast<size_t>(options.max_keys) + 1) {}

  Status Walk() { return WalkDir(""); }
  std::vector<io::ObjectInfo>& objects() { return objects_; }

 private:
  struct Entry {
    std::string key;  // relative to the root; ends with '/' for a directory
    bool is_dir = false;
  };

  std::string FullPath(const std::string& relative) const { return root_ + "/" + relative; }

  bool MayHoldKeys(const Entry& entry) const {
    const std::string& key = entry.key;
    if (!entry.is_dir) {
      return key.starts_with(prefix_) && key > lower_;
    }
    bool overlaps_prefix = key.starts_with(prefix_) || prefix_.starts_with(key);
    bool all_below_lower = key < lower_ && !lower_.starts_with(key);
    return overlaps_prefix && !all_below_lower;
  }

  Status WalkDir(const std::string& relative_dir) {
    ASSIGN_OR_RETURN(std::vector<Entry> entries, ReadEntries(relative_dir));
    for (const Entry& entry : entries) {
      if (objects_.size() >= limit_) {
        break;
      }
      if (entry.is_dir) {
        RETURN_IF_ERROR(WalkDir(entry.key));
      } else {
        RETURN_IF_ERROR(AddObject(entry.key));
      }
    }
    return Status::Ok();
  }

  // The entries of one directory that may hold keys in range, sorted by key.
  Result<std::vector<Entry>> ReadEntries(const std::string& relative_dir) {
    std::string dir_path = FullPath(relative_dir);
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(dir_path.c_str()), &::closedir);
    if (dir == nullptr) {
      int err = errno;
      if (!relative_dir.empty() && (err == ENOENT || err == ENOTDIR)) {
        return std::vector<Entry>();  // removed by a concurrent Delete
      }
      return ErrnoStatus("opendir", dir_path, err);
    }
    std::vector<Entry> entries;
    while (true) {
      errno = 0;
      const dirent* ent = ::readdir(dir.get());
      if (ent == nullptr) {
        if (errno != 0) {
          return ErrnoStatus("readdir", dir_path, errno);
        }
        break;
      }
      std::string_view name(ent->d_name);
      if (name == "." || name == ".." ||
          (relative_dir.empty() && name == LocalObjectStore::kTempDirName)) {
        continue;
      }
      Entry entry{relative_dir + std::string(name), false};
      if (!Classify(ent->d_type, &entry)) {
        continue;
      }
      if (MayHoldKeys(entry)) {
        entries.push_back(std::move(entry));
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.key < b.key; });
    return entries;
  }

  // Sets entry->is_dir (and the trailing '/'); false for anything that is neither a regular
  // file nor a directory (symbolic links, sockets), which List skips.
  bool Classify(unsigned char d_type, Entry* entry) const {
    if (d_type == DT_UNKNOWN) {
      struct stat st {};
      if (::lstat(FullPath(entry->key).c_str(), &st) != 0) {
        return false;
      }
      d_type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (d_type == DT_DIR) {
      entry->is_dir = true;
      entry->key += '/';
      return true;
    }
    return d_type == DT_REG;
  }

  Status AddObject(const std::string& key) {
    std::string path = FullPath(key);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) {
        return Status::Ok();  // deleted since readdir
      }
      return ErrnoStatus("stat", path, errno);
    }
    if (S_ISREG(st.st_mode)) {
      objects_.push_back(io::ObjectInfo{key, static_cast<uint64_t>(st.st_size), Etag(st)});
    }
    return Status::Ok();
  }

  const std::string& root_;
  const std::string& prefix_;
  const std::string lower_;
  const size_t limit_;
  std::vector<io::ObjectInfo> objects_;
};

}  // namespace

// A streaming upload into a temp file that Close() publishes.
class LocalObjectStore::Writer : public io::ObjectWriter {
 public:
  Writer(LocalObjectStore& store, std::string key, bool if_absent, UniqueFd fd,
         std::string temp_path)
      : store_(store),
        key_(std::move(key)),
        if_absent_(if_absent),
        fd_(std::move(fd)),
        temp_path_(std::move(temp_path)) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() override { Discard(); }

  Status Append(std::string_view bytes) override {
    RETURN_IF_ERROR(CheckOpen());
    return WriteAll(fd_.get(), bytes, temp_path_);
  }

  Status Close() override {
    RETURN_IF_ERROR(CheckOpen());
    closed_ = true;
    Status status = FlushAndPublish();
    Discard();
    return status;
  }

  Status Abort() override {
    Discard();
    closed_ = true;
    return Status::Ok();
  }

 private:
  Status CheckOpen() const { return store::CheckWriterOpen(closed_, key_); }

  Status FlushAndPublish() {
    RETURN_IF_ERROR(Fsync(fd_.get(), temp_path_));
    RETURN_IF_ERROR(fd_.Close(temp_path_));
    return store_.Publish(temp_path_, key_, if_absent_);
  }

  // Closes and removes the temp file (after a rename it is already gone; that is fine).
  void Discard() {
    fd_.Reset();
    if (!temp_path_.empty()) {
      ::unlink(temp_path_.c_str());
      temp_path_.clear();
    }
  }

  LocalObjectStore& store_;
  const std::string key_;
  const bool if_absent_;
  UniqueFd fd_;
  std::string temp_path_;
  bool closed_ = false;
};

Result<std::unique_ptr<LocalObjectStore>> LocalObjectStore::Open(const std::string& root_dir) {
  if (root_dir.empty()) {
    return InvalidArgumentError("local object store root directory is empty");
  }
  RETURN_IF_ERROR(MakeDirChain(root_dir));
  std::unique_ptr<char, void (*)(void*)> resolved(::realpath(root_dir.c_str(), nullptr),
                                                  &std::free);
  if (resolved == nullptr) {
    return ErrnoStatus("realpath", root_dir, errno);
  }
  std::string root(resolved.get());
  if (root == "/") {
    root.clear();
  }
  std::unique_ptr<LocalObjectStore> store(new LocalObjectStore(std::move(root)));
  bool created = false;
  RETURN_IF_ERROR(MakeDir(store->TempDir(), &created));
  RETURN_IF_ERROR(store->CleanStaleTempFiles());
  return store;
}

Status LocalObjectStore::CheckKey(std::string_view key) {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  if (key.substr(0, key.find('/')) == kTempDirName) {
    return InvalidArgumentError(fmt::format(
        "object key \"{}\" is refused: \"{}\" is reserved by the local store for uploads in "
        "progress",
        key, kTempDirName));
  }
  return Status::Ok();
}

std::string LocalObjectStore::PathOf(std::string_view key) const {
  return fmt::format("{}/{}", root_, key);
}

std::string LocalObjectStore::TempDir() const {
  return PathOf(kTempDirName);
}

std::string LocalObjectStore::Describe() const {
  return "file://" + (root_.empty() ? std::string("/") : root_);
}

Status LocalObjectStore::Put(std::string_view key, std::string_view bytes) {
  return WriteWhole(key, bytes, /*if_absent=*/false);
}

Status LocalObjectStore::PutIfAbsent(std::string_view key, std::string_view bytes) {
  return WriteWhole(key, bytes, /*if_absent=*/true);
}

Status LocalObjectStore::WriteWhole(std::string_view key, std::string_view bytes, bool if_absent) {
  ASSIGN_OR_RETURN(std::unique_ptr<io::ObjectWriter> writer,
                   OpenWriter(key, io::WriteOptions{.if_absent = if_absent}));
  RETURN_IF_ERROR(writer->Append(bytes));
  return writer->Close();
}

Result<std::unique_ptr<io::ObjectWriter>> LocalObjectStore::OpenWriter(
    std::string_view key, const io::WriteOptions& options) {
  RETURN_IF_ERROR(CheckKey(key));
  bool recreated_temp_dir = false;
  for (int attempt = 0; attempt < kTempNameAttempts; ++attempt) {
    std::string temp_path = fmt::format("{}/{}-{}", TempDir(), ::getpid(),
                                        temp_file_counter.fetch_add(1, std::memory_order_relaxed));
    int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      return std::unique_ptr<io::ObjectWriter>(std::make_unique<Writer>(
          *this, std::string(key), options.if_absent, UniqueFd(fd), std::move(temp_path)));
    }
    int err = errno;
    if (err == ENOENT && !recreated_temp_dir) {  // someone removed the temp directory
      recreated_temp_dir = true;
      bool created = false;
      RETURN_IF_ERROR(MakeDir(TempDir(), &created));
    } else if (err != EEXIST) {
      return ErrnoStatus("create temp file", temp_path, err);
    }
  }
  return InternalError(fmt::format("no free temp file name in {}", TempDir()));
}

Status LocalObjectStore::MakeParentDirs(std::string_view key) {
  for (size_t slash = key.find('/'); slash != std::string_view::npos;
       slash = key.find('/', slash + 1)) {
    std::string dir = PathOf(key.substr(0, slash));
    bool created = false;
    RETURN_IF_ERROR(MakeDir(dir, &created));
    if (created) {
      RETURN_IF_ERROR(FsyncDir(ParentDir(dir)));
    }
  }
  return Status::Ok();
}

Status LocalObjectStore::Publish(const std::string& temp_path, std::string_view key,
                                 bool if_absent) {
  const std::string path = PathOf(key);
  Status status;
  for (int attempt = 0; attempt < kPublishAttempts; ++attempt) {
    status = MakeParentDirs(key);
    if (status.ok()) {
      status = PublishOnce(temp_path, path, if_absent);
    }
    if (status.code() != StatusCode::kNotFound) {
      return status;
    }
  }
  return UnavailableError(status.message());
}

Status LocalObjectStore::PublishOnce(const std::string& temp_path, const std::string& path,
                                     bool if_absent) {
  const char* op = if_absent ? "link" : "rename";
  int rc = if_absent ? ::link(temp_path.c_str(), path.c_str())
                     : ::rename(temp_path.c_str(), path.c_str());
  if (rc != 0) {
    int err = errno;
    struct stat st {};
    bool target_is_dir = ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if ((err == EEXIST || err == EISDIR) && target_is_dir) {
      return FailedPreconditionError(fmt::format(
          "{} onto {}: a directory of other keys has this name (a local store cannot hold both "
          "an object and keys below it)",
          op, path));
    }
    if (err == EEXIST) {
      return AlreadyExistsError(fmt::format("object {} already exists", path));
    }
    if (if_absent && (err == EPERM || err == EOPNOTSUPP)) {
      return FailedPreconditionError(fmt::format(
          "link onto {}: the file system has no hard links, needed for atomic put-if-absent: {}",
          path, std::error_code(err, std::generic_category()).message()));
    }
    return ErrnoStatus(op, path, err);
  }
  return FsyncDir(ParentDir(path));
}

Result<std::string> LocalObjectStore::Get(std::string_view key) {
  RETURN_IF_ERROR(CheckKey(key));
  std::string path = PathOf(key);
  ASSIGN_OR_RETURN(OpenObject object, OpenForRead(path, key));
  return PreadAll(object.fd.get(), 0, object.size, path);
}

Result<std::string> LocalObjectStore::GetRange(std::string_view key, uint64_t offset,
                                               uint64_t length) {
  RETURN_IF_ERROR(CheckKey(key));
  std::string path = PathOf(key);
  ASSIGN_OR_RETURN(OpenObject object, OpenForRead(path, key));
  if (length == 0) {
    return std::string();
  }
  if (offset >= object.size) {
    return InvalidArgumentError(fmt::format(
        "range offset {} of object {} is at or past its end ({} bytes)", offset, key, object.size));
  }
  return PreadAll(object.fd.get(), offset, std::min(length, object.size - offset), path);
}

Result<io::ObjectInfo> LocalObjectStore::Head(std::string_view key) {
  RETURN_IF_ERROR(CheckKey(key));
  ASSIGN_OR_RETURN(struct stat st, StatObject(PathOf(key), key));
  return io::ObjectInfo{std::string(key), static_cast<uint64_t>(st.st_size), Etag(st)};
}

Result<io::ListPage> LocalObjectStore::List(const io::ListOptions& options) {
  RETURN_IF_ERROR(store::ValidateListOptions(options));
  ListWalker walker(root_, options);
  RETURN_IF_ERROR(walker.Walk());
  io::ListPage page;
  page.objects = std::move(walker.objects());
  if (page.objects.size() > static_cast<size_t>(options.max_keys)) {
    page.objects.pop_back();
    page.next_page_token = page.objects.back().key;
  }
  return page;
}

Status LocalObjectStore::Delete(std::string_view key) {
  RETURN_IF_ERROR(CheckKey(key));
  std::string path = PathOf(key);
  if (::unlink(path.c_str()) != 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR || err == EISDIR) {
      return Status::Ok();  // absent (a directory is not an object)
    }
    return ErrnoStatus("unlink", path, err);
  }
  Status status = FsyncDir(RemoveEmptyParents(key));
  // A concurrent Delete may have removed that directory too; it syncs its own parent.
  return status.code() == StatusCode::kNotFound ? Status::Ok() : status;
}

std::string LocalObjectStore::RemoveEmptyParents(std::string_view key) {
  for (size_t slash = key.rfind('/'); slash != std::string_view::npos && slash > 0;
       slash = key.rfind('/', slash - 1)) {
    std::string dir = PathOf(key.substr(0, slash));
    if (::rmdir(dir.c_str()) != 0 && errno != ENOENT) {
      return dir;  // not empty (or not ours to remove): it stays
    }
  }
  return root_.empty() ? std::string("/") : root_;
}

Status LocalObjectStore::CleanStaleTempFiles() {
  const std::string temp_dir = TempDir();
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(temp_dir.c_str()), &::closedir);
  if (dir == nullptr) {
    return ErrnoStatus("opendir", temp_dir, errno);
  }
  const time_t cutoff = ::time(nullptr) - kStaleTempSeconds;
  while (const dirent* ent = ::readdir(dir.get())) {
    std::string path = temp_dir + "/" + ent->d_name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < cutoff) {
      ::unlink(path.c_str());  // best effort: a leftover that stays is only wasted space
    }
  }
  return Status::Ok();
}

}  // namespace binlake::adapters
