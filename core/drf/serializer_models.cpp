#include "drf/serializer_models.hpp"

#include "drf/serializer_validators.hpp"

namespace authlab::drf {
namespace {

using pyjson::Value;

CharOptions chars(std::optional<std::size_t> max_length, bool allow_blank = false) {
    CharOptions options;
    options.max_length = max_length;
    options.allow_blank = allow_blank;
    return options;
}

// User.email: EmailField(blank=True, max_length=254) → required=False, allow_blank=True.
std::unique_ptr<Field> user_email_field() {
    auto email = std::make_unique<EmailField>("email", chars(254, true));
    email->required = false;
    return email;
}

// AbstractUser.username: max_length 150, UnicodeUsernameValidator, unique; the declared
// validators run before CharField's own.
std::unique_ptr<Field> username_field(const World& world, std::string name) {
    CharOptions username = chars(150);
    username.validators.push_back([](const Value& v) -> std::optional<std::string> {
        if (validators::valid_unicode_username(v.as_str())) return std::nullopt;
        return "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
    });
    username.validators.push_back([&world](const Value& v) -> std::optional<std::string> {
        if (world.find_user(v.as_str()) == nullptr) return std::nullopt;
        return "A user with that username already exists.";
    });
    return std::make_unique<CharField>(std::move(name), std::move(username));
}

// CurrentPasswordSerializer: current_password, checked against request.user's password.
void add_current_password(Serializer& s, std::function<bool(const std::string&)> check_password) {
    s.add(std::make_unique<CharField>("current_password"),
          [check = std::move(check_password)](const Value& v) -> std::optional<std::string> {
              if (check(v.as_str())) return std::nullopt;
              return "Invalid password.";
          });
}

}  // namespace

Serializer book_serializer() {
    Serializer s;
    s.add(std::make_unique<CharField>("title", chars(255)));
    s.add(std::make_unique<CharField>("author", chars(255)));
    s.add(std::make_unique<DecimalField>("price", 6, 2, 0));
    s.add(std::make_unique<IntegerField>("inventory", 0, 32767));
    return s;
}

nlohmann::ordered_json book_representation(const Book& book) {
    return {{"id", book.id}, {"title", book.title}, {"author", book.author}, {"price", book.price}, {"inventory", book.inventory}};
}

Serializer order_serializer(const World& world) {
    Serializer s;
    s.add(std::make_unique<PrimaryKeyRelatedField>("book", [&world](std::int64_t pk) { return world.find_book(pk) != nullptr; }));
    s.add(std::make_unique<IntegerField>("quantity", 1, 32767));
    return s;
}

nlohmann::ordered_json order_representation(const Order& order) {
    return {{"id", order.id}, {"book", order.book}, {"quantity", order.quantity}, {"owner", order.owner}};
}

nlohmann::ordered_json member_representation(const User& user) {
    return {{"id", user.id}, {"username", user.username}, {"email", user.email}};
}

Serializer username_serializer() {
    Serializer s;
    s.add(std::make_unique<CharField>("username"));
    return s;
}

Serializer user_create_serializer(const World& world) {
    Serializer s;
    s.add(user_email_field());
    s.add(username_field(world, "username"));
    s.add(std::make_unique<CharField>("password"));
    return s;
}

nlohmann::ordered_json user_create_representation(const User& user) {
    return {{"email", user.email}, {"username", user.username}, {"id", user.id}};
}

Serializer current_user_serializer() {
    Serializer s;
    s.add(user_email_field());
    return s;
}

nlohmann::ordered_json current_user_representation(const User& user) {
    return {{"email", user.email}, {"id", user.id}, {"username", user.username}};
}

// UserDeleteSerializer: a CurrentPasswordSerializer.
Serializer user_delete_serializer(std::function<bool(const std::string&)> check_password) {
    Serializer s;
    add_current_password(s, std::move(check_password));
    return s;
}

// SetPasswordSerializer(PasswordSerializer, CurrentPasswordSerializer): the bases' declared
// fields in order, new_password first; no password validators are configured.
Serializer set_password_serializer(std::function<bool(const std::string&)> check_password) {
    Serializer s;
    s.add(std::make_unique<CharField>("new_password"));
    add_current_password(s, std::move(check_password));
    return s;
}

// SetUsernameSerializer: Meta.fields (username, current_password), then UsernameSerializer's
// __init__ pops username and puts it back as new_username, so it comes last.
Serializer set_username_serializer(const World& world, std::function<bool(const std::string&)> check_password) {
    Serializer s;
    add_current_password(s, std::move(check_password));
    s.add(username_field(world, "new_username"));
    return s;
}

}  // namespace authlab::drf
