#pragma once
// Django's auto-created model permissions: add_/change_/delete_/view_ for every model of the
// installed apps, named as the admin shows them ("Can add book").
#include <string>
#include <string_view>
#include <vector>

namespace authlab::auth {

struct Permission {
    std::string app_label;  // "bookshop"
    std::string model;      // "book"
    std::string codename;   // "add_book"
    std::string name;       // "Can add book"

    std::string key() const { return app_label + "." + codename; }  // "bookshop.add_book"
};

// Every permission of the installed apps, in Django's Permission ordering
// (app label, model, codename).
const std::vector<Permission>& all_permissions();
const Permission* find_permission(std::string_view key);

}  // namespace authlab::auth
