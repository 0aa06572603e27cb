// bookshop/views.py: BookViewSet (a ModelViewSet), its list route and its instance route,
// over Book.objects.order_by('id') with BookSerializer.
#include <algorithm>

#include "drf/errors.hpp"
#include "drf/serializer_models.hpp"
#include "views/views.hpp"

namespace authlab::views {
namespace {

using drf::Reply;
using drf::RequestContext;

// SQLite keeps a decimal column as a number: "-0.00" is read back as "0.00".
std::string stored_price(const std::string& price) {
    return price.find_first_not_of("-0.") == std::string::npos ? price.substr(price.starts_with('-') ? 1 : 0) : price;
}

Reply list_books(RequestContext& request, const drf::PathArgs&) {
    nlohmann::ordered_json body = nlohmann::ordered_json::array();
    for (const Book& book : request.world.books) body.push_back(drf::book_representation(book));
    request.trace.add("handler", "BookViewSet", "pass", "listed " + std::to_string(body.size()) + " books.");
    return {200, body};
}

// Sets what was validated; the answer shows the validated values (serializer.data after save).
nlohmann::ordered_json apply(Book& book, const drf::Validated& valid) {
    if (const auto* v = valid.get("title")) book.title = v->as_str();
    if (const auto* v = valid.get("author")) book.author = v->as_str();
    if (const auto* v = valid.get("inventory")) book.inventory = std::stoi(v->int_digits());
    nlohmann::ordered_json answer = drf::book_representation(book);
    if (const auto* v = valid.get("price")) {
        answer["price"] = v->as_str();
        book.price = stored_price(v->as_str());
    }
    return answer;
}

Reply create_book(RequestContext& request, const drf::PathArgs&) {
    drf::Validated valid = drf::validate_request(request, drf::book_serializer(), "BookViewSet");
    Book book;
    nlohmann::ordered_json answer = apply(book, valid);
    Id id = request.world.add_book(book);
    answer["id"] = id;
    request.trace.add("handler", "BookViewSet", "pass", "created book " + std::to_string(id) + " (\"" + book.title + "\").",
                      {{"book", id}});
    return {201, answer};
}

// GenericAPIView.get_object: the row by pk (404 when missing or not a number), then
// check_object_permissions.
Book& get_book(RequestContext& request, const drf::PathArgs& args) {
    std::optional<Id> pk = drf::lookup_pk(pyjson::Value::string(args.at(0)));
    auto it = std::find_if(request.world.books.begin(), request.world.books.end(),
                           [&](const Book& b) { return pk && b.id == *pk; });
    if (it == request.world.books.end()) {
        request.fail(drf::not_found(), "handler", "BookViewSet", "no book has pk \"" + args.at(0) + "\": 404.");
    }
    request.object = drf::ViewObject{"bookshop.book", it->id, std::nullopt};
    request.check_object_permissions();
    return *it;
}

Reply retrieve_book(RequestContext& request, const drf::PathArgs& args) {
    Book& book = get_book(request, args);
    request.trace.add("handler", "BookViewSet", "pass", "found book " + std::to_string(book.id) + ".");
    return {200, drf::book_representation(book)};
}

Reply update_book(RequestContext& request, const drf::PathArgs& args, bool partial) {
    Book& book = get_book(request, args);
    drf::Validated valid = drf::validate_request(request, drf::book_serializer(), "BookViewSet", partial);
    Id id = book.id;
    nlohmann::ordered_json answer = apply(book, valid);
    std::string fields;
    for (const auto& [name, value] : valid.data) fields += (fields.empty() ? "" : ", ") + name;
    request.trace.add("handler", "BookViewSet", "pass",
                      "updated book " + std::to_string(id) + (fields.empty() ? " (no fields sent)." : " (" + fields + ")."));
    return {200, answer};
}

// on_delete=CASCADE: the book's orders go with it.
Reply destroy_book(RequestContext& request, const drf::PathArgs& args) {
    Id id = get_book(request, args).id;
    auto orders = std::erase_if(request.world.orders, [&](const Order& o) { return o.book == id; });
    std::erase_if(request.world.books, [&](const Book& b) { return b.id == id; });
    request.trace.add("handler", "BookViewSet", "pass",
                      "deleted book " + std::to_string(id) + (orders ? " and its " + std::to_string(orders) + " order(s)." : "."));
    return {204, nullptr};
}

}  // namespace

drf::ApiView book_list() {
    drf::ApiView view;
    view.name = "BookViewSet";  // a ModelViewSet, routed as a list and an instance
    view.suffix = "List";
    view.policy = "books";
    view.model = "bookshop.book";
    view.allow = "GET, POST, HEAD, OPTIONS";
    view.get_serializer = [](RequestContext&) { return drf::book_serializer(); };
    view.handlers["GET"] = list_books;
    view.handlers["POST"] = create_book;
    return view;
}

drf::ApiView book_detail() {
    drf::ApiView view;
    view.name = "BookViewSet";
    view.suffix = "Instance";
    view.policy = "books";
    view.model = "bookshop.book";
    view.allow = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
    view.get_serializer = [](RequestContext&) { return drf::book_serializer(); };
    view.get_object = [](RequestContext& r, const drf::PathArgs& a) { get_book(r, a); };
    view.handlers["GET"] = retrieve_book;
    view.handlers["PUT"] = [](RequestContext& r, const drf::PathArgs& a) { return update_book(r, a, false); };
    view.handlers["PATCH"] = [](RequestContext& r, const drf::PathArgs& a) { return update_book(r, a, true); };
    view.handlers["DELETE"] = destroy_book;
    return view;
}

}  // namespace authlab::views
