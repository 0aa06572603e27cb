// The permission-expression parser: Python's precedence, the normalised text, the error
// messages, and agreement with the reference runner's parser (tests/reference/policies.py,
// which builds DRF's own OperandHolders) on hand-written and generated expressions.
#include <catch2/catch.hpp>

#include <random>

#include "drf/permission_expression.hpp"
#include "drf/permissions.hpp"
#include "support/django.hpp"
#include "support/hex.hpp"
#include "support/python.hpp"

using namespace authlab::drf;

namespace {

// The tree as a prefix string: "OR(IsAdminUser,IsInGroup:Manager)".
std::string shape(const PermissionExpr& e) {
    switch (e.kind) {
        case PermissionExpr::Kind::Class: return e.text();
        case PermissionExpr::Kind::Not: return "NOT(" + shape(e.operands[0]) + ")";
        case PermissionExpr::Kind::And: return "AND(" + shape(e.operands[0]) + "," + shape(e.operands[1]) + ")";
        case PermissionExpr::Kind::Or: return "OR(" + shape(e.operands[0]) + "," + shape(e.operands[1]) + ")";
    }
    return "";
}

std::string ours(const std::string& text) {
    ExpressionParse parsed = parse_permission_expression(text, permission_class_names());
    return parsed.expression ? shape(*parsed.expression) : "error";
}

std::string error_of(const std::string& text) { return parse_permission(text).error; }

}  // namespace

TEST_CASE("Negation (~) binds tightest, then &, then |, each left-associative", "[permission][expression]") {
    CHECK(ours("IsAdminUser | IsInGroup:Manager") == "OR(IsAdminUser,IsInGroup:Manager)");
    CHECK(ours("AllowAny | IsAdminUser & IsAuthenticated") == "OR(AllowAny,AND(IsAdminUser,IsAuthenticated))");
    CHECK(ours("(AllowAny | IsAdminUser) & IsAuthenticated") == "AND(OR(AllowAny,IsAdminUser),IsAuthenticated)");
    CHECK(ours("~IsAdminUser & IsAuthenticated") == "AND(NOT(IsAdminUser),IsAuthenticated)");
    CHECK(ours("~(IsAdminUser & IsAuthenticated)") == "NOT(AND(IsAdminUser,IsAuthenticated))");
    CHECK(ours("~~IsAuthenticated") == "NOT(NOT(IsAuthenticated))");
    CHECK(ours("AllowAny | IsAdminUser | IsAuthenticated") == "OR(OR(AllowAny,IsAdminUser),IsAuthenticated)");
    CHECK(ours("AllowAny & IsAdminUser & IsAuthenticated") == "AND(AND(AllowAny,IsAdminUser),IsAuthenticated)");
    CHECK(ours("  IsInGroup:Sales-EU&~IsInGroup:a:b  ") == "AND(IsInGroup:Sales-EU,NOT(IsInGroup:a:b))");
    CHECK(ours("IsInGroup:Éditeurs") == "IsInGroup:Éditeurs");
}

TEST_CASE("the normalised text keeps the structure with the fewest parentheses", "[permission][expression]") {
    auto text = [](const char* e) { return parse_permission(e).permission->describe(); };
    CHECK(text("IsAdminUser|IsInGroup:Manager") == "IsAdminUser | IsInGroup:Manager");
    CHECK(text("((IsAdminUser))") == "IsAdminUser");
    CHECK(text("~(IsAdminUser|AllowAny)&(IsAuthenticated&AllowAny)") == "~(IsAdminUser | AllowAny) & (IsAuthenticated & AllowAny)");
    CHECK(text("AllowAny|(IsAdminUser|IsAuthenticated)") == "AllowAny | (IsAdminUser | IsAuthenticated)");
    CHECK(text("(AllowAny|IsAdminUser)&IsAuthenticated") == "(AllowAny | IsAdminUser) & IsAuthenticated");
    CHECK(parse_permission("(A_ | B_)").permission == nullptr);
}

