// DRF 3.14's &, | and ~ against DRF itself: over stub classes A, B, C with every combination
// of has_permission and has_object_permission answers, the real OperandHolders and ours must
// give the same results and ask the operands in the same order (Python's short-circuits).
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "crypto/random.hpp"
#include "drf/perm_classes.hpp"
#include "drf/permission_expression.hpp"
#include "support/python.hpp"

using namespace authlab;
using namespace authlab::drf;

namespace {

// A stub class answering fixed values and logging each question, as the Python stubs do.
class Stub final : public PermissionClass {
public:
    Stub(std::string name, bool permission, bool object, std::string& log)
        : PermissionClass(name), name_(std::move(name)), permission_(permission), object_(object), log_(log) {}
    Check check_permission(RequestContext&) const override {
        log_ += name_ + ".p ";
        return {permission_, "", {}};
    }
    Check check_object_permission(RequestContext&) const override {
        log_ += name_ + ".o ";
        return {object_, "", {}};
    }

private:
    std::string name_;
    bool permission_, object_;
    std::string& log_;
};

PermissionPtr build(const PermissionExpr& e, int bits, std::string& log) {
    switch (e.kind) {
        case PermissionExpr::Kind::And: return make_and(e.text(), build(e.operands[0], bits, log), build(e.operands[1], bits, log));
        case PermissionExpr::Kind::Or: return make_or(e.text(), build(e.operands[0], bits, log), build(e.operands[1], bits, log));
        case PermissionExpr::Kind::Not: return make_not(e.text(), build(e.operands[0], bits, log));
        case PermissionExpr::Kind::Class: break;
    }
    int index = e.name[0] - 'A';  // A, B, C: bits 2i (has_permission) and 2i+1 (has_object_permission)
    return std::make_unique<Stub>(e.name, (bits >> (2 * index)) & 1, (bits >> (2 * index + 1)) & 1, log);
}

const char* const script = R"PY(
import sys
sys.path.insert(0, '@REF@')
import os
os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'
import django
django.setup()
from rest_framework.permissions import BasePermission

log = []
def stub(name, p, o):
    class Stub(BasePermission):
        def has_permission(self, request, view):
            log.append(name + '.p')
            return p
        def has_object_permission(self, request, view, obj):
            log.append(name + '.o')
            return o
    return Stub

for line in open(sys.argv[1]):
    expression, bits = line.rsplit('|', 1)
    bits = int(bits)
    A, B, C = (stub(n, bool(bits >> 2 * i & 1), bool(bits >> 2 * i + 1 & 1)) for i, n in enumerate('ABC'))
    permission = eval(expression)()
    del log[:]
    p = permission.has_permission(None, None)
    o = permission.has_object_permission(None, None, None)
    print('%d %d %s' % (p, o, ' '.join(log)))
)PY";

}  // namespace

TEST_CASE("&, | and ~ answer and short-circuit as DRF 3.14's operators", "[permission][operators][oracle]") {
    const std::vector<std::string> expressions = {
        "A", "~A", "A | B", "A & B", "~(A | B)", "~(A & B)", "~A | B", "A | ~B", "~A & ~B", "A | B & C", "(A | B) & C",
        "A & B | C", "A & (B | C)", "~~A", "~(~A | B) & C", "A | B | C", "A & B & C", "~(A | B | C)", "(A | ~B) & ~(C & A)"};
    std::vector<std::string> lines;
    for (const std::string& e : expressions) {
        for (int bits = 0; bits < 64; ++bits) lines.push_back(e + "|" + std::to_string(bits));
    }
    std::string source = script;
    source.replace(source.find("@REF@"), 5, std::string(AUTHLAB_SOURCE_DIR) + "/tests/reference");
    const std::vector<std::string> drf = authlab::testing::python::answer_lines(source, lines);

    World world;
    http::Request http;
    crypto::SeededRandom random(1);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    std::size_t k = 0, mismatches = 0;
    for (const std::string& e : expressions) {
        ExpressionParse parsed = parse_permission_expression(e, {"A", "B", "C"});
        REQUIRE(parsed.expression);
        for (int bits = 0; bits < 64; ++bits, ++k) {
            std::string log;
            PermissionPtr permission = build(*parsed.expression, bits, log);
            RequestContext request(world, http, 0, random, passwords);
            bool p = permission->has_permission(request);
            bool o = permission->has_object_permission(request);
            std::string got = std::to_string(p) + " " + std::to_string(o) + " " + log;
            got.pop_back();  // the log's last space
            if (got != drf[k] && ++mismatches <= 20) {
                INFO(e << " with bits " << bits);
                CHECK(got == drf[k]);
            }
            // Each check is one trace step, named by the whole expression.
            REQUIRE(request.trace.steps().size() == 2);
            CHECK(request.trace.steps()[0].component == parsed.expression->text());
            CHECK(request.trace.steps()[0].result == (p ? "pass" : "fail"));
            CHECK(request.trace.steps()[1].stage == "object_permission");
            CHECK(request.trace.steps()[1].result == (o ? "pass" : "fail"));
        }
    }
    CHECK(mismatches == 0);
}
