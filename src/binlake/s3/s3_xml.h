// The few S3 XML documents binlake reads and writes, over a tiny tolerant XML reader.
//
// The reader handles what S3 servers send: a prolog, comments, elements with attributes
// (ignored; namespace prefixes are stripped from names), character data with the five
// predefined entities and numeric character references, and CDATA. It does not handle DTDs
// (a <!DOCTYPE> is skipped, entities it declares are not expanded). Every read is bounds-checked;
// truncated or malformed input, or a document of the wrong kind, is Corruption, never a crash.
// Nesting is limited to kMaxXmlDepth.
// Documents: ListObjectsV2 (ListBucketResult), CreateMultipartUpload
// (InitiateMultipartUploadResult), CompleteMultipartUpload (request body and
// CompleteMultipartUploadResult) and the Error body (S3 API reference, "Error responses").
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/io/object_store.h"

namespace binlake::s3 {

inline constexpr int kMaxXmlDepth = 32;

struct XmlElement {
  std::string name;  // local name, without a namespace prefix
  std::string text;  // concatenated, entity-decoded character data directly inside
  std::vector<XmlElement> children;

  // The first child named `child_name`, or nullptr.
  const XmlElement* Child(std::string_view child_name) const;
  // The text of the first child named `child_name`, or empty.
  std::string_view ChildText(std::string_view child_name) const;
};

// Parses a whole document into its root element. Corruption when malformed or truncated.
Result<XmlElement> ParseXml(std::string_view document);

// Escapes & < > " ' for use in element text.
std::string XmlEscape(std::string_view text);

struct S3ErrorBody {
  std::string code;     // e.g. "NoSuchKey", "SignatureDoesNotMatch"
  std::string message;  // the server's human-readable text
  std::string region;   // <Region>, sent with AuthorizationHeaderMalformed; often empty
};
// An <Error> document. Corruption when the root is not <Error> or has no <Code>.
Result<S3ErrorBody> ParseErrorXml(std::string_view document);

struct ListObjectsResult {
  std::vector<io::ObjectInfo> objects;  // full keys as stored; etags without quotes
  bool is_truncated = false;
  std::string next_continuation_token;
};
// A ListObjectsV2 <ListBucketResult>. Corruption on a bad <Size>, a missing <Key>, or
// IsTruncated=true without a NextContinuationToken.
Result<ListObjectsResult> ParseListBucketResult(std::string_view document);

// The UploadId of an <InitiateMultipartUploadResult>. Corruption when missing or empty.
Result<std::string> ParseInitiateMultipartUploadResult(std::string_view document);

// The ETag (without quotes) of a <CompleteMultipartUploadResult>. Corruption otherwise (S3 may
// answer 200 with an <Error> body; check ParseErrorXml first).
Result<std::string> ParseCompleteMultipartUploadResult(std::string_view document);

struct CompletedPart {
  int part_number = 0;
  std::string etag;  // as returned by UploadPart, quotes included or not
};
// The CompleteMultipartUpload request body.
std::string CompleteMultipartUploadXml(const std::vector<CompletedPart>& parts);

// `etag` without surrounding double quotes (and without a weak "W/" marker).
std::string_view UnquoteEtag(std::string_view etag);

}  // namespace binlake::s3
