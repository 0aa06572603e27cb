#pragma once
// The project's serializers, field for field as ModelSerializer builds them from the models
// (tests/reference/bookshop/serializers.py; djoser 2.1's UserCreateSerializer, UserSerializer,
// UserDeleteSerializer), and their representations (to_representation).
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "drf/serializer.hpp"
#include "world/world.hpp"

namespace authlab::drf {

// BookSerializer: title, author (CharField max 255), price (DecimalField 6/2, min 0),
// inventory (IntegerField 0-32767).
Serializer book_serializer();
nlohmann::ordered_json book_representation(const Book& book);

// OrderSerializer: book (PrimaryKeyRelatedField over the books), quantity (1-32767); owner is
// read-only.
Serializer order_serializer(const World& world);
nlohmann::ordered_json order_representation(const Order& order);

// MemberSerializer (id, username with the model's validators, email), its output, and
// UsernameSerializer (one plain CharField).
Serializer member_serializer(const World& world);
nlohmann::ordered_json member_representation(const User& user);
Serializer username_serializer();

// djoser: UserCreateSerializer (email, username with Django's validators and uniqueness,
// password), UserSerializer (email writable; id and username read-only), UserDeleteSerializer.
// Each serializer lists its read-only fields too, which only OPTIONS shows.
Serializer user_create_serializer(const World& world);
nlohmann::ordered_json user_create_representation(const User& user);
Serializer current_user_serializer();
nlohmann::ordered_json current_user_representation(const User& user);
Serializer user_delete_serializer(std::function<bool(const std::string&)> check_password);
// djoser's SetPasswordSerializer (new_password, current_password) and SetUsernameSerializer
// (current_password, new_username with the username field's validators).
Serializer set_password_serializer(std::function<bool(const std::string&)> check_password);
Serializer set_username_serializer(const World& world, std::function<bool(const std::string&)> check_password);

// djoser's TokenCreateSerializer: password, then username, both optional CharFields.
Serializer token_create_serializer();
// simplejwt's TokenObtainPairSerializer (username, password), TokenRefreshSerializer (refresh;
// access read-only) and TokenVerifySerializer (token).
Serializer token_obtain_pair_serializer();
Serializer token_refresh_serializer();
Serializer token_verify_serializer();

}  // namespace authlab::drf
