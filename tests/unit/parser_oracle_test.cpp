// request.data against DRF's Request._parse with its default parsers, on a real WSGIRequest:
// JSON with charsets, forms (QueryDict's decoding, limits), multipart forms (Django's
// MultiPartParser), empty bodies, missing, odd and unsupported Content-Types. The parsed data
// (type and repr) or the error must be the same.
#include <catch2/catch.hpp>

#include <optional>

#include "drf/errors.hpp"
#include "drf/parser_text.hpp"
#include "drf/parsers.hpp"
#include "support/django.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"

using namespace authlab;

namespace {

struct Body {
    std::optional<std::string> content_type;  // the header's text (UTF-8); none: no header at all
    std::string body;
};

const char* const script = R"PY(
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request

for line in open(sys.argv[1]):
    case = json.loads(line)
    body = bytes.fromhex(case['body'])
    environ = {'REQUEST_METHOD': 'POST', 'PATH_INFO': '/', 'SERVER_NAME': 'testserver', 'SERVER_PORT': '80',
               'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(body), 'CONTENT_LENGTH': str(len(body))}
    if case['content_type'] is not None:
        environ['CONTENT_TYPE'] = bytes.fromhex(case['content_type']).decode('utf-8', 'surrogatepass')
    request = Request(WSGIRequest(environ), parsers=[JSONParser(), FormParser(), MultiPartParser()])
    try:
        data = request.data
        if isinstance(data, QueryDict):
            out = 'form ' + repr({k: 'FILE:' + data[k].name if hasattr(data[k], 'read') else data[k] for k in data})
        else:
            out = 'json ' + repr(data)
    except APIException as e:
        out = '%d %s' % (e.status_code, e.detail)
    except SuspiciousOperation:
        out = 'BadRequest'
    except Exception as e:
        out = 'ServerError'
    print(out.encode('utf-8', 'surrogatepass').hex())
)PY";

std::string ours(const Body& b) {
    http::Request request;
    request.method = "POST";
    request.path = "/";
    if (b.content_type) request.headers.add("Content-Type", *b.content_type);
    request.body = b.body;
    try {
        drf::RequestData data = drf::parse_request_body(request);
        for (const auto& [key, name] : data.files) data.value.set(key, pyjson::Value::string("FILE:" + name));
        return (data.html_input ? "form " : "json ") + data.value.repr();
    } catch (const drf::ApiError& e) {
        return std::to_string(e.status) + " " + e.body["detail"].get<std::string>();
    } catch (const drf::BadRequest&) {
        return "BadRequest";
    } catch (const drf::ServerError&) {
        return "ServerError";
    }
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t k = 0; k < n; ++k) out += s;
    return out;
}

std::string part(const std::string& boundary, const std::string& headers, const std::string& data) {
    return "--" + boundary + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
}

