// Each permission class, alone and composed, against DRF's real classes: for users like the
// default world's (and a few more: a superuser who is not staff, staff without permissions,
// direct permissions, an inactive member, the anonymous user), every method and each view
// model, has_permission and has_object_permission must answer as DRF does, 405 included.
// Then what the trace says.
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "crypto/random.hpp"
#include "drf/errors.hpp"
#include "drf/permissions.hpp"
#include "support/django.hpp"
#include "support/python.hpp"

using namespace authlab;

namespace {

const char* const script = R"PY(
from types import SimpleNamespace
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from rest_framework.exceptions import MethodNotAllowed
from bookshop.models import Book, Order
from policies import parse_permission

def perm(name):
    app, code = name.split('.')
    return Permission.objects.get(content_type__app_label=app, codename=code)

groups = {
    'Manager': ['bookshop.add_book', 'bookshop.change_book', 'bookshop.delete_book', 'bookshop.view_book',
                'bookshop.view_order', 'bookshop.change_order'],
    'Editor': ['bookshop.view_book', 'bookshop.add_book', 'bookshop.change_book'],
    'Customer': ['bookshop.view_book', 'bookshop.add_order', 'bookshop.view_order'],
}
for name, perms in groups.items():
    Group.objects.create(name=name).permissions.set([perm(p) for p in perms])
def user(name, group=None, direct=(), **flags):
    u = User.objects.create(username=name, **flags)
    if group:
        u.groups.add(Group.objects.get(name=group))
    u.user_permissions.set([perm(p) for p in direct])
    return User.objects.get(pk=u.pk)
users = {
    'admin': user('admin', is_staff=True, is_superuser=True), 'mary': user('mary', 'Manager'),
    'eddie': user('eddie', 'Editor'), 'carol': user('carol', 'Customer'),
    'ivan': user('ivan', 'Customer', is_active=False), 'root': user('root', is_superuser=True),
    'staff': user('staff', is_staff=True), 'direct': user('direct', direct=['bookshop.add_book', 'auth.delete_user']),
    'anonymous': AnonymousUser(),
}
views = {'bookshop.book': Book, 'bookshop.order': Order, 'auth.user': User}
book = Book.objects.create(title='t', author='a', price='1.00', inventory=1)
objects = {'none': None, 'book': book, 'user:carol': users['carol'],
           'order:carol': Order.objects.create(book=book, quantity=1, owner=users['carol']),
           'order:admin': Order.objects.create(book=book, quantity=1, owner=users['admin'])}

def ask(f):
    try:
        return '1' if f() else '0'
    except MethodNotAllowed:
        return '405'

for line in open(sys.argv[1]):
    expression, name, method, model, *obj = line.rstrip('\n').split('\t')
    obj = objects[obj[0] if obj else 'none']
    permission = parse_permission(expression)()
    request = SimpleNamespace(user=users[name], method=method)
    view = SimpleNamespace(get_queryset=lambda: views[model].objects.all())
    print(ask(lambda: permission.has_permission(request, view)) + ' ' +
          ask(lambda: permission.has_object_permission(request, view, obj)))
)PY";

World test_world() {
    World world;
    auto group = [&](const char* name, std::set<std::string> permissions) {
        Group g;
        g.name = name;
        g.permissions = std::move(permissions);
        return world.add_group(g);
    };
    Id manager = group("Manager", {"bookshop.add_book", "bookshop.change_book", "bookshop.delete_book", "bookshop.view_book",
                                   "bookshop.view_order", "bookshop.change_order"});
    Id editor = group("Editor", {"bookshop.view_book", "bookshop.add_book", "bookshop.change_book"});
    Id customer = group("Customer", {"bookshop.view_book", "bookshop.add_order", "bookshop.view_order"});
    auto user = [&](const char* name, std::vector<Id> groups, bool staff, bool superuser, bool active,
                    std::set<std::string> direct = {}) {
        User u;
        u.username = name;
        u.groups = std::move(groups);
        u.is_staff = staff;
        u.is_superuser = superuser;
        u.is_active = active;
        u.permissions = std::move(direct);
        world.add_user(u);
    };
    user("admin", {}, true, true, true);
    user("mary", {manager}, false, false, true);
    user("eddie", {editor}, false, false, true);
    user("carol", {customer}, false, false, true);
    user("ivan", {customer}, false, false, false);
    user("root", {}, false, true, true);
    user("staff", {}, true, false, true);
    user("direct", {}, false, false, true, {"bookshop.add_book", "auth.delete_user"});
    return world;
}

struct Answer {
    std::string text;  // "1 0", "405 405"
    std::vector<drf::TraceStep> steps;
};

