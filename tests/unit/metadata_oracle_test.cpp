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
from rest_framework.views import APIView, get_view_name
# (class name, a ViewSet route's suffix or None)
NAMES = [('BookList', None), ('ManagerUserDetail', None), ('TokenObtainPairView', None), ('HTMLFormView', None),
         ('My_helperView', None), ('View', None), ('Abc2defView', None), ('ViewSet', None),
         ('BookViewSet', 'List'), ('OrderViewSet', 'Instance'), ('ManagerUsersViewSet', 'Instance'),
         ('UserViewSet', 'List'), ('ViewSet', 'Instance')]
def view_name(name, suffix):
    view = type(name, (APIView,), {})()
    view.suffix = suffix
    return get_view_name(view)
print(json.dumps({
    'serializers': {name: SimpleMetadata().get_serializer_info(cls()) for name, cls in SERIALIZERS.items()},
    'names': [[name, suffix, view_name(name, suffix)] for name, suffix in NAMES],
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

TEST_CASE("get_view_name turns class names and a ViewSet route's suffix into words as DRF does") {
    for (const nlohmann::json& row : oracle().at("names")) {
        drf::ApiView view;
        view.name = row.at(0).get<std::string>();
        if (!row.at(1).is_null()) view.suffix = row.at(1).get<std::string>();
        INFO(row.dump());
        CHECK(drf::get_view_name(view) == row.at(2).get<std::string>());
    }
}
