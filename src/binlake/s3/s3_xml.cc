#include "binlake/s3/s3_xml.h"

#include <fmt/format.h>

#include <charconv>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/base/utf8.h"

namespace binlake::s3 {
namespace {

bool IsNameChar(char c) {
  return c != '>' && c != '/' && c != '=' && c != ' ' && c != '\t' && c != '\r' && c != '\n' &&
         c != '<';
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Appends the UTF-8 encoding of `code_point`; false when XML cannot carry it (NUL, surrogates,
// beyond U+10FFFF).
bool AppendXmlCodePoint(uint32_t code_point, std::string* out) {
  if (code_point == 0 || code_point > kMaxCodePoint || IsSurrogate(code_point)) {
    return false;
  }
  AppendUtf8(code_point, out);
  return true;
}

// A cursor over the document. Every method checks bounds and reports Corruption.
class XmlParser {
 public:
  explicit XmlParser(std::string_view document) : doc_(document) {}

  Result<XmlElement> ParseDocument() {
    RETURN_IF_ERROR(SkipMisc());
    if (AtEnd()) {
      return Error("no root element");
    }
    ASSIGN_OR_RETURN(XmlElement root, ParseElement(1));
    RETURN_IF_ERROR(SkipMisc());
    if (!AtEnd()) {
      return Error("content after the root element");
    }
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= doc_.size(); }
  bool StartsWith(std::string_view text) const { return doc_.substr(pos_).starts_with(text); }

  Status Error(std::string_view what) const {
    return CorruptionError(fmt::format("S3 XML response: {} at byte {}", what, pos_));
  }

  // Moves past `terminator`; Corruption if it never comes.
  Status SkipPast(std::string_view terminator) {
    size_t end = doc_.find(terminator, pos_);
    if (end == std::string_view::npos) {
      return Error(fmt::format("unterminated construct (missing \"{}\")", terminator));
    }
    pos_ = end + terminator.size();
    return Status::Ok();
  }

  // Whitespace, the prolog, comments and a DOCTYPE between top-level constructs.
  Status SkipMisc() {
    while (!AtEnd()) {
      if (IsSpace(doc_[pos_])) {
        ++pos_;
      } else if (StartsWith("<?")) {
        RETURN_IF_ERROR(SkipPast("?>"));
      } else if (StartsWith("<!--")) {
        RETURN_IF_ERROR(SkipPast("-->"));
      } else if (StartsWith("<!DOCTYPE")) {
        RETURN_IF_ERROR(SkipPast(">"));
      } else {
        break;
      }
    }
    return Status::Ok();
  }

  Result<std::string> ParseName() {
    size_t start = pos_;
    while (!AtEnd() && IsNameChar(doc_[pos_])) {
      ++pos_;
    }
    if (pos_ == start) {
      return Error("expected a name");
    }
    std::string_view name = doc_.substr(start, pos_ - start);
    size_t colon = name.rfind(':');
    return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
  }

  // Skips attributes up to '>' or "/>"; returns true when the tag is self-closing.
  Result<bool> SkipAttributes() {
    while (!AtEnd()) {
      char c = doc_[pos_];
      if (c == '>') {
        ++pos_;
        return false;
      }
      if (c == '/' && StartsWith("/>")) {
        pos_ += 2;
        return true;
      }
      if (c == '"' || c == '\'') {
        ++pos_;
        RETURN_IF_ERROR(SkipPast(std::string_view(&doc_[pos_ - 1], 1)));
        continue;
      }
      if (c == '<') {
        return Error("'<' inside a tag");
      }
      ++pos_;
    }
    return Error("unterminated tag");
  }

  Status AppendEntity(std::string* out) {
    size_t end = doc_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) {
      return Error("unterminated entity");
    }
    std::string_view entity = doc_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    if (entity == "amp") {
      *out += '&';
    } else if (entity == "lt") {
      *out += '<';
    } else if (entity == "gt") {
      *out += '>';
    } else if (entity == "quot") {
      *out += '"';
    } else if (entity == "apos") {
      *out += '\'';
    } else if (entity.size() > 1 && entity[0] == '#') {
      return AppendCharacterReference(entity.substr(1), out);
    } else {
      return Error(fmt::format("unknown entity \"&{};\"", entity));
    }
    return Status::Ok();
  }

  Status AppendCharacterReference(std::string_view digits, std::string* out) {
    int base = 10;
    if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
      base = 16;
      digits.remove_prefix(1);
    }
    uint32_t code_point = 0;
    auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), code_point, base);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        !AppendXmlCodePoint(code_point, out)) {
      return Error("bad character reference");
    }
    return Status::Ok();
  }

  // Character data, CDATA, comments and child elements up to the matching end tag.
  Status ParseContent(XmlElement* element, int depth) {
    while (true) {
      if (AtEnd()) {
        return Error(fmt::format("truncated inside <{}>", element->name));
      }
      char c = doc_[pos_];
      if (c == '&') {
        RETURN_IF_ERROR(AppendEntity(&element->text));
      } else if (c != '<') {
        element->text += c;
        ++pos_;
      } else if (StartsWith("</")) {
        pos_ += 2;
        ASSIGN_OR_RETURN(std::string name, ParseName());
        while (!AtEnd() && IsSpace(doc_[pos_])) {
          ++pos_;
        }
        if (AtEnd() || doc_[pos_] != '>' || name != element->name) {
          return Error(fmt::format("mismatched end tag for <{}>", element->name));
        }
        ++pos_;
        return Status::Ok();
      } else if (StartsWith("<![CDATA[")) {
        size_t start = pos_ + 9;
        RETURN_IF_ERROR(SkipPast("]]>"));
        element->text += doc_.substr(start, pos_ - 3 - start);
      } else if (StartsWith("<!--")) {
        RETURN_IF_ERROR(SkipPast("-->"));
      } else if (StartsWith("<?")) {
        RETURN_IF_ERROR(SkipPast("?>"));
      } else {
        ASSIGN_OR_RETURN(XmlElement child, ParseElement(depth + 1));
        element->children.push_back(std::move(child));
      }
    }
  }

  Result<XmlElement> ParseElement(int depth) {
    if (depth > kMaxXmlDepth) {
      return Error("elements nested too deeply");
    }
    if (AtEnd() || doc_[pos_] != '<') {
      return Error("expected '<'");
    }
    ++pos_;
    XmlElement element;
    ASSIGN_OR_RETURN(element.name, ParseName());
    ASSIGN_OR_RETURN(bool self_closing, SkipAttributes());
    if (!self_closing) {
      RETURN_IF_ERROR(ParseContent(&element, depth));
    }
    return element;
  }

  std::string_view doc_;
  size_t pos_ = 0;
};

