#pragma once
// A request body as Python sees it after json.loads (or a parsed form): DRF's serializers
// behave by Python type and by str(value), so the value keeps both. Integers keep their
// digits (Python's ints have no size limit); floats keep the double, printed as repr() does.
//
// Strings are UTF-8. Python's str may hold lone surrogates (json.loads('"\ud800"')); they are
// kept as their 3-byte generalized UTF-8 form (ED A0 80), as Python's 'surrogatepass' encodes
// them, so lengths in code points and str() stay right.
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace authlab::pyjson {

class Value {
public:
    enum class Kind { None, Bool, Int, Float, Str, List, Dict };
    using Items = std::vector<std::pair<std::string, Value>>;  // insertion order, keys unique

    Value() = default;  // None
    static Value boolean(bool b);
    static Value integer(std::string decimal_digits);  // canonical: optional '-', no leading zeros
    static Value integer(long long v);
    static Value floating(double d);
    static Value string(std::string utf8);
    static Value list(std::vector<Value> items);
    static Value dict(Items items);  // keys must be unique

    Kind kind() const { return kind_; }
    bool is(Kind k) const { return kind_ == k; }
    bool as_bool() const { return bool_; }
    const std::string& int_digits() const { return text_; }  // Kind::Int
    double as_float() const { return float_; }                // Kind::Float
    const std::string& as_str() const { return text_; }       // Kind::Str
    const std::vector<Value>& as_list() const;                // empty unless Kind::List
    const Items& as_dict() const;                             // empty unless Kind::Dict

    const Value* find(const std::string& key) const;  // Dict: nullptr when absent
    // Dict only (throws std::logic_error otherwise): replaces in place or appends. Copies of a
    // Value share containers until one of them is changed.
    void set(const std::string& key, Value v);

    std::string type_name() const;  // Python's type(v).__name__: "NoneType", "bool", "int", …
    std::string str() const;        // Python's str(v): "None", "True", "4.5", "1e+20", "[1, 'a']"
    std::string repr() const;       // Python's repr(v): like str() but strings are quoted

private:
    Kind kind_ = Kind::None;
    bool bool_ = false;
    double float_ = 0;
    std::string text_;
    std::shared_ptr<std::vector<Value>> list_;
    std::shared_ptr<Items> dict_;
};

// Python's repr(float): the shortest digits that read back to the same double, in exponent
// form when the exponent is < -4 or >= 16 ("1e+16", "1e-05", "0.0001", "3.0", "inf", "nan").
std::string float_repr(double d);

// Python's repr(str) for a UTF-8 string: single quotes unless it holds ' and no ", escapes for
// \\, the quote, \t \n \r, and \xNN / \uNNNN / \UNNNNNNNN for what str.isprintable() rejects
// (Unicode 14.0, Python 3.11). Invalid UTF-8 bytes (never in a parsed Value) come out as \xNN.
std::string str_repr(const std::string& utf8);

}  // namespace authlab::pyjson
