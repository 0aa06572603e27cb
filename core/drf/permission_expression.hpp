#pragma once
// The syntax of a permission expression such as "IsAuthenticated & (IsAdminUser | IsInGroup:Manager)":
// Python's operator precedence (~, then &, then |, all left-associative) and parentheses,
// tokenised as the reference runner does (tests/reference/policies.py): a group name is
// everything after "IsInGroup:" up to whitespace or one of ( ) & | ~.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authlab::drf {

struct PermissionExpr {
    enum class Kind { Class, And, Or, Not };
    Kind kind = Kind::Class;
    std::string name;                      // Class: "IsAdminUser", "IsInGroup"
    std::string group;                     // IsInGroup's group name
    std::vector<PermissionExpr> operands;  // And, Or: two; Not: one

    // The expression written back with single spaces and only the parentheses its structure
    // needs: "~(A | B) & IsInGroup:Manager". One pass: linear in the text's length.
    std::string text() const;
    void write(std::string& out) const;
};

// Bounds that keep an expression's parse, its permission tree and its decision trace small:
// a policy is a sentence, not a program. Depth counts the levels of the expression's tree
// (each ~, parenthesis level and & or | adds one), so DRF's recursion stays shallow too.
constexpr std::size_t max_permission_expression_length = 1000;  // characters
constexpr std::size_t max_permission_expression_depth = 32;

struct ExpressionParse {
    std::optional<PermissionExpr> expression;
    std::string error;  // e.g. "expected a permission class after '&' at column 12"
};

// `classes` are the names a Class may take, besides "IsInGroup:<name>". Columns count
// characters from 1. Longer or deeper expressions than the bounds above are errors.
ExpressionParse parse_permission_expression(std::string_view text, const std::vector<std::string>& classes);

}  // namespace authlab::drf
