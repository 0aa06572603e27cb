// bookshop/views.py: OrderList (ListCreateAPIView): the user's own orders; a new order is the
// request.user's.
#include "drf/errors.hpp"
#include "drf/serializer_models.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

using drf::Reply;
using drf::RequestContext;

// get_queryset: Order.objects.filter(owner=user), or none() for the anonymous user (who gets
// here only under a permissive policy).
Reply list_orders(RequestContext& request, const drf::PathArgs&) {
    nlohmann::ordered_json body = nlohmann::ordered_json::array();
    if (!request.user) {
        request.trace.add("handler", "OrderList", "pass", "the anonymous user owns no orders: the list is empty.");
        return {200, body};
    }
    for (const Order& order : request.world.orders) {
        if (order.owner == request.user->id) body.push_back(drf::order_representation(order));
    }
    request.trace.add("handler", "OrderList", "pass",
                      "listed " + request.user->username + "'s " + std::to_string(body.size()) + " order(s).");
    return {200, body};
}

// CreateModelMixin.create; perform_create refuses the anonymous user after validation.
Reply create_order(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid = drf::validate_request(request, drf::order_serializer(request.world), "OrderList");
    if (!request.user) {
        request.fail(drf::not_authenticated(), "handler", "OrderList", "the order is valid, but perform_create needs an owner: the anonymous user raises NotAuthenticated.");
    }
    Order order;
    order.book = std::stoll(valid.get("book")->int_digits());
    order.quantity = std::stoi(valid.get("quantity")->int_digits());
    order.owner = request.user->id;
    order.id = request.world.add_order(order);
    request.trace.add("handler", "OrderList", "pass",
                      "created order " + std::to_string(order.id) + " for " + request.user->username + ".", {{"order", order.id}});
    return {201, drf::order_representation(order)};
}

}  // namespace

drf::ApiView order_list() {
    drf::ApiView view;
    view.name = "OrderList";
    view.policy = "orders";
    view.model = "bookshop.order";
    view.allow = "GET, POST, HEAD, OPTIONS";
    view.handlers["GET"] = list_orders;
    view.handlers["POST"] = create_order;
    return view;
}

}  // namespace authlab::views
