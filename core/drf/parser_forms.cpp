#include "drf/parser_forms.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "crypto/base64.hpp"
#include "django/query_dict.hpp"
#include "drf/errors.hpp"
#include "python/html.hpp"
#include "python/str.hpp"

namespace authlab::drf {
namespace {

using pyjson::Value;

constexpr std::size_t max_number_fields = django::data_upload_max_number_fields;
constexpr std::size_t max_memory_size = django::data_upload_max_memory_size;
constexpr std::size_t max_number_files = 100;  // DATA_UPLOAD_MAX_NUMBER_FILES
constexpr std::size_t multipart_header_limit = 1024;  // parse_boundary_stream's read

// request.data as a dict, with MultiValueDict's semantics as QueryDict.get / [] see them: the
// last value wins, the first appearance fixes the order.
class FormData {
public:
    void appendlist(const std::string& key, const std::string& value) {
        for (auto& [k, v] : items_) {
            if (k == key) {
                v = Value::string(value);
                return;
            }
        }
        items_.emplace_back(key, Value::string(value));
    }
    Value value() && { return Value::dict(std::move(items_)); }

private:
    Value::Items items_;
};

// A part's headers, "name: value; params" each (multipartparser.parse_boundary_stream).
struct Part {
    bool has_disposition = false;
    bool is_file = false;
    std::string name;  // bytes
    std::string file_name;  // bytes, as the filename parameter gave it
    std::string transfer_encoding;
    std::string_view data;
};

std::string ascii_strip(std::string_view s) {
    std::size_t first = 0, last = s.size();
    auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    while (first < last && space(s[first])) ++first;
    while (last > first && space(s[last - 1])) --last;
    return std::string(s.substr(first, last - first));
}

Part read_part(std::string_view segment) {
    Part part;
    std::string_view head = segment.substr(0, multipart_header_limit);
    std::size_t header_end = head.find("\r\n\r\n");
    if (header_end == std::string_view::npos) return part;  // RAW: no header, skipped
    part.data = segment.substr(header_end + 4);
    std::string_view header = head.substr(0, header_end);
    for (std::size_t start = 0; start <= header.size();) {
        std::size_t end = header.find("\r\n", start);
        if (end == std::string_view::npos) end = header.size();
        std::string_view line = header.substr(start, end - start);
        start = end + 2;
        HeaderValue parsed;
        try {
            parsed = parse_header(line, HeaderSource::bytes);
        } catch (const ServerError& error) {
            // A ValueError (a line Python cannot decode) skips the line; a LookupError escapes.
            if (std::string_view(error.what()).starts_with("LookupError")) throw;
            continue;
        }
        std::size_t colon = parsed.key.find(':');
        if (colon == std::string::npos) continue;
        std::string name = parsed.key.substr(0, colon);
        std::string value = parsed.key.substr(colon + 1);
        if (name == "content-disposition") {
            part.has_disposition = true;
            auto filename = parsed.params.find("filename");
            part.is_file = filename != parsed.params.end() && !filename->second.empty();
            if (part.is_file) part.file_name = filename->second;
            auto field = parsed.params.find("name");
            part.name = field == parsed.params.end() ? std::string() : ascii_strip(field->second);
            if (field == parsed.params.end()) part.has_disposition = false;  // KeyError: the part is skipped
        } else if (name == "content-transfer-encoding") {
            part.transfer_encoding = ascii_strip(value);
        }
    }
    return part;
}

// MultiPartParser.sanitize_file_name: html.unescape, then the last path component; "", "."
// and ".." are no name (the part is dropped).
std::optional<std::string> sanitize_file_name(std::string_view written) {
    std::string file_name;
    try {
        file_name = python::html_unescape(written);
    } catch (const std::invalid_argument& error) {  // int() of a reference's digits: nothing catches it
        throw ServerError(std::string(error.what()) + " (a file name's numeric character reference)");
    }
    for (char separator : {'/', '\\'}) {
        if (std::size_t at = file_name.rfind(separator); at != std::string::npos) file_name.erase(0, at + 1);
    }
    if (file_name.empty() || file_name == "." || file_name == "..") return std::nullopt;
    return file_name;
}

// request.FILES merged into request.data (MultiValueDict.update appends): a key with any file
// ends on its last file.
void add_file(std::vector<std::pair<std::string, std::string>>& files, const std::string& key, std::string file_name) {
    for (auto& [name, last] : files) {
        if (name == key) {
            last = std::move(file_name);
            return;
        }
    }
    files.emplace_back(key, std::move(file_name));
}

}  // namespace

Value form_data(std::string_view body, const python::FoundCodec& encoding) {
    std::optional<django::QueryDict> dict = django::parse_query_dict(body, encoding);
    if (!dict) throw BadRequest("TooManyFieldsSent: The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
    FormData data;
    for (const auto& [key, value] : dict->items()) data.appendlist(key, value);
    return std::move(data).value();
}

RequestData parse_multipart(std::string_view content_type, std::string_view body, python::Codec codec) {
    auto fail = [](const std::string& message) { return parse_error("Multipart form parse error - " + message); };
    if (!content_type.starts_with("multipart/")) throw fail("Invalid Content-Type: " + std::string(content_type));
    // parse_header(content_type.encode('ascii')): the header's text as its bytes.
    for (char c : content_type) {
        if (static_cast<unsigned char>(c) >= 0x80) throw fail("Invalid non-ASCII Content-Type in multipart: " + std::string(content_type));
    }
    HeaderValue header = parse_header(content_type, HeaderSource::bytes);
    auto found = header.params.find("boundary");
    std::string boundary = found == header.params.end() ? "" : found->second;
    // cgi.valid_boundary: ^[ -~]{0,200}[!-~]$ ($ also matches before a final newline)
    std::string_view checked = boundary;
    if (checked.ends_with('\n')) checked.remove_suffix(1);
    bool valid = !checked.empty() && checked.size() <= 201 && checked.back() != ' ' &&
                 std::all_of(checked.begin(), checked.end(), [](char c) { return c >= ' ' && c <= '~'; });
    if (!valid) throw fail("Invalid boundary in multipart: " + (found == header.params.end() ? std::string("None") : boundary));

    // The stream cut at each "--boundary" (the CRLF before it belongs to no part).
    const std::string separator = "--" + boundary;
    FormData post;
    std::vector<std::pair<std::string, std::string>> files;
    std::size_t keys = 0, file_count = 0, bytes_read = 0, pos = 0;
    while (pos < body.size()) {
        std::size_t at = body.find(separator, pos);
        std::size_t end = at == std::string_view::npos ? body.size() : at;
        if (at != std::string_view::npos) {
            if (end > pos && body[end - 1] == '\n') --end;
            if (end > pos && body[end - 1] == '\r') --end;
        }
        std::string_view segment = body.substr(pos, end - pos);
        pos = at == std::string_view::npos ? body.size() : at + separator.size();

        Part part = read_part(segment);
        if (!part.is_file && ++keys > max_number_fields + 2) {  // fields and raw parts count
            throw BadRequest("TooManyFieldsSent: The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
        }
        if (!part.has_disposition) continue;
        if (part.is_file) {
            if (++file_count > max_number_files) {
                throw BadRequest("TooManyFilesSent: The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.");
            }
            // The upload handlers keep the contents; only the file's name reaches a serializer.
            if (auto file_name = sanitize_file_name(python::decode_replace(part.file_name, codec))) {
                add_file(files, python::decode_replace(part.name, codec), std::move(*file_name));
            }
            continue;
        }
        // field_stream.read(size=DATA_UPLOAD_MAX_MEMORY_SIZE - num_bytes_read)
        std::string data(part.data.substr(0, max_memory_size - std::min(bytes_read, max_memory_size)));
        bytes_read += data.size();
        if (part.transfer_encoding == "base64") {
            if (std::optional<std::string> decoded = crypto::base64_decode_lenient(data)) data = *decoded;
        }
        std::string name = python::decode_replace(part.name, codec);
        bytes_read += python::length(name) + 2;  // "consistent with the x-www-form-urlencoded check that includes '&='"
        if (bytes_read > max_memory_size) {
            throw BadRequest("RequestDataTooBig: Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.");
        }
        post.appendlist(name, python::decode_replace(data, codec));
    }
    return {std::move(post).value(), true, std::move(files)};
}

}  // namespace authlab::drf
