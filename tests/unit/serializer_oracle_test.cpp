// The project's serializers against DRF's own: hundreds of generated bodies (JSON and HTML
// forms, full and partial) go through BookSerializer, OrderSerializer, UsernameSerializer and
// djoser's UserCreateSerializer and UserSerializer in the reference project, and through ours;
// every error dict and every validated value must be the same.
#include <catch2/catch.hpp>

#include <map>
#include <variant>

#include "drf/errors.hpp"
#include "drf/parser_forms.hpp"
#include "drf/serializer_models.hpp"
#include "pyjson/parse.hpp"
#include "support/django.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"

using namespace authlab;
using pyjson::Value;

namespace {

struct Case {
    std::string serializer;  // book, order, username, user_create, user
    std::string body;        // JSON text, or a urlencoded form
    bool form = false;
    bool partial = false;
};

const char* const oracle_script = R"PY(
from decimal import Decimal
from django.contrib.auth.models import User
from django.db import models
from django.http import QueryDict
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from bookshop.models import Book
from bookshop.serializers import BookSerializer, OrderSerializer, UsernameSerializer
from djoser.serializers import UserCreateSerializer, UserSerializer

for title in ['Pride and Prejudice', 'Dracula', 'Moby Dick']:
    Book.objects.create(title=title, author='x', price='1.00', inventory=1)
for name in ['admin', 'mary', 'carol']:
    User.objects.create(username=name, email=name + '@example.com')
SERIALIZERS = {'book': BookSerializer, 'order': OrderSerializer, 'username': UsernameSerializer,
               'user_create': UserCreateSerializer, 'user': UserSerializer}

def native(v):
    if isinstance(v, Decimal):
        return '{:f}'.format(v)
    if isinstance(v, models.Model):
        return v.pk
    return v

for line in open(sys.argv[1]):
    case = json.loads(line)
    body = bytes.fromhex(case['body'])
    try:
        if case['form']:
            data = QueryDict(body, encoding='utf-8')
        else:
            data = JSONParser().parse(io.BytesIO(body))
        s = SERIALIZERS[case['serializer']](data=data, partial=case['partial'])
        out = {'valid': {k: native(v) for k, v in s.validated_data.items()}} if s.is_valid() else {'errors': s.errors}
    except ParseError as e:
        out = {'exception': 'ParseError: ' + str(e.detail)}
    except Exception as e:
        out = {'exception': type(e).__name__}
    print(json.dumps(out, ensure_ascii=False).encode('utf-8', 'surrogatepass').hex())
)PY";

World test_world() {
    World world;
    for (const char* title : {"Pride and Prejudice", "Dracula", "Moby Dick"}) world.add_book(Book{0, title, "x", "1.00", 1});
    for (const char* name : {"admin", "mary", "carol"}) {
        User user;
        user.username = name;
        user.email = std::string(name) + "@example.com";
        world.add_user(user);
    }
    return world;
}

Value to_value(const nlohmann::ordered_json& errors) {
    Value::Items fields;
    for (const auto& [field, messages] : errors.items()) {
        std::vector<Value> list;
        for (const auto& m : messages) list.push_back(Value::string(m.get<std::string>()));
        fields.emplace_back(field, Value::list(std::move(list)));
    }
    return Value::dict(std::move(fields));
}

// Our answer in the oracle's shape.
Value ours(const World& world, const Case& c) {
    drf::RequestData data;
    if (c.form) {
        data = {drf::form_data(c.body, {"utf_8", python::Codec::utf8}), true};
    } else {
        auto parsed = pyjson::parse(c.body);
        if (auto* error = std::get_if<pyjson::ParseError>(&parsed)) {
            return Value::dict({{"exception", Value::string("ParseError: JSON parse error - " + error->message)}});
        }
        data = {std::get<Value>(parsed), false};
    }
    std::map<std::string, drf::Serializer> serializers;
    serializers.emplace("book", drf::book_serializer());
    serializers.emplace("order", drf::order_serializer(world));
    serializers.emplace("username", drf::username_serializer());
    serializers.emplace("user_create", drf::user_create_serializer(world));
    serializers.emplace("user", drf::current_user_serializer());
    try {
        drf::Validated result = serializers.at(c.serializer).is_valid(data, c.partial);
        if (!result.valid()) return Value::dict({{"errors", to_value(result.errors)}});
        Value::Items valid(result.data.begin(), result.data.end());
        return Value::dict({{"valid", Value::dict(std::move(valid))}});
    } catch (const drf::ServerError&) {
        return Value::dict({{"exception", Value::string("OverflowError")}});
    }
}

