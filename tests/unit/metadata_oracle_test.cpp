// SimpleMetadata against DRF's own: every serializer an OPTIONS answer describes, field for
// field, as rest_framework.metadata.SimpleMetadata describes the reference project's, and
// get_view_name as DRF derives it from class names.
#include <catch2/catch.hpp>

#include "drf/metadata.hpp"
#include "drf/serializer_models.hpp"
#include "support/django.hpp"
#include "support/python.hpp"

using namespace authlab;

namespace {

const char* const oracle_script = R"PY(
from rest_framework.metadata import SimpleMetadata
from rest_framework.utils import formatting
from bookshop.serializers import BookSerializer, MemberSerializer, OrderSerializer
from djoser.serializers import TokenCreateSerializer, UserSerializer
from rest_framework_simplejwt.serializers import (TokenObtainPairSerializer, TokenRefreshSerializer,
                                                  TokenVerifySerializer)

SERIALIZERS = {'book': BookSerializer, 'order': OrderSerializer, 'member': MemberSerializer,
               'user': UserSerializer, 'token_create': TokenCreateSerializer,
               'token_obtain_pair': TokenObtainPairSerializer, 'token_refresh': TokenRefreshSerializer,
               'token_verify': TokenVerifySerializer}
NAMES = ['BookList', 'ManagerUserDetail', 'TokenObtainPairView', 'HTMLFormView', 'My_helperView', 'View', 'Abc2defView']
print(json.dumps({
    'serializers': {name: SimpleMetadata().get_serializer_info(cls()) for name, cls in SERIALIZERS.items()},
    'names': {name: formatting.camelcase_to_spaces(formatting.remove_trailing_string(name, 'View')) for name in NAMES},
}))
)PY";

const nlohmann::json& oracle() {
    static const nlohmann::json answer =
        nlohmann::json::parse(testing::python::run(testing::django::reference_prelude() + oracle_script));
    return answer;
}

nlohmann::json describe(const drf::Serializer& serializer) {
    return nlohmann::json::parse(drf::SimpleMetadata().get_serializer_info(serializer).dump());
}

}  // namespace

TEST_CASE("SimpleMetadata describes each serializer an OPTIONS answer shows as DRF does") {
    World world;
    const nlohmann::json& expected = oracle().at("serializers");
    CHECK(describe(drf::book_serializer()) == expected.at("book"));
    CHECK(describe(drf::order_serializer(world)) == expected.at("order"));
    CHECK(describe(drf::member_serializer(world)) == expected.at("member"));
    CHECK(describe(drf::current_user_serializer()) == expected.at("user"));
    CHECK(describe(drf::token_create_serializer()) == expected.at("token_create"));
    CHECK(describe(drf::token_obtain_pair_serializer()) == expected.at("token_obtain_pair"));
    CHECK(describe(drf::token_refresh_serializer()) == expected.at("token_refresh"));
    CHECK(describe(drf::token_verify_serializer()) == expected.at("token_verify"));
}

TEST_CASE("get_view_name turns class names into words as DRF does") {
    for (const auto& [name, words] : oracle().at("names").items()) {
        drf::ApiView view;
        view.name = name;
        INFO(name);
        CHECK(drf::get_view_name(view) == words.get<std::string>());
    }
}
