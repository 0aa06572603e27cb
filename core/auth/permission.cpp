#include "auth/permission.hpp"

#include <algorithm>
#include <tuple>

namespace authlab::auth {
namespace {

struct Model {
    const char* app_label;
    const char* model;
    const char* verbose_name;
};

// The apps the reference Django project installs: auth and contenttypes (which every project
// has), sessions (SessionAuthentication), authtoken (DRF's tokens) and the bookshop.
constexpr Model installed_models[] = {
    {"auth", "group", "group"},
    {"auth", "permission", "permission"},
    {"auth", "user", "user"},
    {"authtoken", "token", "Token"},
    {"authtoken", "tokenproxy", "token"},
    {"bookshop", "book", "book"},
    {"bookshop", "order", "order"},
    {"contenttypes", "contenttype", "content type"},
    {"sessions", "session", "session"},
};

std::vector<Permission> build_catalogue() {
    std::vector<Permission> permissions;
    for (const Model& m : installed_models) {
        for (const char* action : {"add", "change", "delete", "view"}) {
            permissions.push_back({m.app_label, m.model, std::string(action) + "_" + m.model,
                                   std::string("Can ") + action + " " + m.verbose_name});
        }
    }
    std::sort(permissions.begin(), permissions.end(), [](const Permission& a, const Permission& b) {
        return std::tie(a.app_label, a.model, a.codename) < std::tie(b.app_label, b.model, b.codename);
    });
    return permissions;
}

}  // namespace

const std::vector<Permission>& all_permissions() {
    static const std::vector<Permission> catalogue = build_catalogue();
    return catalogue;
}

const Permission* find_permission(std::string_view key) {
    for (const Permission& p : all_permissions()) {
        if (p.key() == key) return &p;
    }
    return nullptr;
}

}  // namespace authlab::auth
