#pragma once
// Django 3.2's QueryDict(bytes, encoding) as request.GET and a urlencoded request.POST build
// it: the bytes decoded with the request's charset (Latin-1 when they are not valid in it),
// then urllib.parse.parse_qsl(keep_blank_values=True, errors="replace", max_num_fields=1000).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "python/codecs.hpp"

namespace authlab::django {

inline constexpr std::size_t data_upload_max_number_fields = 1000;      // DATA_UPLOAD_MAX_NUMBER_FIELDS
inline constexpr std::size_t data_upload_max_memory_size = 2621440;     // DATA_UPLOAD_MAX_MEMORY_SIZE

class QueryDict {
public:
    QueryDict() = default;
    explicit QueryDict(std::vector<std::pair<std::string, std::string>> items) : items_(std::move(items)) {}

    // QueryDict.get: the last value given for the key.
    std::optional<std::string> get(std::string_view key) const;
    const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

// nullopt: more than 1000 fields (Django raises TooManyFieldsSent, answered 400).
// `encoding` is request.encoding (request_encoding.hpp); a codec the lab does not model throws
// python::UnmodelledCodec once there are bytes to decode.
std::optional<QueryDict> parse_query_dict(std::string_view bytes, const python::FoundCodec& encoding = {"utf_8", python::Codec::utf8});

}  // namespace authlab::django
