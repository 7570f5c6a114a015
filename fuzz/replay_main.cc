// Replays fuzz inputs through a libFuzzer entry point without libFuzzer, so any compiler (g++ in
// CI) can run a fuzz corpus as a regression test.
//
//   byte_reader_fuzzer_replay FILE_OR_DIR...
//
// Each argument is a file, or a directory whose regular files are replayed in name order. The
// exit status is 0 when every input ran; 1 when an argument could not be read or named no input
// at all. A crash or broken invariant in the target aborts the process, as under libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool ReadFile(const std::filesystem::path& path, std::vector<uint8_t>* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  contents->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

bool CollectInputs(const std::filesystem::path& arg, std::vector<std::filesystem::path>* out) {
  std::error_code error;
  if (std::filesystem::is_directory(arg, error)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(arg, error)) {
      if (entry.is_regular_file(error)) {
        files.push_back(entry.path());
      }
    }
    if (error) {
      return false;
    }
    std::sort(files.begin(), files.end());
    out->insert(out->end(), files.begin(), files.end());
    return true;
  }
  if (std::filesystem::is_regular_file(arg, error)) {
    out->push_back(arg);
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::span<char*> args(argv, static_cast<size_t>(argc));
  std::vector<std::filesystem::path> inputs;
  for (size_t i = 1; i < args.size(); ++i) {
    if (!CollectInputs(args[i], &inputs)) {
      std::fprintf(stderr, "replay: cannot read %s\n", args[i]);
      return 1;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs (usage: %s FILE_OR_DIR...)\n",
                 args.empty() ? "replay" : args[0]);
    return 1;
  }
  std::vector<uint8_t> contents;
  for (const auto& path : inputs) {
    if (!ReadFile(path, &contents)) {
      std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
      return 1;
    }
    LLVMFuzzerTestOneInput(contents.data(), contents.size());
  }
  std::fprintf(stderr, "replay: ran %zu inputs\n", inputs.size());
  return 0;
}
