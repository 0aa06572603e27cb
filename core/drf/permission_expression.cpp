#include "drf/permission_expression.hpp"

#include <algorithm>
#include <cctype>

#include "python/str.hpp"
#include "python/utf8.hpp"

namespace authlab::drf {
namespace {

constexpr std::u32string_view group_prefix = U"IsInGroup:";

struct Token {
    std::string text;  // "&", "(", "IsAdminUser", "IsInGroup:Manager"
    std::size_t column = 0;
    bool is_name() const { return !text.empty() && std::string_view("()&|~").find(text[0]) == std::string_view::npos; }
};

struct SyntaxError {
    std::string message;
};

bool operator_char(char32_t c) { return c == '(' || c == ')' || c == '&' || c == '|' || c == '~'; }

// The reference's TOKEN regex: \s*(?:[()&|~]|IsInGroup:[^\s()&|~]+|[A-Za-z_]\w*)
std::vector<Token> tokenize(std::u32string_view text) {
    std::vector<Token> tokens;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && python::is_space(text[pos])) ++pos;
        if (pos == text.size()) break;
        std::size_t start = pos;
        char32_t c = text[pos];
        if (operator_char(c)) {
            ++pos;
        } else if (text.substr(pos).starts_with(group_prefix) && pos + group_prefix.size() < text.size() &&
                   !python::is_space(text[pos + group_prefix.size()]) && !operator_char(text[pos + group_prefix.size()])) {
            pos += group_prefix.size();
            while (pos < text.size() && !python::is_space(text[pos]) && !operator_char(text[pos])) ++pos;
        } else if (c == '_' || (c < 128 && std::isalpha(static_cast<int>(c)))) {
            while (pos < text.size() && python::is_word(text[pos])) ++pos;
            if (text.substr(start, pos - start) == U"IsInGroup") throw SyntaxError{"IsInGroup needs a group name: IsInGroup:<name>"};
        } else {
            throw SyntaxError{"unexpected character '" + python::encode(text.substr(pos, 1)) + "' at column " +
                              std::to_string(pos + 1)};
        }
        tokens.push_back({python::encode(text.substr(start, pos - start)), start + 1});
    }
    return tokens;
}

// An expression parsed so far and how deep it nests: a class is 0 deep; each ~, each
// parenthesised group and each & or | node adds one level above its operands.
struct Parsed {
    PermissionExpr expr;
    std::size_t depth = 0;
};

class Parser {
public:
    Parser(std::vector<Token> tokens, std::size_t end_column, const std::vector<std::string>& classes)
        : tokens_(std::move(tokens)), end_column_(end_column), classes_(classes) {}