Result<XmlElement> ParseRoot(std::string_view document, std::string_view expected_root) {
  ASSIGN_OR_RETURN(XmlElement root, XmlParser(document).ParseDocument());
  if (root.name != expected_root) {
    return CorruptionError(
        fmt::format("S3 XML response: expected <{}>, got <{}>", expected_root, root.name));
  }
  return root;
}

Result<uint64_t> ParseSize(std::string_view text) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return CorruptionError(fmt::format("S3 XML response: bad <Size> \"{}\"", text));
  }
  return value;
}

Result<io::ObjectInfo> ParseContents(const XmlElement& contents) {
  const XmlElement* key = contents.Child("Key");
  if (key == nullptr || key->text.empty()) {
    return CorruptionError("S3 XML response: <Contents> without a <Key>");
  }
  io::ObjectInfo info;
  info.key = key->text;
  ASSIGN_OR_RETURN(info.size, ParseSize(contents.ChildText("Size")));
  info.etag = std::string(UnquoteEtag(contents.ChildText("ETag")));
  return info;
}

}  // namespace

const XmlElement* XmlElement::Child(std::string_view child_name) const {
  for (const auto& child : children) {
    if (child.name == child_name) {
      return &child;
    }
  }
  return nullptr;
}

std::string_view XmlElement::ChildText(std::string_view child_name) const {
  const XmlElement* child = Child(child_name);
  return child == nullptr ? std::string_view() : std::string_view(child->text);
}

Result<XmlElement> ParseXml(std::string_view document) {
  return XmlParser(document).ParseDocument();
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Result<S3ErrorBody> ParseErrorXml(std::string_view document) {
  ASSIGN_OR_RETURN(XmlElement root, ParseRoot(document, "Error"));
  S3ErrorBody error{std::string(root.ChildText("Code")), std::string(root.ChildText("Message")),
                    std::string(root.ChildText("Region"))};
  if (error.code.empty()) {
    return CorruptionError("S3 XML response: <Error> without a <Code>");
  }
  return error;
}

Result<ListObjectsResult> ParseListBucketResult(std::string_view document) {
  ASSIGN_OR_RETURN(XmlElement root, ParseRoot(document, "ListBucketResult"));
  ListObjectsResult result;
  for (const auto& child : root.children) {
    if (child.name == "Contents") {
      ASSIGN_OR_RETURN(io::ObjectInfo info, ParseContents(child));
      result.objects.push_back(std::move(info));
    }
  }
  result.is_truncated = root.ChildText("IsTruncated") == "true";
  result.next_continuation_token = std::string(root.ChildText("NextContinuationToken"));
  if (result.is_truncated && result.next_continuation_token.empty()) {
    return CorruptionError(
        "S3 XML response: truncated <ListBucketResult> without a <NextContinuationToken>");
  }
  return result;
}

Result<std::string> ParseInitiateMultipartUploadResult(std::string_view document) {
  ASSIGN_OR_RETURN(XmlElement root, ParseRoot(document, "InitiateMultipartUploadResult"));
  std::string_view upload_id = root.ChildText("UploadId");
  if (upload_id.empty()) {
    return CorruptionError("S3 XML response: <InitiateMultipartUploadResult> without <UploadId>");
  }
  return std::string(upload_id);
}

Result<std::string> ParseCompleteMultipartUploadResult(std::string_view document) {
  ASSIGN_OR_RETURN(XmlElement root, ParseRoot(document, "CompleteMultipartUploadResult"));
  return std::string(UnquoteEtag(root.ChildText("ETag")));
}

std::string CompleteMultipartUploadXml(const std::vector<CompletedPart>& parts) {
  std::string xml = "<CompleteMultipartUpload>";
  for (const auto& part : parts) {
    xml += fmt::format("<Part><PartNumber>{}</PartNumber><ETag>{}</ETag></Part>", part.part_number,
                       XmlEscape(part.etag));
  }
  xml += "</CompleteMultipartUpload>";
  return xml;
}

std::string_view UnquoteEtag(std::string_view etag) {
  if (etag.starts_with("W/")) {
    etag.remove_prefix(2);
  }
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

}  // namespace binlake::s3
