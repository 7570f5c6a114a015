#include "adapters/curl/curl_http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

#include "adapters/curl/curl_errors.h"
#include "binlake/base/macros.h"

namespace binlake::adapters {
namespace {

// Owns a curl_slist.
struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  bool Append(const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr) {
      return false;
    }
    list = next;
    return true;
  }
};

// The request body being uploaded and the response being collected.
struct Exchange {
  std::string_view upload;
  size_t upload_offset = 0;
  io::HttpResponse response;
};

size_t ReadBody(char* buffer, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  size_t n = std::min(size * count, exchange->upload.size() - exchange->upload_offset);
  std::memcpy(buffer, exchange->upload.data() + exchange->upload_offset, n);
  exchange->upload_offset += n;
  return n;
}

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<Exchange*>(user)->response.body.append(data, size * count);
  return size * count;
}

std::string_view TrimHeaderValue(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  return value;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    exchange->response.headers.clear();  // a new response (after 100 Continue or a 1xx)
    return line.size();
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return line.size();
  }
  std::string name(line.substr(0, colon));
  for (char& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  exchange->response.headers.emplace_back(std::move(name),
                                          std::string(TrimHeaderValue(line.substr(colon + 1))));
  return line.size();
}

// Sets the method and body options. False for an unknown method.
bool SetMethod(CURL* curl, const io::HttpRequest& request, Exchange* exchange) {
  const std::string& method = request.method;
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadBody);
    curl_easy_setopt(curl, CURLOPT_READDATA, exchange);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else if (method == "DELETE") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  } else {
    return false;
  }
  return true;
}

// Request headers plus overrides of curl's defaults: no "Expect: 100-continue" (one round trip
// less; S3 answers errors after the body anyway) and no default Content-Type on POST.
bool BuildHeaders(const io::HttpRequest& request, HeaderList* headers) {
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    has_content_type = has_content_type || name == "content-type";
    // "Name;" is curl's syntax for a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    if (!headers->Append(line)) {
      return false;
    }
  }
  return headers->Append("Expect:") && (has_content_type || headers->Append("Content-Type:"));
}

void SetCommonOptions(CURL* curl, const CurlOptions& options, const io::HttpRequest& request,
                      Exchange* exchange, char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, exchange);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, exchange);
}

// OK when `ca_file` is empty or can be opened for reading.
Status CheckCaFileReadable(const std::string& ca_file) {
  if (ca_file.empty()) {
    return Status::Ok();
  }
  std::FILE* file = std::fopen(ca_file.c_str(), "rb");
  if (file == nullptr) {
    return CaFileError(ca_file, std::error_code(errno, std::generic_category()).message());
  }
  std::fclose(file);
  return Status::Ok();
}

CURLcode GlobalInit() {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);  // once, thread-safe
  return code;
}

}  // namespace

Result<std::unique_ptr<CurlHttpClient>> CurlHttpClient::Make(const CurlOptions& options) {
  CURLcode code = GlobalInit();
  if (code != CURLE_OK) {
    return InternalError(fmt::format("curl_global_init failed: {}", curl_easy_strerror(code)));
  }
  RETURN_IF_ERROR(CheckCaFileReadable(options.ca_file));
  return std::unique_ptr<CurlHttpClient>(new CurlHttpClient(options));
}

CurlHttpClient::~CurlHttpClient() {
  for (void* handle : idle_) {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

void* CurlHttpClient::AcquireHandle() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      void* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  return curl_easy_init();
}

void CurlHttpClient::ReleaseHandle(void* handle) {
  curl_easy_reset(static_cast<CURL*>(handle));  // keeps the live connection and caches
  {
    std::lock_guard lock(mutex_);
    if (idle_.size() < options_.max_idle_handles) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(static_cast<CURL*>(handle));
}

Result<io::HttpResponse> CurlHttpClient::Send(const io::HttpRequest& request) {
  auto* curl = static_cast<CURL*>(AcquireHandle());
  if (curl == nullptr) {
    return InternalError("curl_easy_init failed");
  }
  Exchange exchange;
  exchange.upload = request.body;
  HeaderList headers;
  char error_buffer[CURL_ERROR_SIZE] = {};
  SetCommonOptions(curl, options_, request, &exchange, error_buffer);
  Status status;
  if (!SetMethod(curl, request, &exchange)) {
    status = InvalidArgumentError(fmt::format("unsupported HTTP method \"{}\"", request.method));
  } else if (!BuildHeaders(request, &headers)) {
    status = InternalError("out of memory building HTTP headers");
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
      status = CurlTransportError(code, error_buffer, request.url, options_.ca_file);
    }
  }
  long http_status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  ReleaseHandle(curl);
  if (!status.ok()) {
    return status;
  }
  exchange.response.status = static_cast<int>(http_status);
  return std::move(exchange.response);
}

}  // namespace binlake::adapters
