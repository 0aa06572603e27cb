// bookshop/views.py: OrderViewSet (a ModelViewSet). Its list route: the user's own orders; a
// new order is the request.user's. Its instance route looks an order up among all orders:
// whose it is, the object permissions (IsOwner) decide.
#include <algorithm>

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
        request.trace.add("handler", "OrderViewSet", "pass", "the anonymous user owns no orders: the list is empty.");
        return {200, body};
    }
    for (const Order& order : request.world.orders) {
        if (order.owner == request.user->id) body.push_back(drf::order_representation(order));
    }
    request.trace.add("handler", "OrderViewSet", "pass",
                      "listed " + request.user->username + "'s " + std::to_string(body.size()) + " order(s).");
    return {200, body};
}

// CreateModelMixin.create; perform_create refuses the anonymous user after validation.
Reply create_order(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid = drf::validate_request(request, drf::order_serializer(request.world), "OrderViewSet");
    if (!request.user) {
        request.fail(drf::not_authenticated(), "handler", "OrderViewSet", "the order is valid, but perform_create needs an owner: the anonymous user raises NotAuthenticated.");
    }
    Order order;
    order.book = std::stoll(valid.get("book")->int_digits());
    order.quantity = std::stoi(valid.get("quantity")->int_digits());
    order.owner = request.user->id;
    order.id = request.world.add_order(order);
    request.trace.add("handler", "OrderViewSet", "pass",
                      "created order " + std::to_string(order.id) + " for " + request.user->username + ".", {{"order", order.id}});
    return {201, drf::order_representation(order)};
}

// GenericAPIView.get_object over Order.objects.all(): the row by pk (404 when missing or not a
// number), then check_object_permissions with the order as obj.
Order& get_order(RequestContext& request, const drf::PathArgs& args) {
    std::optional<Id> pk = drf::lookup_pk(pyjson::Value::string(args.at(0)));
    auto it = std::find_if(request.world.orders.begin(), request.world.orders.end(),
                           [&](const Order& o) { return pk && o.id == *pk; });
    if (it == request.world.orders.end()) {
        request.trace.add("handler", "OrderViewSet", "fail", "no order has pk \"" + args.at(0) + "\": 404.");
        throw drf::not_found();
    }
    request.object = drf::ViewObject{"bookshop.order", it->id, it->owner};
    request.check_object_permissions();
    return *it;
}

Reply retrieve_order(RequestContext& request, const drf::PathArgs& args) {
    const Order& order = get_order(request, args);
    request.trace.add("handler", "OrderViewSet", "pass", "found order " + std::to_string(order.id) + ".");
    return {200, drf::order_representation(order)};
}

// UpdateModelMixin.update: book and quantity; owner stays whose it was.
Reply update_order(RequestContext& request, const drf::PathArgs& args, bool partial) {
    Order& order = get_order(request, args);
    drf::Validated valid = drf::validate_request(request, drf::order_serializer(request.world), "OrderViewSet", partial);
    if (const auto* v = valid.get("book")) order.book = std::stoll(v->int_digits());
    if (const auto* v = valid.get("quantity")) order.quantity = std::stoi(v->int_digits());
    request.trace.add("handler", "OrderViewSet", "pass", "updated order " + std::to_string(order.id) + ".");
    return {200, drf::order_representation(order)};
}

Reply destroy_order(RequestContext& request, const drf::PathArgs& args) {
    Id id = get_order(request, args).id;
    std::erase_if(request.world.orders, [&](const Order& o) { return o.id == id; });
    request.trace.add("handler", "OrderViewSet", "pass", "deleted order " + std::to_string(id) + ".");
    return {204, nullptr};
}

}  // namespace

drf::ApiView order_list() {
    drf::ApiView view;
    view.name = "OrderViewSet";  // a ModelViewSet, routed as a list and an instance
    view.suffix = "List";
    view.policy = "orders";
    view.model = "bookshop.order";
    view.allow = "GET, POST, HEAD, OPTIONS";
    view.get_serializer = [](RequestContext& r) { return drf::order_serializer(r.world); };
    view.handlers["GET"] = list_orders;
    view.handlers["POST"] = create_order;
    return view;
}

drf::ApiView order_detail() {
    drf::ApiView view;
    view.name = "OrderViewSet";
    view.suffix = "Instance";
    view.policy = "orders";
    view.model = "bookshop.order";
    view.allow = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
    view.get_serializer = [](RequestContext& r) { return drf::order_serializer(r.world); };
    view.get_object = [](RequestContext& r, const drf::PathArgs& a) { get_order(r, a); };
    view.handlers["GET"] = retrieve_order;
    view.handlers["PUT"] = [](RequestContext& r, const drf::PathArgs& a) { return update_order(r, a, false); };
    view.handlers["PATCH"] = [](RequestContext& r, const drf::PathArgs& a) { return update_order(r, a, true); };
    view.handlers["DELETE"] = destroy_order;
    return view;
}

}  // namespace authlab::views
