#include "export/django_fixture.hpp"

#include "auth/permission.hpp"
#include "time/iso8601.hpp"

namespace authlab::exporting {
namespace {

using nlohmann::ordered_json;

ordered_json record(const char* model, ordered_json pk, ordered_json fields) {
    ordered_json out;
    out["model"] = model;
    out["pk"] = std::move(pk);
    out["fields"] = std::move(fields);
    return out;
}

// dumpdata lists a many-to-many field in the related model's ordering; Permission orders by
// app label, model and codename, which is all_permissions()' order.
ordered_json permission_keys(const std::set<std::string>& keys) {
    ordered_json out = ordered_json::array();
    for (const auth::Permission& p : auth::all_permissions()) {
        if (keys.contains(p.key())) out.push_back(permission_natural_key(p.key()));
    }
    return out;
}

ordered_json group_record(const Group& group) {
    ordered_json fields;
    fields["name"] = group.name;
    fields["permissions"] = permission_keys(group.permissions);
    return record("auth.group", group.id, std::move(fields));
}

ordered_json user_record(const World& world, const User& user) {
    ordered_json groups = ordered_json::array();
    for (Id id : user.groups) groups.push_back(ordered_json::array({world.find_group(id)->name}));
    ordered_json fields;
    fields["password"] = user.password;
    fields["last_login"] = nullptr;
    fields["is_superuser"] = user.is_superuser;
    fields["username"] = user.username;
    fields["first_name"] = "";
    fields["last_name"] = "";
    fields["email"] = user.email;
    fields["is_staff"] = user.is_staff;
    fields["is_active"] = user.is_active;
    fields["groups"] = std::move(groups);
    fields["user_permissions"] = permission_keys(user.permissions);
    return record("auth.user", user.id, std::move(fields));
}

ordered_json username_key(const World& world, Id user) {
    return ordered_json::array({world.find_user(user)->username});
}

}  // namespace

ordered_json permission_natural_key(const std::string& key) {
    const auth::Permission* p = auth::find_permission(key);
    return ordered_json::array({p->codename, p->app_label, p->model});
}

ordered_json django_fixture(const World& world) {
    ordered_json out = ordered_json::array();
    // Groups before users, users before what points at them: loaddata resolves natural keys as
    // it reads.
    for (const Group& group : world.groups) out.push_back(group_record(group));
    for (const User& user : world.users) out.push_back(user_record(world, user));
    for (const AuthToken& token : world.tokens) {
        ordered_json fields;
        fields["user"] = username_key(world, token.user);
        fields["created"] = django_json_datetime(token.created);
        out.push_back(record("authtoken.token", token.key, std::move(fields)));
    }
    for (const Book& book : world.books) {
        out.push_back(record("bookshop.book", book.id,
                             {{"title", book.title}, {"author", book.author}, {"price", book.price}, {"inventory", book.inventory}}));
    }
    for (const Order& order : world.orders) {
        out.push_back(record("bookshop.order", order.id,
                             {{"book", order.book}, {"quantity", order.quantity}, {"owner", username_key(world, order.owner)}}));
    }
    return out;
}

}  // namespace authlab::exporting