std::vector<Body> bodies() {
    std::vector<Body> out;
    const std::string json = "{\"title\": \"\xc3\xa9t\xc3\xa9\", \"n\": [1, 2.5, null, true]}";
    for (const char* type : {"application/json", "APPLICATION/JSON", " application/json ; charset=UTF-8 ",
                             "application/json; charset=\"latin-1\"", "application/json; charset=ascii",
                             "application/json; charset=nonsense", "application/json;charset=ISO-8859-1", "*/*", "application/*",
                             "*/json", "text/plain", "text/json", "application/vnd.api+json", "application", "/", "",
                             "application/json; x=\"a;b\"; charset=latin1", "t\xc3\xa8xt/plain", "text/plain; \xc3\xa9=1",
                             "text/plain; x=\xc3\xa9", "application/json; charset*=utf-8''%41",
                             "application/json; charset*=nope''%41", "application/json; charset*=nope''A",
                             "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"}) {
        out.push_back({type, json});
        out.push_back({type, ""});
    }
    out.push_back({std::nullopt, json});
    out.push_back({std::nullopt, ""});
    for (const char* body : {"[1, 2]", "\"x\"", "5", "null", "{", "{'a': 1}", "NaN", "[1e400]", "\xef\xbb\xbf{}", "\xff",
                             "{\"a\": \"\\ud800\"}", " \n{} ", "{} x", "1" "\x00"}) {
        out.push_back({"application/json", body});
        out.push_back({"application/json; charset=latin-1", body});
        out.push_back({"application/json; charset=ascii", body});
    }
    const std::string form = "application/x-www-form-urlencoded";
    for (std::string body : std::vector<std::string>{"a=1&b=2", "a=1&a=2", "a", "a=", "=1", "&&", "a+b=c+d", "a=%41%42", "a=%C3%A9", "a=%C3",
                             "a=%", "a=%4", "a=%zz", "\xc3\xa9=\xc3\xbc", "a=\xff%41", "a=%ED%A0%80", "a=%F0%9F%98%80",
                             "a=%F0%9F%98", "a=1;b=2", "a==b", "title=Emma&price=4.50&inventory=%202"}) {
        out.push_back({form, body});
        out.push_back({form + "; charset=latin-1", body});
        out.push_back({form + "; charset=us-ascii", body});
    }
    out.push_back({form, repeat("a=1&", 999) + "a=2"});
    out.push_back({form, repeat("a=1&", 1000) + "a=2"});
    out.push_back({form, repeat("&", 999)});
    out.push_back({form, repeat("&", 1000)});

    const std::string b = "XyZ";
    const std::string mp = "multipart/form-data; boundary=" + b;
    const std::string title = part(b, "Content-Disposition: form-data; name=\"title\"", "Emma");
    const std::string end = "--" + b + "--\r\n";
    for (const std::string& body : std::vector<std::string>{
             title + part(b, "Content-Disposition: form-data; name=\"n\"", " 3 ") + end,
             title,                                                        // no closing boundary
             "preamble\r\n" + title + end + "epilogue",                     // text around
             part(b, "Content-Disposition: form-data", "x") + end,          // no name
             part(b, "Content-Type: text/plain", "x") + end,                // no disposition
             part(b, "content-disposition: form-data; name=\"a\"", "x") + end,
             part(b, "Content-Disposition : form-data; name=\"a\"", "x") + end,
             part(b, "Content-Disposition: form-data; name=\" spaced \"", "x") + end,
             part(b, "Content-Disposition: form-data; name=\"q\\\"uote\"", "x") + end,
             part(b, "Content-Disposition: form-data; name=a", "x") + end + title,
             title + title + end,
             part(b, "Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64", "SGVsbG8=") + end,
             part(b, "Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64", "SGVsbG8") + end,
             part(b, "Content-Disposition: form-data; name=\"\xc3\xa9\"", "\xc3\xbc\xff") + end,
             part(b, "Content-Disposition: form-data; name=\"a\"", "line1\r\n--XyZz") + end,
             "--" + b + "\nContent-Disposition: form-data; name=\"a\"\n\nx\n" + end,
             part(b, "Content-Disposition: form-data; name=\"a\"; \xc3\xa9=1", "x") + end,
             part(b, "Content-Disposition: form-data; name*=utf-8''%C3%A9", "x") + end,
             part(b, "X: " + std::string(1100, 'x') + "\r\nContent-Disposition: form-data; name=\"a\"", "x") + end,
             repeat(part(b, "Content-Disposition: form-data; name=\"a\"", "x"), 1000) + end,
             repeat(part(b, "Content-Disposition: form-data; name=\"a\"", "x"), 1001) + end,
             "--" + b + "--\r\n",
             "no boundary here"}) {
        out.push_back({mp, body});
    }
    for (const char* type : {"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"a b\"",
                             "multipart/form-data; boundary=\"a \"", "Multipart/Form-Data; boundary=XyZ",
                             "multipart/form-data; BOUNDARY=XyZ", "multipart/form-data; boundary=XyZ; charset=latin-1",
                             "*/form-data; boundary=XyZ", "multipart/*; boundary=XyZ", "multipart/mixed; boundary=XyZ"}) {
        out.push_back({type, title + end});
    }
    out.push_back({"multipart/form-data; boundary=" + std::string(201, 'b'), part(std::string(201, 'b'), "Content-Disposition: form-data; name=\"a\"", "x")});
    // File names Django HTML-unescapes before it keeps the last path component. Named references
    // other than &period; &sol; &bsol; stay as written (README's Limits): "&amp;/.." is dropped
    // on both sides, but "&amp;" alone would be kept as "&amp;", not "&".
    for (const char* name : {"&period;&period;", "a&sol;&period;", "&#46;", "&#x2e;&#X2E", "x&bsol;&#46;&period;", "&#1;", "&amp;/..",
                             "&periodx", "&#46;x", "..&#128;", "&#0;", "&#xD800;.", "&#x110000;", "&#46", "&;.", "&#;", "&#x;."}) {
        out.push_back({mp, title + part(b, std::string("Content-Disposition: form-data; name=\"f\"; filename=\"") + name + "\"", "data") + end});
    }
    // Charsets the codecs meet: BOMs, UTF-16 and UTF-32 with and without, Python's spellings
    // and a name past ASCII.
    std::string utf16_json = "\xff\xfe";
    for (char c : std::string("{\"a\":1}")) utf16_json.append({c, '\0'});
    for (const char* charset : {"utf-8-sig", "UTF8-SIG", "utf-16", "utf-16le", "UTF_16_BE", "utf-32", "utf-32-le", "U32", "windows-1252",
                                "cp1252", "L1", "ISO_8859-1:1987", "us-ascii", "u8", "utf\xc3\xa9"}) {
        for (const std::string& body : {json, std::string("\xef\xbb\xbf{\"a\": 1}"), utf16_json, std::string("{\x00" "}\x00", 4),
                                        std::string("{\"a\": \"\x80\x81\"}"), std::string("\xff")}) {
            out.push_back({std::string("application/json; charset=") + charset, body});
        }
        out.push_back({form + "; charset=" + charset, "a=%E9%80&b=\xe9&%FF%FE=%00x"});
        out.push_back({mp + "; charset=" + charset, part(b, "Content-Disposition: form-data; name=\"\xe9\"; filename=\"f\xe9\"", "x") +
                                                         part(b, "Content-Disposition: form-data; name=\"\xe9\"", "\x80\xe9") + end});
    }
    // Header text outside ASCII: a no-break space DRF's media type parsing keeps, a type or
    // parameter name past ASCII (500), a charset past ISO-8859-1.
    for (const char* type : {"application/json\xc2\xa0", "application/json; charset=utf-8\xc2\xa0", "application/j\xc4\x80son",
                             "application/json; \xc4\x80=1", "application/json; charset=\xc4\x80", "multipart/form-data; boundary=XyZ\xc2\xa0"}) {
        out.push_back({type, json});
    }
    out.push_back({"multipart/form-data; boundary=" + std::string(202, 'b'), "x"});
    return out;
}

}  // namespace

TEST_CASE("request.data is what DRF's parsers make of the body", "[parser][oracle]") {
    const std::vector<Body> cases = bodies();
    std::vector<std::string> lines;
    for (const Body& b : cases) {
        nlohmann::json line = {{"body", testing::to_hex(b.body)}, {"content_type", nullptr}};
        if (b.content_type) line["content_type"] = testing::to_hex(*b.content_type);
        lines.push_back(line.dump());
    }
    const std::vector<std::string> drf = testing::python::answer_lines(testing::django::reference_prelude() + script, lines);
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < cases.size(); ++k) {
        std::string want = testing::from_hex(drf[k]);
        std::string got = ours(cases[k]);
        if (got != want && ++mismatches <= 25) {
            INFO("Content-Type [" << cases[k].content_type.value_or("(none)") << "] body [" << cases[k].body.substr(0, 200) << "]");
            CHECK(got == want);
        }
    }
    CHECK(mismatches == 0);
}