    PermissionExpr parse() {
        Parsed result = or_expr();
        if (const Token* extra = peek()) {
            throw SyntaxError{"unexpected '" + extra->text + "' at column " + std::to_string(extra->column) +
                              ": expected '&', '|' or the end"};
        }
        return std::move(result.expr);
    }

private:
    const Token* peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }
    bool next_is(std::string_view op) const { return peek() && peek()->text == op; }

    // `depth` levels at the operator `at` (a token index): past the bound, the expression is
    // refused before anything recurses deeper.
    std::size_t checked(std::size_t depth, std::size_t at) const {
        if (depth > max_permission_expression_depth) {
            throw SyntaxError{"the expression nests more than " + std::to_string(max_permission_expression_depth) +
                              " levels deep at column " + std::to_string(tokens_[at].column) +
                              " (each ~, parenthesis, & and | adds a level)"};
        }
        return depth;
    }

    Parsed binary(PermissionExpr::Kind kind, Parsed left, Parsed right, std::size_t at) {
        Parsed e;
        e.depth = checked(1 + std::max(left.depth, right.depth), at);
        e.expr.kind = kind;
        e.expr.operands.push_back(std::move(left.expr));
        e.expr.operands.push_back(std::move(right.expr));
        return e;
    }

    Parsed or_expr() {
        Parsed left = and_expr();
        while (next_is("|")) {
            std::size_t at = pos_++;
            left = binary(PermissionExpr::Kind::Or, std::move(left), and_expr(), at);
        }
        return left;
    }

    Parsed and_expr() {
        Parsed left = not_expr();
        while (next_is("&")) {
            std::size_t at = pos_++;
            left = binary(PermissionExpr::Kind::And, std::move(left), not_expr(), at);
        }
        return left;
    }

    // ~ and ( recurse: `open_` counts the levels still open, so the recursion itself stays
    // within the bound whatever the input.
    Parsed not_expr() {
        if (!next_is("~")) return atom();
        std::size_t at = pos_++;
        Nesting nesting(*this, at);
        Parsed operand = not_expr();
        Parsed e;
        e.depth = checked(1 + operand.depth, at);
        e.expr.kind = PermissionExpr::Kind::Not;
        e.expr.operands.push_back(std::move(operand.expr));
        return e;
    }

    Parsed atom() {
        const Token* token = peek();
        if (!token || !(token->is_name() || token->text == "(")) {
            std::string where = pos_ > 0 ? "after '" + tokens_[pos_ - 1].text + "' " : "";
            throw SyntaxError{"expected a permission class " + where + "at column " +
                              std::to_string(token ? token->column : end_column_)};
        }
        std::size_t at = pos_++;
        if (token->text == "(") {
            Nesting nesting(*this, at);
            Parsed inner = or_expr();
            if (!next_is(")")) {
                const Token* found = peek();
                throw SyntaxError{"missing ')' for the '(' at column " + std::to_string(token->column) +
                                  (found ? ": found '" + found->text + "' at column " + std::to_string(found->column)
                                         : ": the expression ends first")};
            }
            ++pos_;
            inner.depth = checked(inner.depth + 1, at);
            return inner;
        }
        Parsed e;
        if (token->text.starts_with("IsInGroup:")) {
            e.expr.name = "IsInGroup";
            e.expr.group = token->text.substr(10);
            return e;
        }
        if (std::find(classes_.begin(), classes_.end(), token->text) == classes_.end()) {
            throw SyntaxError{"unknown permission class '" + token->text + "'"};
        }
        e.expr.name = token->text;
        return e;
    }

    struct Nesting {
        Nesting(Parser& parser, std::size_t at) : parser_(parser) { parser_.checked(++parser_.open_, at); }
        ~Nesting() { --parser_.open_; }
        Parser& parser_;
    };

    std::vector<Token> tokens_;
    std::size_t end_column_;
    const std::vector<std::string>& classes_;
    std::size_t pos_ = 0;
    std::size_t open_ = 0;  // ~ and ( being parsed
};

}  // namespace

std::string PermissionExpr::text() const {
    std::string out;
    write(out);
    return out;
}

void PermissionExpr::write(std::string& out) const {
    auto put = [&out](const PermissionExpr& e, bool parens) {
        if (parens) out += '(';
        e.write(out);
        if (parens) out += ')';
    };
    auto composite = [](const PermissionExpr& e) { return e.kind == Kind::And || e.kind == Kind::Or; };
    switch (kind) {
        case Kind::Class:
            out += name;
            if (name == "IsInGroup") out.append(":").append(group);
            break;
        case Kind::Not:
            out.push_back('~');
            put(operands[0], composite(operands[0]));
            break;
        case Kind::And:
            put(operands[0], operands[0].kind == Kind::Or);
            out += " & ";
            put(operands[1], composite(operands[1]));
            break;
        case Kind::Or:
            put(operands[0], false);
            out += " | ";
            put(operands[1], operands[1].kind == Kind::Or);
            break;
    }
}

ExpressionParse parse_permission_expression(std::string_view text, const std::vector<std::string>& classes) {
    std::u32string code_points = python::decode(text);
    while (!code_points.empty() && python::is_space(code_points.back())) code_points.pop_back();  // text.rstrip()
    if (code_points.size() > max_permission_expression_length) {
        return {std::nullopt, "the expression is " + std::to_string(code_points.size()) + " characters long; at most " +
                                  std::to_string(max_permission_expression_length) + " are allowed"};
    }
    try {
        Parser parser(tokenize(code_points), code_points.size() + 1, classes);
        return {parser.parse(), ""};
    } catch (const SyntaxError& error) {
        return {std::nullopt, error.message};
    }
}

}  // namespace authlab::drf
