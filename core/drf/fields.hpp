#pragma once
// DRF's serializer fields (rest_framework/fields.py, relations.py) over request.data as
// pyjson::Value: get_value (JSON dict or HTML form), validate_empty_values, to_internal_value
// and run_validators, with DRF 3.14's messages and order. A native value is a Value too:
// str for CharField, int for IntegerField and a primary key, the quantized text ("4.50") for
// DecimalField.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drf/request_context.hpp"
#include "pyjson/value.hpp"

namespace authlab::drf {

// A field's ValidationError: its list of messages.
struct FieldError {
    std::vector<std::string> messages;
};

// A validator answers a message when the native value fails it (Django's and DRF's validators
// each raise one); run_validators collects every failing one.
using Validator = std::function<std::optional<std::string>(const pyjson::Value&)>;

class Field {
public:
    explicit Field(std::string field_name);
    virtual ~Field() = default;

    std::string name;
    // What SimpleMetadata's get_field_info reads with getattr: the label (a model field's
    // verbose_name, else Field.bind's field_name.replace('_', ' ').capitalize()), help_text,
    // and the limits the field was built with.
    std::string label;
    std::string help_text;
    std::optional<std::size_t> max_length;
    std::optional<long long> min_value, max_value;
    bool read_only = false;
    bool required = true;
    bool allow_null = false;
    std::vector<Validator> validators;

    // Field.get_value: nullopt is DRF's `empty` (no value at all).
    std::optional<pyjson::Value> get_value(const RequestData& data, bool partial) const;
    // Field.run_validation: the native value, or nullopt for SkipField; throws FieldError.
    virtual std::optional<pyjson::Value> run_validation(const std::optional<pyjson::Value>& data, bool partial) const;
    // run_validation given an uploaded file (a multipart file part merged into request.data):
    // never an empty value, so to_internal_value sees an object that is no str.
    virtual std::optional<pyjson::Value> run_file_validation(const std::string& file_name) const;

protected:
    virtual pyjson::Value to_internal_value(const pyjson::Value& data) const = 0;
    // to_internal_value(file): by default what the field makes of str(file), the file's name.
    virtual pyjson::Value file_to_internal_value(const std::string& file_name) const;
    virtual bool allow_blank() const { return false; }
    void run_validators(const pyjson::Value& value) const;
    [[noreturn]] static void fail(std::string message);
};

struct CharOptions {
    std::optional<std::size_t> max_length;
    bool allow_blank = false;
    bool trim_whitespace = true;
    std::vector<Validator> validators;  // declared ones, which run before max_length's
};

class CharField : public Field {
public:
    CharField(std::string name, CharOptions options = {});
    std::optional<pyjson::Value> run_validation(const std::optional<pyjson::Value>& data, bool partial) const override;
    std::optional<pyjson::Value> run_file_validation(const std::string& file_name) const override;

protected:
    pyjson::Value to_internal_value(const pyjson::Value& data) const override;
    pyjson::Value file_to_internal_value(const std::string& file_name) const override;
    bool allow_blank() const override { return allow_blank_; }
    std::string invalid_message_ = "Not a valid string.";  // error_messages['invalid']

private:
    bool allow_blank_;
    bool trim_whitespace_;
};

// Its error_messages['invalid'] replaces CharField's, for wrong types too.
class EmailField : public CharField {
public:
    EmailField(std::string name, CharOptions options = {});
};

class IntegerField : public Field {
public:
    IntegerField(std::string name, std::optional<long long> min_value, std::optional<long long> max_value);

protected:
    pyjson::Value to_internal_value(const pyjson::Value& data) const override;
};

class DecimalField : public Field {
public:
    DecimalField(std::string name, int max_digits, int decimal_places, std::optional<long long> min_value);

protected:
    pyjson::Value to_internal_value(const pyjson::Value& data) const override;

private:
    int max_digits_, decimal_places_;
};

// The pk a lookup like Model.objects.get(pk=value) uses: IntegerField.get_prep_value's int(),
// so " 7", "+7", "1_0" and 7.9 all look up 7. nullopt where int() raises TypeError or
// ValueError; throws ServerError (Django 3.2 on SQLite: OverflowError, 500) beyond 64 bits.
std::optional<std::int64_t> lookup_pk(const pyjson::Value& value);

class PrimaryKeyRelatedField : public Field {
public:
    // exists: whether a row of the queryset has that pk.
    PrimaryKeyRelatedField(std::string name, std::function<bool(std::int64_t)> exists);
    std::optional<pyjson::Value> run_validation(const std::optional<pyjson::Value>& data, bool partial) const override;

protected:
    pyjson::Value to_internal_value(const pyjson::Value& data) const override;
    pyjson::Value file_to_internal_value(const std::string& file_name) const override;

private:
    std::function<bool(std::int64_t)> exists_;
};

}  // namespace authlab::drf
