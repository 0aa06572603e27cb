#include "drf/fields.hpp"

#include <cctype>
#include <cstdio>

#include "drf/errors.hpp"
#include "drf/serializer_validators.hpp"
#include "python/decimal.hpp"
#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::drf {
namespace {

using pyjson::Value;
using Kind = pyjson::Value::Kind;

constexpr std::size_t max_string_length = 1000;  // IntegerField/DecimalField.MAX_STRING_LENGTH

// Django's ProhibitNullCharactersValidator.
std::optional<std::string> prohibit_null_characters(const Value& value) {
    if (value.str().find('\0') != std::string::npos) return "Null characters are not allowed.";
    return std::nullopt;
}

// DRF's ProhibitSurrogateCharactersValidator: the first surrogate, in upper-case hex.
std::optional<std::string> prohibit_surrogate_characters(const Value& value) {
    for (char32_t c : python::decode(value.str())) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "%X", static_cast<unsigned>(c));
            return std::string("Surrogate characters are not allowed: U+") + hex + ".";
        }
    }
    return std::nullopt;
}

// IntegerField.re_decimal = r'\.0*\s*$', removed before int(): only the last '.' can start it.
std::u32string strip_decimal_zeros(std::u32string text) {
    std::size_t dot = text.rfind(U'.');
    if (dot == std::u32string::npos) return text;
    std::size_t i = dot + 1;
    while (i < text.size() && text[i] == U'0') ++i;
    while (i < text.size() && python::is_space(text[i])) ++i;
    if (i == text.size()) text.erase(dot);
    return text;
}

Validator min_integer(long long limit) {
    return [limit](const Value& v) -> std::optional<std::string> {
        if (python::compare_int(v.int_digits(), std::to_string(limit)) < 0) {
            return "Ensure this value is greater than or equal to " + std::to_string(limit) + ".";
        }
        return std::nullopt;
    };
}

Validator max_integer(long long limit) {
    return [limit](const Value& v) -> std::optional<std::string> {
        if (python::compare_int(v.int_digits(), std::to_string(limit)) > 0) {
            return "Ensure this value is less than or equal to " + std::to_string(limit) + ".";
        }
        return std::nullopt;
    };
}

}  // namespace

Field::Field(std::string field_name) : name(std::move(field_name)) {
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i] == '_' ? ' ' : name[i];
        label += static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
    }
}

// `partial` matters only to fields with a default_empty_html, which this project has none of.
std::optional<Value> Field::get_value(const RequestData& data, [[maybe_unused]] bool partial) const {
    const Value* found = data.value.find(name);
    if (!data.html_input) return found ? std::optional<Value>(*found) : std::nullopt;
    // HTML forms send empty fields as '' and cannot say None or False.
    if (!found) return std::nullopt;
    if (found->is(Kind::Str) && found->as_str().empty()) {
        if (allow_null) return allow_blank() ? *found : Value();
        if (!required) return allow_blank() ? std::optional<Value>(*found) : std::nullopt;
    }
    return *found;
}

// validate_empty_values, then to_internal_value and run_validators.
std::optional<Value> Field::run_validation(const std::optional<Value>& data, bool partial) const {
    if (read_only) return std::nullopt;
    if (!data) {
        if (partial) return std::nullopt;
        if (required) fail("This field is required.");
        return std::nullopt;  // no default: SkipField
    }
    if (data->is(Kind::None)) {
        if (!allow_null) fail("This field may not be null.");
        return Value();
    }
    Value value = to_internal_value(*data);
    run_validators(value);
    return value;
}

std::optional<Value> Field::run_file_validation(const std::string& file_name) const {
    if (read_only) return std::nullopt;
    Value value = file_to_internal_value(file_name);
    run_validators(value);
    return value;
}

Value Field::file_to_internal_value(const std::string& file_name) const { return to_internal_value(Value::string(file_name)); }

void Field::run_validators(const Value& value) const {
    FieldError error;
    for (const Validator& validator : validators) {
        if (std::optional<std::string> message = validator(value)) error.messages.push_back(std::move(*message));
    }
    if (!error.messages.empty()) throw error;
}

void Field::fail(std::string message) { throw FieldError{{std::move(message)}}; }

CharField::CharField(std::string field_name, CharOptions options)
    : Field(std::move(field_name)), allow_blank_(options.allow_blank), trim_whitespace_(options.trim_whitespace) {
    validators = std::move(options.validators);
    max_length = options.max_length;
    if (std::optional<std::size_t> limit = options.max_length) {
        validators.push_back([limit = *limit](const Value& v) -> std::optional<std::string> {
            if (python::length(v.as_str()) > limit) {
                return "Ensure this field has no more than " + std::to_string(limit) + " characters.";
            }
            return std::nullopt;
        });
    }
    validators.push_back(prohibit_null_characters);
    validators.push_back(prohibit_surrogate_characters);
}

// The empty string is answered here, before validate_empty_values: '' and (trimmed) blanks.
std::optional<Value> CharField::run_validation(const std::optional<Value>& data, bool partial) const {
    bool blank = data && ((data->is(Kind::Str) && data->as_str().empty()) ||
                          (trim_whitespace_ && python::strip(python::decode(data->str())).empty()));
    if (blank) {
        if (!allow_blank_) fail("This field may not be blank.");
        return Value::string("");
    }
    return Field::run_validation(data, partial);
}

// The blank test reads str(file), the file's name; past it, a file is no str, int or float.
std::optional<Value> CharField::run_file_validation(const std::string& file_name) const {
    if (trim_whitespace_ && python::strip(python::decode(file_name)).empty()) return run_validation(Value::string(""), false);
    return Field::run_file_validation(file_name);
}