std::string urlencode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

// One object per candidate in the field's place, the other fields valid; each field left
// out; and mixes of candidates, so several fields fail at once.
void vary(std::vector<Case>& cases, const std::string& serializer, const std::vector<std::pair<std::string, std::string>>& valid,
          const std::map<std::string, std::vector<std::string>>& candidates) {
    auto object = [&](const std::map<std::string, std::string>& replace, const std::string& drop) {
        std::string body = "{";
        for (const auto& [name, value] : valid) {
            if (name == drop) continue;
            auto it = replace.find(name);
            body.append(body.size() > 1 ? ", \"" : "\"").append(name).append("\": ").append(it == replace.end() ? value : it->second);
        }
        return body + "}";
    };
    for (const auto& [name, values] : candidates) {
        for (const std::string& v : values) {
            cases.push_back({serializer, object({{name, v}}, ""), false, false});
            cases.push_back({serializer, object({{name, v}}, ""), false, true});
        }
    }
    for (const auto& [name, value] : valid) {
        cases.push_back({serializer, object({}, name), false, false});
        cases.push_back({serializer, object({}, name), false, true});
    }
    for (std::size_t k = 0; k < 40; ++k) {
        std::map<std::string, std::string> mix;
        std::size_t f = 0;
        for (const auto& [name, values] : candidates) mix[name] = values[(k * 7 + f++ * 13) % values.size()];
        cases.push_back({serializer, object(mix, ""), false, k % 2 == 1});
    }
    cases.push_back({serializer, "{}", false, false});
    cases.push_back({serializer, "{}", false, true});
    for (const char* other : {"[]", "[{}]", "\"x\"", "5", "1.5", "true", "null", "{\"unknown\": 1}"}) {
        cases.push_back({serializer, other, false, false});
    }
}

// Form bodies: every value a string; '' and missing keys mean different things there.
void vary_form(std::vector<Case>& cases, const std::string& serializer, const std::vector<std::pair<std::string, std::string>>& valid,
               const std::map<std::string, std::vector<std::string>>& candidates) {
    auto form = [&](const std::string& field, const std::string* value, bool drop) {
        std::string body;
        for (const auto& [name, v] : valid) {
            if (drop && name == field) continue;
            if (!body.empty()) body += '&';
            body.append(urlencode(name)).append("=").append(urlencode(name == field && value ? *value : v));
        }
        return body;
    };
    for (const auto& [name, values] : candidates) {
        for (const std::string& v : values) {
            cases.push_back({serializer, form(name, &v, false), true, false});
            cases.push_back({serializer, form(name, &v, false), true, true});
        }
        cases.push_back({serializer, form(name, nullptr, true), true, false});
        cases.push_back({serializer, form(name, nullptr, true), true, true});
        cases.push_back({serializer, form(name, nullptr, false) + "&" + urlencode(name) + "=", true, false});  // repeated: last wins
    }
    cases.push_back({serializer, "", true, false});
}

std::vector<std::string> json_strings(const std::vector<std::string>& raw) {
    std::vector<std::string> out;
    for (const std::string& s : raw) out.push_back(nlohmann::json(s).dump());
    return out;
}

