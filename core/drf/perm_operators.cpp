// DRF 3.14's composition classes AND, OR and NOT (rest_framework/permissions.py), which
// OperandHolder builds for `A & B`, `A | B` and `~A`. Python's `and`/`or` short-circuit, so a
// later operand may never be asked; the Check says which ones were and what they answered.
#include "drf/perm_classes.hpp"

namespace authlab::drf {
namespace {

using Json = nlohmann::ordered_json;

// A nested summary inside a sentence: without its closing full stop.
std::string clause(const std::string& summary) {
    return summary.ends_with('.') ? summary.substr(0, summary.size() - 1) : summary;
}

Json entry(const PermissionClass& op, const Check& c) {
    return {{"expression", op.describe()}, {"result", c.ok ? "pass" : "fail"}, {"summary", c.summary}, {"data", c.data}};
}

Json skipped(const PermissionClass& op, const std::string& why) {
    return {{"expression", op.describe()}, {"result", "skip"}, {"summary", why}, {"data", Json::object()}};
}

// `x.has_permission and x.has_object_permission`, as OR.has_object_permission asks it of one side.
struct Side {
    bool ok = false;
    Json data;
    std::string summary;
};

Side permission_then_object(const PermissionClass& op, RequestContext& request) {
    Check permission = op.check_permission(request);
    Json data = {{"expression", op.describe()}, {"has_permission", entry(op, permission)}};
    if (!permission.ok) {
        data["has_object_permission"] = skipped(op, "Not asked: has_permission was already False.");
        data["result"] = "fail";
        return {false, data, op.describe() + ".has_permission is False (" + clause(permission.summary) + ")"};
    }
    Check object = op.check_object_permission(request);
    data["has_object_permission"] = entry(op, object);
    data["result"] = object.ok ? "pass" : "fail";
    return {object.ok, data,
            object.ok ? op.describe() + " passes both checks"
                      : op.describe() + ".has_permission is True but has_object_permission is False (" + clause(object.summary) + ")"};
}

class And final : public PermissionClass {
public:
    And(std::string expression, PermissionPtr op1, PermissionPtr op2)
        : PermissionClass(std::move(expression)), op1_(std::move(op1)), op2_(std::move(op2)) {}

    Check check_permission(RequestContext& request) const override {
        return combine(request, &PermissionClass::check_permission, "");
    }
    Check check_object_permission(RequestContext& request) const override {
        return combine(request, &PermissionClass::check_object_permission, " on the object");
    }

private:
    Check combine(RequestContext& request, Check (PermissionClass::*check)(RequestContext&) const, const std::string& where) const {
        const std::string head = describe() + where + ": ";
        Check c1 = ((*op1_).*check)(request);
        if (!c1.ok) {
            return {false, head + op1_->describe() + " fails, so " + op2_->describe() + " is not asked (" + clause(c1.summary) + ").",
                    {{"operator", "AND"},
                     {"operands", {entry(*op1_, c1), skipped(*op2_, "Not asked: the left side of & was already False.")}}}};
        }
        Check c2 = ((*op2_).*check)(request);
        std::string summary = c2.ok ? head + "both " + op1_->describe() + " and " + op2_->describe() + " pass."
                                    : head + op1_->describe() + " passes but " + op2_->describe() + " fails (" + clause(c2.summary) + ").";
        return {c2.ok, summary, {{"operator", "AND"}, {"operands", {entry(*op1_, c1), entry(*op2_, c2)}}}};
    }

    PermissionPtr op1_, op2_;
};

class Or final : public PermissionClass {
public:
    Or(std::string expression, PermissionPtr op1, PermissionPtr op2)
        : PermissionClass(std::move(expression)), op1_(std::move(op1)), op2_(std::move(op2)) {}

    Check check_permission(RequestContext& request) const override {
        const std::string head = describe() + ": ";
        Check c1 = op1_->check_permission(request);
        if (c1.ok) {
            return {true, head + op1_->describe() + " passes, so " + op2_->describe() + " is not asked.",
                    {{"operator", "OR"},
                     {"operands", {entry(*op1_, c1), skipped(*op2_, "Not asked: the left side of | was already True.")}}}};
        }
        Check c2 = op2_->check_permission(request);
        std::string summary = c2.ok ? head + op1_->describe() + " fails but " + op2_->describe() + " passes."
                                    : head + "neither side passes (" + clause(c1.summary) + "; " + clause(c2.summary) + ").";
        return {c2.ok, summary, {{"operator", "OR"}, {"operands", {entry(*op1_, c1), entry(*op2_, c2)}}}};
    }

    // DRF 3.14: (op1.has_permission and op1.has_object_permission) or
    //           (op2.has_permission and op2.has_object_permission)
    Check check_object_permission(RequestContext& request) const override {
        const std::string head = describe() + " on the object (DRF 3.14 asks each side's has_permission and has_object_permission): ";
        Side left = permission_then_object(*op1_, request);
        if (left.ok) {
            return {true, head + left.summary + ".",
                    {{"operator", "OR"}, {"operands", {left.data, skipped(*op2_, "Not asked: the left side of | was already True.")}}}};
        }
        Side right = permission_then_object(*op2_, request);
        std::string summary = right.ok ? head + right.summary + "." : head + "neither side holds: " + left.summary + "; " + right.summary + ".";
        return {right.ok, summary, {{"operator", "OR"}, {"operands", {left.data, right.data}}}};
    }

private:
    PermissionPtr op1_, op2_;
};

class Not final : public PermissionClass {
public:
    Not(std::string expression, PermissionPtr op1) : PermissionClass(std::move(expression)), op1_(std::move(op1)) {}

    Check check_permission(RequestContext& request) const override {
        Check c = op1_->check_permission(request);
        std::string summary = describe() + ": " + op1_->describe() + (c.ok ? " passes, so " : " fails, so ") + describe() +
                              (c.ok ? " fails (" : " passes (") + clause(c.summary) + ").";
        return {!c.ok, summary, {{"operator", "NOT"}, {"operands", {entry(*op1_, c)}}}};
    }

    // DRF 3.14 negates has_object_permission too: over a class whose answer is always True,
    // ~ refuses every object.
    Check check_object_permission(RequestContext& request) const override {
        Check c = op1_->check_object_permission(request);
        std::string summary = describe() + " on the object: " + op1_->describe() + ".has_object_permission is " +
                              (c.ok ? "True" : "False") + ", and DRF 3.14's ~ negates it, so " + describe() +
                              (c.ok ? " refuses the object." : " allows the object.");
        return {!c.ok, summary, {{"operator", "NOT"}, {"operands", {entry(*op1_, c)}}}};
    }

private:
    PermissionPtr op1_;
};

}  // namespace

PermissionPtr make_and(std::string expression, PermissionPtr op1, PermissionPtr op2) {
    return std::make_unique<And>(std::move(expression), std::move(op1), std::move(op2));
}
PermissionPtr make_or(std::string expression, PermissionPtr op1, PermissionPtr op2) {
    return std::make_unique<Or>(std::move(expression), std::move(op1), std::move(op2));
}
PermissionPtr make_not(std::string expression, PermissionPtr op1) {
    return std::make_unique<Not>(std::move(expression), std::move(op1));
}

}  // namespace authlab::drf