// `object`: "none", "book", "user:carol", "order:carol", "order:admin" (as the script names them).
std::optional<drf::ViewObject> view_object(const World& world, const std::string& object) {
    if (object == "book") return drf::ViewObject{"bookshop.book", 1, std::nullopt};
    if (object == "user:carol") return drf::ViewObject{"auth.user", world.find_user(std::string_view("carol"))->id, std::nullopt};
    if (object.starts_with("order:")) {
        return drf::ViewObject{"bookshop.order", 1, world.find_user(std::string_view(object.substr(6)))->id};
    }
    return std::nullopt;
}

Answer ask(World& world, const std::string& expression, const std::string& name, const std::string& method,
           const std::string& model, const std::string& object = "none") {
    http::Request http;
    http.method = method;
    crypto::SeededRandom random(1);
    auth::Passwords passwords(random, auth::Argon2Cost::owasp_minimum());
    drf::RequestContext request(world, http, 0, random, passwords);
    for (User& u : world.users) {
        if (u.username == name) request.user = &u;
    }
    request.view_model = model;
    request.object = view_object(world, object);
    auto permission = drf::parse_permission(expression).permission;
    auto verdict = [&](auto f) -> std::string {
        try {
            return f() ? "1" : "0";
        } catch (const drf::ApiError& error) {
            return std::to_string(error.status);
        }
    };
    std::string p = verdict([&] { return permission->has_permission(request); });
    std::string o = verdict([&] { return permission->has_object_permission(request); });
    return {p + " " + o, request.trace.steps()};
}

const std::vector<std::string> user_names = {"admin", "mary", "eddie", "carol", "ivan", "root", "staff", "direct", "anonymous"};

}  // namespace

TEST_CASE("permission classes answer as DRF's for every user, method and model", "[permission][classes][oracle]") {
    const std::vector<std::string> expressions = {
        "AllowAny", "IsAuthenticated", "IsAdminUser", "IsAuthenticatedOrReadOnly", "DjangoModelPermissions",
        "DjangoModelPermissionsOrAnonReadOnly", "IsInGroup:Manager", "IsInGroup:Customer", "IsInGroup:Nope",
        "IsAdminUser | IsInGroup:Manager", "~IsInGroup:Customer", "IsAuthenticated & ~DjangoModelPermissions",
        "DjangoModelPermissions | IsAdminUser", "~DjangoModelPermissionsOrAnonReadOnly | IsAuthenticatedOrReadOnly"};
    const std::vector<std::string> methods = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "get"};
    const std::vector<std::string> models = {"bookshop.book", "bookshop.order", "auth.user"};
    std::vector<std::string> lines;
    for (const auto& e : expressions)
        for (const auto& u : user_names)
            for (const auto& m : methods)
                for (const auto& model : models) lines.push_back(e + "\t" + u + "\t" + m + "\t" + model);
    const std::vector<std::string> drf = authlab::testing::python::answer_lines(authlab::testing::django::reference_prelude() + script, lines);
    World world = test_world();
    std::size_t k = 0, mismatches = 0;
    for (const auto& e : expressions)
        for (const auto& u : user_names)
            for (const auto& m : methods)
                for (const auto& model : models) {
                    std::string got = ask(world, e, u, m, model).text;
                    if (got != drf[k] && ++mismatches <= 20) {
                        INFO(lines[k]);
                        CHECK(got == drf[k]);
                    }
                    ++k;
                }
    CHECK(mismatches == 0);
}

TEST_CASE("IsOwner looks at the order's owner alone and composed as the reference's class does", "[permission][classes][oracle]") {
    const std::vector<std::string> expressions = {"IsOwner", "IsOwner | IsAdminUser", "~IsOwner", "IsOwner & IsInGroup:Customer",
                                                  "IsAuthenticated & IsOwner", "IsInGroup:Manager | IsOwner"};
    const std::vector<std::string> objects = {"none", "book", "user:carol", "order:carol", "order:admin"};
    std::vector<std::string> lines;
    for (const auto& e : expressions)
        for (const auto& u : user_names)
            for (const auto& o : objects) lines.push_back(e + "\t" + u + "\tGET\tbookshop.order\t" + o);
    const std::vector<std::string> drf = authlab::testing::python::answer_lines(authlab::testing::django::reference_prelude() + script, lines);
    World world = test_world();
    std::size_t k = 0, mismatches = 0;
    for (const auto& e : expressions)
        for (const auto& u : user_names)
            for (const auto& o : objects) {
                std::string got = ask(world, e, u, "GET", "bookshop.order", o).text;
                if (got != drf[k] && ++mismatches <= 20) {
                    INFO(lines[k]);
                    CHECK(got == drf[k]);
                }
                ++k;
            }
    CHECK(mismatches == 0);
    // Not vacuous: the owner passes and another user fails on the same order.
    CHECK(ask(world, "IsOwner", "carol", "GET", "bookshop.order", "order:carol").text == "1 1");
    CHECK(ask(world, "IsOwner", "mary", "GET", "bookshop.order", "order:carol").text == "1 0");
}

