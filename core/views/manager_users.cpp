// bookshop/views.py: ManagerUsersViewSet's list route (list the Manager group's members, add one
// by username) and instance route (remove one), over User.objects.filter(groups__name='Manager').
#include <algorithm>

#include "backends/model_backend.hpp"
#include "drf/errors.hpp"
#include "drf/serializer_models.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

using drf::Reply;
using drf::RequestContext;

const char* const manager_group = "Manager";

Reply list_members(RequestContext& request, const drf::PathArgs&) {
    nlohmann::ordered_json body = nlohmann::ordered_json::array();
    for (const User& user : request.world.users) {
        if (auth::is_in_group(request.world, &user, manager_group)) body.push_back(drf::member_representation(user));
    }
    request.trace.add("handler", "ManagerUsersViewSet", "pass", "listed " + std::to_string(body.size()) + " Manager member(s).");
    return {200, body};
}

// create: UsernameSerializer, get_object_or_404(User, username=…), get_object_or_404(Group,
// name='Manager'), managers.user_set.add(user) (adding a member again changes nothing).
Reply add_member(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid = drf::validate_request(request, drf::username_serializer(), "ManagerUsersViewSet");
    const std::string& username = valid.get("username")->as_str();
    auto user = std::find_if(request.world.users.begin(), request.world.users.end(),
                             [&](const User& u) { return u.username == username; });
    if (user == request.world.users.end()) {
        request.fail(drf::not_found(), "handler", "ManagerUsersViewSet", "no user is named \"" + username + "\": 404.");
    }
    const Group* group = request.world.find_group(manager_group);
    if (!group) {
        request.fail(drf::not_found(), "handler", "ManagerUsersViewSet", "there is no Manager group: 404.");
    }
    bool already = std::find(user->groups.begin(), user->groups.end(), group->id) != user->groups.end();
    if (!already) user->groups.push_back(group->id);
    request.trace.add("handler", "ManagerUsersViewSet", "pass",
                      already ? user->username + " was already in Manager." : "added " + user->username + " to Manager.");
    return {201, drf::member_representation(*user)};
}

// destroy: get_object (404 unless a member, then object permissions), then the group, then
// managers.user_set.remove(user).
Reply remove_member(RequestContext& request, const drf::PathArgs& args) {
    std::optional<Id> pk = drf::lookup_pk(pyjson::Value::string(args.at(0)));
    auto user = std::find_if(request.world.users.begin(), request.world.users.end(), [&](const User& u) {
        return pk && u.id == *pk && auth::is_in_group(request.world, &u, manager_group);
    });
    if (user == request.world.users.end()) {
        request.fail(drf::not_found(), "handler", "ManagerUsersViewSet", "no Manager member has pk \"" + args.at(0) + "\": 404.");
    }
    request.object = drf::ViewObject{"auth.user", user->id, std::nullopt};
    request.check_object_permissions();
    const Group* group = request.world.find_group(manager_group);
    std::erase(user->groups, group->id);
    request.trace.add("handler", "ManagerUsersViewSet", "pass", "removed " + user->username + " from Manager.");
    return {200, drf::member_representation(*user)};
}

}  // namespace

drf::ApiView manager_user_list() {
    drf::ApiView view;
    view.name = "ManagerUsersViewSet";  // a GenericViewSet: list and create, destroy
    view.suffix = "List";
    view.policy = "manager_users";
    view.model = "auth.user";
    view.allow = "GET, POST, HEAD, OPTIONS";
    // serializer_class: OPTIONS describes MemberSerializer, though create reads UsernameSerializer.
    view.get_serializer = [](drf::RequestContext& r) { return drf::member_serializer(r.world); };
    view.handlers["GET"] = list_members;
    view.handlers["POST"] = add_member;
    return view;
}

drf::ApiView manager_user_detail() {
    drf::ApiView view;
    view.name = "ManagerUsersViewSet";
    view.suffix = "Instance";
    view.policy = "manager_users";
    view.model = "auth.user";
    view.allow = "DELETE, OPTIONS";
    view.get_serializer = [](drf::RequestContext& r) { return drf::member_serializer(r.world); };
    view.handlers["DELETE"] = remove_member;
    return view;
}

}  // namespace authlab::views