std::vector<Case> all_cases() {
    const std::string long255(255, 'x'), long256(256, 'x'), digits1001(1001, '1');
    const std::vector<std::string> text_values = {
        "\"Emma\"", "\"\"", "\"   \"", "\"  Emma  \"", "5", "4.5", "1e100", "-0.0", "true", "false", "null", "[]", "{}",
        "[\"a\"]", "\"" + long255 + "\"", "\"" + long256 + "\"", "\"a\\u0000b\"", "\"\\ud800x\\udfff\"", "\"\\ud83d\\ude00\"",
        "\"\\u3000\"", "\"\\u001c\"", "\"\\u00a0x\\u00a0\"", "\"\\u200bx\"", "0", "\"" + long256 + "\\u0000\\ud800\"",
        "\"\\t\\n tab\\r\"", "123456789012345678901234567890"};
    const std::vector<std::string> price_values = json_strings({
        "4.50", "4.5", "4.555", "1e3", "1E4", "NaN", "Infinity", "-inf", "sNaN", "nan123", "-0", "-0.01", "0.001", "0.0000001",
        "12345.6", "9999.99", "10000", "1000000", "100000", " 7 ", "1_000", "_1", "1__0", "\u0661\u0662", "\u30007", "1.",
        ".5", ".", "1 0", "0x10", "1.230", "+.5e-0", "\u0661.\u0665", "0e5", "0e3", "-0e3", "1e999999999999999999",
        "1e1000000000000000000", "1e-999999999999999999", "0e-2000000000000000000", "", "  ", "abc", "\u00a04.5\u00a0",
        "4,5", "$4", std::string(1001, '1'), " " + std::string(999, '1') + " "});
    std::vector<std::string> prices = price_values;
    for (const char* v : {"4.5", "0.1", "0.30000000000000004", "1e-7", "1e16", "true", "null", "[]", "{}", "12", "-1", "0",
                          "123456789012345678901234567890", "9999.994", "1e3", "-0.0"}) {
        prices.push_back(v);
    }
    prices.push_back(digits1001);
    std::vector<std::string> integer_values = json_strings({"7", "3.0", "1.0", "1.5", " 7 ", "7.", "7.\n", "7.0 .0", "+7",
                                                            "- 7", "1_0", "1__0", "\u0663", "\u30007", "\u001c7", "007",
                                                            "0_7", "\u00a07", "0x10", "", " ", "abc", "1e3", std::string(1001, '7'),
                                                            "-0", "32768", "32767.000", "1.0.0", "\u0663.0"});
    for (const char* v : {"2", "3.0", "1.5", "-1", "0", "1", "32767", "32768", "true", "false", "null", "[]", "{}", "1e3",
                          "1e16", "123456789012345678901234567890", "-123456789012345678901234567890", "[1]"}) {
        integer_values.push_back(v);
    }
    integer_values.push_back(digits1001);

    std::vector<Case> cases;
    vary(cases, "book",
         {{"title", "\"Emma\""}, {"author", "\"Jane Austen\""}, {"price", "\"4.50\""}, {"inventory", "2"}},
         {{"title", text_values}, {"author", text_values}, {"price", prices}, {"inventory", integer_values}});
    vary(cases, "order", {{"book", "1"}, {"quantity", "1"}},
         {{"book",
           {"1", "3", "99", "0", "-1", "\"1\"", "\"99\"", "\" 2 \"", "\"1_0\"", "\"2.0\"", "\"abc\"", "\"\"", "\" \"", "null",
            "true", "false", "1.9", "99.5", "[]", "{}", "[1]", "9223372036854775808", "-9223372036854775808",
            "9223372036854775807", "-9223372036854775809", "1e300", "1e18", "\"\\u0663\"", "\"" + std::string(5000, '1') + "\"",
            "\"" + std::string(4300, '0') + "1\"", "\"1e3\"", "\"+2\"", "\"\\u00a02\""}},
          {"quantity", integer_values}});
    vary(cases, "username", {{"username", "\"mary\""}}, {{"username", text_values}});
    const std::vector<std::string> usernames = json_strings({
        "bob", "carol", "Carol", " carol ", "a b", "bob!", "\uff42\uff4f\uff42", "\u00e9l\u00e8ve", "user@name.+-_",
        std::string(150, 'u'), std::string(151, 'u'), std::string(151, 'u') + "!", "", "   ", "a\u0000b", "\u0663\u00b2",
        "\u2160", "bob\n", "tab\tname", "\u05d0\u05d1", "x\u0301", "\u00bd"});
    const std::vector<std::string> emails = json_strings({
        "", "bob@example.com", "BOB@EXAMPLE.COM", "bob", "bob@", "@example.com", "bob@localhost", "bob@[127.0.0.1]",
        "bob@[::1]", "bob@[256.1.1.1]", "bob@[01.1.1.1]", "bob@m\u00fcnchen.de", "bob@xn--mnchen-3ya.de", "a..b@example.com",
        "\"quoted name\"@example.com", "\"q\\\"x\"@example.com", "bob@exa_mple.com", "bob@-example.com", "bob@example.c",
        "bob@example.123", "bob@sub.example.com", std::string(250, 'x') + "@e.co", "bob@ex ample.com", "\u017f@example.com",
        "bob@\u4f8b\u3048.\u30c6\u30b9\u30c8", "bob@\u0645\u062b\u0627\u0644.\u0625\u062e\u062a\u0628\u0627\u0631",
        "bob@a.b-", "bob@1.2.3.4", "bob@[1:2:3:4:5:6:7:8]", "bob@[1::2::3]", "bob@[::ffff:1.2.3.4]", "bob@[IPv6:::1]",
        "bob@a.-b", "bob@" + std::string(64, 'a') + ".com", "bob@\u212a.com", "b\u00f6b@example.com", "bob@example.com.",
        "bob@ex\u3002ample.com", "bob@xn--ls8h.la", "bob@\u2603.com", "bob@a\u05d0.com", "bob@\u05d0\u05d1.com",
        std::string(320, 'x') + "@a.co", "bob@@example.com", "bob.@example.com", ".bob@example.com", "bob@[1.2.3]",
        "bob@[1:2:3:4:5:6:7:8:9]", "bob@[::]", "bob@[1::]", "bob@[:1::]", "bob@[fffff::]", "bob@e\u00adxample.com"});
    std::vector<std::string> email_values = emails;
    for (const char* v : {"null", "5", "true", "[]"}) email_values.push_back(v);
    vary(cases, "user_create", {{"email", "\"bob@example.com\""}, {"username", "\"bob\""}, {"password", "\"pw\""}},
         {{"email", email_values}, {"username", usernames}, {"password", json_strings({"pw", "", "  ", " pw ", "a\u0000"})}});
    vary(cases, "user", {{"email", "\"bob@example.com\""}}, {{"email", email_values}});

    // HTML forms
    auto raw = [](const std::vector<std::string>& json_values) {
        std::vector<std::string> out;
        for (const std::string& v : json_values) out.push_back(nlohmann::json::parse(v).get<std::string>());
        return out;
    };
    vary_form(cases, "book", {{"title", "Emma"}, {"author", "Jane Austen"}, {"price", "4.50"}, {"inventory", "2"}},
              {{"title", {"", "  ", " Emma ", long256}}, {"price", raw(price_values)}, {"inventory", raw(json_strings({"7", "", " 7", "1.0", "x"}))}});
    vary_form(cases, "order", {{"book", "1"}, {"quantity", "1"}}, {{"book", {"", "2", "99", "abc", " 3 "}}, {"quantity", {"", "0", "5"}}});
    vary_form(cases, "user_create", {{"email", "bob@example.com"}, {"username", "bob"}, {"password", "pw"}},
              {{"email", {"", " ", "bad", "bob@example.com"}}, {"username", {"", "carol", "bob"}}, {"password", {"", " x "}}});
    vary_form(cases, "user", {{"email", "bob@example.com"}}, {{"email", {"", "x", "bob@example.com"}}});
    return cases;
}

}  // namespace

TEST_CASE("serializers answer exactly as DRF's on generated bodies", "[serializer][oracle]") {
    const std::vector<Case> cases = all_cases();
    std::vector<std::string> lines;
    for (const Case& c : cases) {
        lines.push_back(nlohmann::json({{"serializer", c.serializer}, {"body", testing::to_hex(c.body)}, {"form", c.form},
                                        {"partial", c.partial}})
                            .dump());
    }
    const std::vector<std::string> answers =
        testing::python::answer_lines(testing::django::reference_prelude() + oracle_script, lines);
    const World world = test_world();
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto expected = pyjson::parse(testing::from_hex(answers[i]));
        REQUIRE(std::holds_alternative<Value>(expected));
        std::string want = std::get<Value>(expected).repr();
        std::string got = ours(world, cases[i]).repr();
        if (want != got && ++mismatches <= 25) {
            INFO(cases[i].serializer << (cases[i].form ? " form " : " json ") << (cases[i].partial ? "partial " : "") << cases[i].body);
            CHECK(got == want);
        }
    }
    CHECK(mismatches == 0);
    CHECK(cases.size() > 800);
}
