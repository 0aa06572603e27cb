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

// A field that is only shown (read_only=True, hence required=False).
std::unique_ptr<Field> read_only(std::unique_ptr<Field> field) {
    field->read_only = true;
    field->required = false;
    return field;
}

// The model's AutoField as ModelSerializer shows it: read-only, verbose_name "ID".
std::unique_ptr<Field> id_field() {
    auto id = read_only(std::make_unique<IntegerField>("id", std::nullopt, std::nullopt));
    id->label = "ID";
    return id;
}

// User.email: EmailField(blank=True, max_length=254) → required=False, allow_blank=True.
std::unique_ptr<Field> user_email_field() {
    auto email = std::make_unique<EmailField>("email", chars(254, true));
    email->required = false;
    email->label = "Email address";
    return email;
}

const std::string username_help_text = "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.";

// User.username where a serializer only shows it: read-only, its limits dropped, its help kept.
std::unique_ptr<Field> read_only_username_field() {
    auto username = read_only(std::make_unique<CharField>("username"));
    username->help_text = username_help_text;
    return username;
}

// A CharField(required=False).
std::unique_ptr<Field> optional_char_field(std::string name) {
    auto field = std::make_unique<CharField>(std::move(name));
    field->required = false;
    return field;
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
    auto field = std::make_unique<CharField>(std::move(name), std::move(username));
    field->help_text = username_help_text;
    return field;
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
    s.add(id_field());
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
    s.add(id_field());
    s.add(std::make_unique<PrimaryKeyRelatedField>("book", [&world](std::int64_t pk) { return world.find_book(pk) != nullptr; }));
    s.add(std::make_unique<IntegerField>("quantity", 1, 32767));
    s.add(read_only(std::make_unique<PrimaryKeyRelatedField>("owner", [](std::int64_t) { return false; })));
    return s;
}

nlohmann::ordered_json order_representation(const Order& order) {
    return {{"id", order.id}, {"book", order.book}, {"quantity", order.quantity}, {"owner", order.owner}};
}

Serializer member_serializer(const World& world) {
    Serializer s;
    s.add(id_field());
    s.add(username_field(world, "username"));
    s.add(user_email_field());
    return s;
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
    s.add(id_field());
    s.add(read_only_username_field());
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

Serializer token_create_serializer() {
    Serializer s;
    s.add(optional_char_field("password"));
    s.add(optional_char_field("username"));
    return s;
}

Serializer token_obtain_pair_serializer() {
    Serializer s;
    s.add(std::make_unique<CharField>("username"));
    s.add(std::make_unique<CharField>("password"));  // PasswordField, a CharField
    return s;
}

Serializer token_refresh_serializer() {
    Serializer s;
    s.add(std::make_unique<CharField>("refresh"));
    s.add(read_only(std::make_unique<CharField>("access")));
    return s;
}

Serializer token_verify_serializer() {
    Serializer s;
    s.add(std::make_unique<CharField>("token"));
    return s;
}

}  // namespace authlab::drf