TEST_CASE("the trace says what each class looked at", "[permission][classes]") {
    World world = test_world();
    SECTION("DjangoModelPermissions: needed versus held") {
        Answer a = ask(world, "DjangoModelPermissions", "carol", "POST", "bookshop.book");
        const drf::TraceStep& step = a.steps.at(0);
        CHECK(step.stage == "permission");
        CHECK(step.component == "DjangoModelPermissions");
        CHECK(step.result == "fail");
        CHECK(step.summary ==
              "DjangoModelPermissions: POST needs bookshop.add_book; carol has bookshop.add_order, bookshop.view_book, "
              "bookshop.view_order.");
        CHECK(step.data["needs"] == nlohmann::ordered_json({"bookshop.add_book"}));
        CHECK(step.data["has"] == nlohmann::ordered_json({"bookshop.add_order", "bookshop.view_book", "bookshop.view_order"}));
        CHECK(a.steps.at(1).stage == "object_permission");
        CHECK(a.steps.at(1).result == "pass");
    }
    SECTION("DjangoModelPermissions: GET needs nothing, the anonymous user is refused anyway") {
        CHECK(ask(world, "DjangoModelPermissions", "eddie", "GET", "bookshop.book").steps.at(0).summary ==
              "DjangoModelPermissions: GET needs no permission; eddie has bookshop.add_book, bookshop.change_book, "
              "bookshop.view_book.");
        CHECK(ask(world, "DjangoModelPermissions", "anonymous", "GET", "bookshop.book").steps.at(0).summary ==
              "DjangoModelPermissions: the request is anonymous, and this class refuses anonymous users whatever the method.");
        CHECK(ask(world, "DjangoModelPermissionsOrAnonReadOnly", "anonymous", "GET", "bookshop.book").steps.at(0).result == "pass");
        CHECK(ask(world, "DjangoModelPermissions", "root", "DELETE", "auth.user").steps.at(0).summary ==
              "DjangoModelPermissions: DELETE needs auth.delete_user; root is a superuser, so has_perm is True for every permission.");
        CHECK(ask(world, "DjangoModelPermissions", "ivan", "GET", "bookshop.book").steps.at(0).summary ==
              "DjangoModelPermissions: GET needs no permission; ivan is inactive, so has none.");
    }
    SECTION("DjangoModelPermissions on a method perms_map lacks: 405, recorded") {
        Answer a = ask(world, "DjangoModelPermissions", "carol", "TRACE", "bookshop.book");
        CHECK(a.text == "405 1");
        CHECK(a.steps.at(0).result == "error");
    }
    SECTION("DjangoModelPermissions needs a queryset model") {
        CHECK_THROWS_AS(ask(world, "DjangoModelPermissions", "carol", "GET", ""), drf::ServerError);
    }
    SECTION("IsInGroup checks groups only") {
        CHECK(ask(world, "IsInGroup:Manager", "admin", "GET", "").steps.at(0).summary ==
              "IsInGroup:Manager: admin is not in group Manager (admin is in no group). Being a superuser does not count: "
              "only membership does.");
        CHECK(ask(world, "IsInGroup:Manager", "carol", "GET", "").steps.at(0).summary ==
              "IsInGroup:Manager: carol is not in group Manager (carol's groups: Customer).");
        CHECK(ask(world, "IsInGroup:Sales", "carol", "GET", "").steps.at(0).summary ==
              "IsInGroup:Sales: carol is not in group Sales (there is no group named Sales).");
        CHECK(ask(world, "IsInGroup:Manager", "mary", "GET", "").steps.at(0).data["groups"] == nlohmann::ordered_json({"Manager"}));
    }
    SECTION("composed expressions show every operand, and which were not asked") {
        Answer a = ask(world, "IsAdminUser | IsInGroup:Manager", "carol", "GET", "");
        const drf::TraceStep& step = a.steps.at(0);
        CHECK(step.component == "IsAdminUser | IsInGroup:Manager");
        CHECK(step.result == "fail");
        CHECK(step.summary ==
              "IsAdminUser | IsInGroup:Manager: neither side passes (IsAdminUser: carol is not staff (is_staff is False); "
              "IsInGroup:Manager: carol is not in group Manager (carol's groups: Customer)).");
        CHECK(step.data["operator"] == "OR");
        CHECK(step.data["operands"][0]["expression"] == "IsAdminUser");
        CHECK(step.data["operands"][1]["result"] == "fail");
        Answer b = ask(world, "IsAdminUser | IsInGroup:Manager", "admin", "GET", "");
        CHECK(b.steps.at(0).data["operands"][1]["result"] == "skip");
    }
    SECTION("~ refuses every object: the page can say why") {
        Answer a = ask(world, "~IsInGroup:Customer", "admin", "GET", "");
        CHECK(a.text == "1 0");
        CHECK(a.steps.at(1).summary ==
              "~IsInGroup:Customer on the object: IsInGroup:Customer.has_object_permission is True, and DRF 3.14's ~ negates "
              "it, so ~IsInGroup:Customer refuses the object.");
    }
}