TEST_CASE("syntax errors say what and where", "[permission][expression]") {
    CHECK(error_of("IsAdminUser &") == "expected a permission class after '&' at column 14");
    CHECK(error_of("IsAdminUser & | IsAuthenticated") == "expected a permission class after '&' at column 15");
    CHECK(error_of("") == "expected a permission class at column 1");
    CHECK(error_of("   ") == "expected a permission class at column 1");
    CHECK(error_of("IsAdmin") == "unknown permission class 'IsAdmin'");
    CHECK(error_of("IsInGroup") == "IsInGroup needs a group name: IsInGroup:<name>");
    CHECK(error_of("IsInGroup:") == "IsInGroup needs a group name: IsInGroup:<name>");
    CHECK(error_of("IsInGroup: Manager") == "IsInGroup needs a group name: IsInGroup:<name>");
    CHECK(error_of("(IsAdminUser | AllowAny") == "missing ')' for the '(' at column 1: the expression ends first");
    CHECK(error_of("IsAdminUser)") == "unexpected ')' at column 12: expected '&', '|' or the end");
    CHECK(error_of("IsAdminUser IsAuthenticated") == "unexpected 'IsAuthenticated' at column 13: expected '&', '|' or the end");
    CHECK(error_of("IsAdminUser && AllowAny") == "expected a permission class after '&' at column 14");
    CHECK(error_of("IsAdminUser or AllowAny") == "unexpected 'or' at column 13: expected '&', '|' or the end");
    CHECK(error_of("IsAdminUser $") == "unexpected character '$' at column 13");
    CHECK(error_of("~") == "expected a permission class after '~' at column 2");
    CHECK(error_of("()") == "expected a permission class after '(' at column 2");
    CHECK(error_of("IsAdminUser") == "");
}

TEST_CASE("the reference runner's parser accepts and shapes expressions the same", "[permission][expression][oracle]") {
    std::vector<std::string> expressions = {
        "IsAdminUser | IsInGroup:Manager", "~IsInGroup:Customer", "A | B", "IsAdminUser |", "IsInGroup:", "IsInGroup",
        "IsInGroup:a(b)", "IsInGroup:a b", "( ( AllowAny ) )", "~ ~ AllowAny", "AllowAny ~ AllowAny", "AllowAny)",
        "(AllowAny", "", " ", "\t AllowAny \n", "IsAuthenticated&DjangoModelPermissions|~IsAdminUser",
        "DjangoModelPermissionsOrAnonReadOnly", "IsAuthenticatedOrReadOnly | ~(IsInGroup:Editor & IsAdminUser)",
        "IsInGroup:Ünïcode", "IsInGroup:x\u00a0y", "AllowAny\u3000", "_AllowAny", "IsAdminUser2", "1IsAdminUser",
        "IsInGroupX", "isadminuser", "IsInGroup:&", "IsInGroup:~x", "~(IsInGroup:a|IsInGroup:b)&IsInGroup:c"};
    const std::vector<std::string> vocabulary = {"IsAdminUser", "AllowAny", "IsAuthenticated", "DjangoModelPermissions",
                                                 "IsInGroup:Manager", "IsInGroup:", "IsInGroup", "Nope", "&", "|", "~",
                                                 "(", ")", " ", "  ", "&&", "$", ":", "IsInGroup:a:b"};
    std::mt19937 rng(99);
    for (int n = 0; n < 2000; ++n) {
        std::string e;
        std::size_t length = rng() % 8;
        for (std::size_t k = 0; k < length; ++k) {
            e += vocabulary[rng() % vocabulary.size()];
            if (rng() % 2) e += ' ';
        }
        expressions.push_back(e);
    }
    const char* const script = R"PY(
from rest_framework.permissions import OperandHolder, SingleOperandHolder
from policies import PolicyError, parse_permission

def shape(x):
    if isinstance(x, SingleOperandHolder):
        return 'NOT(%s)' % shape(x.op1_class)
    if isinstance(x, OperandHolder):
        return '%s(%s,%s)' % (x.operator_class.__name__, shape(x.op1_class), shape(x.op2_class))
    return x.__name__

for line in open(sys.argv[1]):
    text = bytes.fromhex(line.strip()).decode('utf-8')
    try:
        print(shape(parse_permission(text)))
    except PolicyError:
        print('error')
)PY";
    std::vector<std::string> lines;
    for (const std::string& e : expressions) lines.push_back(authlab::testing::to_hex(e));
    const std::vector<std::string> reference = authlab::testing::python::answer_lines(authlab::testing::django::reference_prelude() + script, lines);
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < expressions.size(); ++k) {
        if (ours(expressions[k]) != reference[k] && ++mismatches <= 20) {
            INFO("expression: [" << expressions[k] << "]");
            CHECK(ours(expressions[k]) == reference[k]);
        }
    }
    CHECK(mismatches == 0);
}
