#include "adapters/curl/curl_errors.h"

#include <fmt/format.h>

#include <string>

namespace binlake::adapters {
namespace {

// "ca_file "<path>" is not ...": what is wrong with a CA bundle, for both error paths.
std::string CaFileProblem(std::string_view ca_file) {
  return fmt::format("ca_file \"{}\" is not a readable PEM file of CA certificates", ca_file);
}

// "HTTP request to URL failed: <what>: <curl's text> (<detail>)".
std::string FailureMessage(std::string_view url, std::string_view what, CURLcode code,
                           std::string_view detail) {
  std::string message = fmt::format("HTTP request to {} failed: ", url);
  if (!what.empty()) {
    message += fmt::format("{}: ", what);
  }
  message += curl_easy_strerror(code);
  if (!detail.empty()) {
    message += fmt::format(" ({})", detail);
  }
  return message;
}

bool IsCertificateRejected(CURLcode code) {
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:  // also CURLE_SSL_CACERT: unknown issuer, wrong host
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return true;
    default:
      return false;
  }
}

Status CertificateRejectedError(CURLcode code, std::string_view detail, std::string_view url,
                                std::string_view ca_file) {
  std::string trusted = ca_file.empty()
                            ? std::string("the system's CA store (set ca_file for a private CA)")
                            : fmt::format("ca_file \"{}\"", ca_file);
  return FailedPreconditionError(
      FailureMessage(url, fmt::format("the server's TLS certificate is not trusted by {}", trusted),
                     code, detail));
}

Status CaBundleError(CURLcode code, std::string_view detail, std::string_view url,
                     std::string_view ca_file) {
  if (ca_file.empty()) {
    return FailedPreconditionError(
        FailureMessage(url, "the system's CA store cannot be loaded", code, detail));
  }
  return InvalidArgumentError(FailureMessage(url, CaFileProblem(ca_file), code, detail));
}

}  // namespace

Status CaFileError(std::string_view ca_file, std::string_view reason) {
  return InvalidArgumentError(fmt::format("{}: {}", CaFileProblem(ca_file), reason));
}

Status CurlTransportError(CURLcode code, std::string_view detail, std::string_view url,
                          std::string_view ca_file) {
  if (IsCertificateRejected(code)) {
    return CertificateRejectedError(code, detail, url, ca_file);
  }
  switch (code) {
    case CURLE_SSL_CACERT_BADFILE:
      return CaBundleError(code, detail, url, ca_file);
    case CURLE_OPERATION_TIMEDOUT:
      return DeadlineExceededError(FailureMessage(url, "", code, detail));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return InvalidArgumentError(FailureMessage(url, "", code, detail));
    case CURLE_OUT_OF_MEMORY:
      return InternalError(FailureMessage(url, "", code, detail));
    default:
      return UnavailableError(FailureMessage(url, "", code, detail));
  }
}

}  // namespace binlake::adapters