Value CharField::file_to_internal_value(const std::string&) const { fail(invalid_message_); }

// Numbers become their str(); bools, lists and dicts are refused.
Value CharField::to_internal_value(const Value& data) const {
    if (!data.is(Kind::Str) && !data.is(Kind::Int) && !data.is(Kind::Float)) fail(invalid_message_);
    std::string text = data.str();
    return Value::string(trim_whitespace_ ? python::encode(python::strip(python::decode(text))) : text);
}

EmailField::EmailField(std::string field_name, CharOptions options) : CharField(std::move(field_name), std::move(options)) {
    invalid_message_ = "Enter a valid email address.";
    validators.push_back([](const Value& v) -> std::optional<std::string> {
        if (!validators::valid_email(v.as_str())) return "Enter a valid email address.";
        return std::nullopt;
    });
}

IntegerField::IntegerField(std::string field_name, std::optional<long long> min_value, std::optional<long long> max_value)
    : Field(std::move(field_name)) {
    this->min_value = min_value;
    this->max_value = max_value;
    if (max_value) validators.push_back(max_integer(*max_value));
    if (min_value) validators.push_back(min_integer(*min_value));
}

Value IntegerField::to_internal_value(const Value& data) const {
    if (data.is(Kind::Str) && python::length(data.as_str()) > max_string_length) fail("String value too large.");
    std::optional<std::string> digits = python::parse_int(strip_decimal_zeros(python::decode(data.str())));
    if (!digits) fail("A valid integer is required.");
    return Value::integer(*digits);
}

DecimalField::DecimalField(std::string field_name, int max_digits, int decimal_places, std::optional<long long> min_value)
    : Field(std::move(field_name)), max_digits_(max_digits), decimal_places_(decimal_places) {
    this->min_value = min_value;
    if (min_value) {
        validators.push_back([limit = *min_value](const Value& v) -> std::optional<std::string> {
            std::optional<python::Decimal> d = python::Decimal::parse(python::decode(v.as_str()));
            if (d && compare(*d, python::Decimal::from_int(limit)) < 0) {
                return "Ensure this value is greater than or equal to " + std::to_string(limit) + ".";
            }
            return std::nullopt;
        });
    }
}

// smart_str(data).strip(), Decimal(), then validate_precision's three checks in DRF's order
// and quantize.
Value DecimalField::to_internal_value(const Value& data) const {
    std::u32string text = python::strip(python::decode(data.str()));
    if (text.size() > max_string_length) fail("String value too large.");
    std::optional<python::Decimal> value = python::Decimal::parse(text);
    if (!value) fail("A valid number is required.");
    python::WideInt length = static_cast<python::WideInt>(value->digits.size());
    python::WideInt total_digits, whole_digits, decimal_places;
    if (value->exponent >= 0) {
        total_digits = length + value->exponent;  // 1234500.0
        whole_digits = total_digits;
        decimal_places = 0;
    } else if (length > -value->exponent) {
        total_digits = length;  // 123.45
        whole_digits = total_digits + value->exponent;
        decimal_places = -value->exponent;
    } else {
        total_digits = -value->exponent;  // 0.001234
        whole_digits = 0;
        decimal_places = total_digits;
    }
    if (total_digits > max_digits_) {
        fail("Ensure that there are no more than " + std::to_string(max_digits_) + " digits in total.");
    }
    if (decimal_places > decimal_places_) {
        fail("Ensure that there are no more than " + std::to_string(decimal_places_) + " decimal places.");
    }
    if (whole_digits > max_digits_ - decimal_places_) {
        fail("Ensure that there are no more than " + std::to_string(max_digits_ - decimal_places_) +
             " digits before the decimal point.");
    }
    return Value::string(value->quantize(decimal_places_).to_fixed());
}

std::optional<std::int64_t> lookup_pk(const Value& value) {
    std::optional<std::string> digits;
    switch (value.kind()) {
        case Kind::Int: digits = value.int_digits(); break;
        case Kind::Float: digits = python::float_to_int(value.as_float()); break;
        case Kind::Str: digits = python::parse_int(python::decode(value.as_str())); break;
        default: break;  // int() of None, a bool (DRF refuses it first), a list or a dict
    }
    if (!digits) return std::nullopt;
    std::optional<std::int64_t> id = python::to_int64(*digits);
    if (!id) throw ServerError("OverflowError: Python int too large to convert to SQLite INTEGER");
    return id;
}

PrimaryKeyRelatedField::PrimaryKeyRelatedField(std::string field_name, std::function<bool(std::int64_t)> exists)
    : Field(std::move(field_name)), exists_(std::move(exists)) {}

// RelatedField: an empty string counts as None.
std::optional<Value> PrimaryKeyRelatedField::run_validation(const std::optional<Value>& data, bool partial) const {
    if (data && data->is(Kind::Str) && data->as_str().empty()) return Field::run_validation(Value(), partial);
    return Field::run_validation(data, partial);
}

// queryset.get(pk=file): int(file) raises TypeError, reported with the file's class.
Value PrimaryKeyRelatedField::file_to_internal_value(const std::string&) const {
    fail("Incorrect type. Expected pk value, received InMemoryUploadedFile.");
}

Value PrimaryKeyRelatedField::to_internal_value(const Value& data) const {
    std::optional<std::int64_t> pk = data.is(Kind::Bool) ? std::nullopt : lookup_pk(data);
    if (!pk) fail("Incorrect type. Expected pk value, received " + data.type_name() + ".");
    if (!exists_(*pk)) fail("Invalid pk \"" + data.str() + "\" - object does not exist.");
    return Value::integer(*pk);
}

}  // namespace authlab::drf
