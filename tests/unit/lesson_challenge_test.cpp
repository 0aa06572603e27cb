// Version 2 lessons: challenges judged on what the learner really did (their own requests, admin
// changes and clock moves, however made), predictions, and the evidence that brings a lesson
// back by replay.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <variant>

#include "lesson/parse_lesson.hpp"
#include "lesson/play_lesson.hpp"
#include "lesson/session.hpp"
#include "pyjson/dump.hpp"
#include "pyjson/parse.hpp"
#include "scenario/scenario_run.hpp"

using namespace authlab;
using pyjson::Value;

namespace {

// Least privilege for eddie: add and change books, no delete, not staff, nobody else touched.
const std::string editor_challenge = R"({
  "format": "authlab.lesson", "version": 2, "mode": "challenge", "id": "editor", "title": "An editor",
  "setup": {"world": "default", "groups": [{"name": "Editor", "permissions": []}]},
  "steps": [{
    "title": "Least privilege", "text": "Eddie may add and change books, not delete them.",
    "hints": ["Roles are groups.", "Give Editor view, add and change book."],
    "goal": [
      {"check": {"method": "POST", "path": "/api/books/", "json": {"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2}},
       "as": "eddie", "expect": {"status": 201}},
      {"check": {"method": "DELETE", "path": "/api/books/1/"}, "as": "eddie", "expect": {"status": 403}},
      {"user": "eddie", "is_staff": false, "is_superuser": false},
      {"unchanged": "users", "except": ["eddie"]}
    ],
    "solution": [{"admin": {"op": "save_group", "name": "Editor", "permissions": ["bookshop.view_book", "bookshop.add_book", "bookshop.change_book"]}}]
  }]})";

// Carol reads an order that is not hers, by guessing its id.
const std::string order_challenge = R"({
  "format": "authlab.lesson", "version": 2, "mode": "challenge", "id": "orders", "title": "Someone else's order",
  "setup": {"world": "default", "users": [{"username": "dora", "password": "dora-pass-1", "groups": ["Customer"]}],
            "policies": {"orders": {"permissions": ["IsAuthenticated", "DjangoModelPermissions"]}}},
  "steps": [{
    "title": "Read it", "text": "As carol, read an order that is not carol's.",
    "hints": ["Orders have ids.", "Log dora in, order, then GET it with carol's token."],
    "goal": [{"sent": {"method": "GET", "path": "/api/orders/*/", "user": "carol"}, "expect": {"status": 200}, "json_not": {"owner": 4}}],
    "solution": [
      {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "dora", "password": "dora-pass-1"}}, "capture": {"dora": "auth_token"}},
      {"request": {"method": "POST", "path": "/api/orders/", "headers": {"Authorization": "Token ${dora}"}, "json": {"book": 1, "quantity": 1}}, "capture": {"order": "id"}},
      {"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}}, "capture": {"carol": "auth_token"}},
      {"request": {"method": "GET", "path": "/api/orders/${order}/", "headers": {"Authorization": "Token ${carol}"}}}
    ]
  }]})";

lesson::Lesson lesson_of(const std::string& text) {
    auto parsed = lesson::parse_lesson(text);
    if (auto* problems = std::get_if<std::vector<lesson::Problem>>(&parsed)) FAIL(problems->front().path + ": " + problems->front().reason);
    return std::get<lesson::Lesson>(parsed);
}

Value json(const std::string& text) { return std::get<Value>(pyjson::parse(text)); }

const auth::Argon2Cost cheap{8, 1, 1};

}  // namespace

TEST_CASE("a challenge lesson parses into challenge steps with hints, a goal and a solution", "[lesson][challenge]") {
    lesson::Lesson lesson = lesson_of(editor_challenge);
    CHECK(lesson.mode == lesson::Lesson::Mode::challenge);
    REQUIRE(lesson.steps.size() == 1);
    CHECK(lesson.steps[0].kind == lesson::LessonStep::Kind::challenge);
    CHECK(lesson.steps[0].hint_count() == 2);
    CHECK(lesson.steps[0].goal().as_list().size() == 4);
    // Normalized, it reads back the same.
    CHECK(std::holds_alternative<lesson::Lesson>(lesson::parse_lesson(pyjson::dumps(lesson.json))));
}

TEST_CASE("each malformed part of a challenge is named by its JSON path", "[lesson][challenge]") {
    struct Case {
        std::string from, to, path, words;
    };
    const std::vector<Case> cases = {
        {R"("hints": ["Roles are groups.", "Give Editor view, add and change book."])", R"("hints": ["One hint"])", "$.steps[0].hints", "2 to 10 hints"},
        {R"({"user": "eddie", "is_staff": false, "is_superuser": false})", R"({"user": "eddie", "is_staff": "no"})", "$.steps[0].goal[2].is_staff", "true or false"},
        {R"({"unchanged": "users", "except": ["eddie"]})", R"({"unchanged": "books"})", "$.steps[0].goal[3].unchanged", "\"users\""},
        {R"({"unchanged": "users", "except": ["eddie"]})", R"({"unchanged": "users", "user": "eddie"})", "$.steps[0].goal[3]", "exactly one of them"},
        {R"("as": "eddie", "expect": {"status": 403})", R"("with": "token", "expect": {"status": 403})", "$.steps[0].goal[1].with", "only with \"as\""},
        {R"("solution": [{"admin")", R"("request": {"method": "GET", "path": "/"}, "solution": [{"admin")", "$.steps[0].request", "unknown key \"request\" in a challenge step"},
        {R"({"admin": {"op": "save_group")", R"({"request": {"method": "GET", "path": "/api/orders/${order}/"}}, {"admin": {"op": "save_group")",
         "$.steps[0].solution[0].request.path", "no earlier step captures \"order\""},
        {R"("goal": [)", R"("goal": [{"sent": {"path": "api/orders/"}}, )", "$.steps[0].goal[0].sent.path", "starting with /"},
    };
    for (const Case& c : cases) {
        std::string text = editor_challenge;
        REQUIRE(text.find(c.from) != std::string::npos);
        text.replace(text.find(c.from), c.from.size(), c.to);
        INFO(c.to);
        auto parsed = lesson::parse_lesson(text);
        REQUIRE(std::holds_alternative<std::vector<lesson::Problem>>(parsed));
        const auto& problems = std::get<std::vector<lesson::Problem>>(parsed);
        bool found = std::any_of(problems.begin(), problems.end(), [&](const lesson::Problem& p) {
            return p.path == c.path && p.reason.find(c.words) != std::string::npos;
        });
        if (!found) FAIL(problems.front().path + ": " + problems.front().reason);
    }
}

TEST_CASE("a challenge is met by what the learner did, and a superuser is not least privilege", "[lesson][challenge]") {
    FixedClock clock{scenario::scenario_start};
    lesson::Session session(lesson_of(editor_challenge), 1, clock, std::nullopt, cheap);
    CHECK_FALSE(session.steps()[0].met);

    // The wrong way: eddie as superuser passes every check but the ones that say what least
    // privilege means.
    REQUIRE(session.act(json(R"({"admin": {"op": "edit_user", "id": 3, "is_superuser": true}})")).ok);
    CHECK_FALSE(session.steps()[0].met);
    const std::vector<std::string>& failures = session.steps()[0].failures;
    REQUIRE(failures.size() == 2);
    CHECK(failures[0] == "DELETE /api/books/1/ as eddie: expected 403, got 204");
    CHECK(failures[1] == "eddie: is_superuser is true");

    // Undone by hand, then the right change, made as the learner likes.
    REQUIRE(session.act(json(R"({"admin": {"op": "edit_user", "id": 3, "is_superuser": false}})")).ok);
    REQUIRE(session.act(json(R"({"admin": {"op": "save_group", "name": "Editor", "permissions": ["bookshop.add_book", "bookshop.change_book", "bookshop.view_book"]}})")).ok);
    CHECK(session.steps()[0].met);
    CHECK(session.steps()[0].failures.empty());
}

TEST_CASE("changing another user breaks a goal that says nobody else may change", "[lesson][challenge]") {
    FixedClock clock{scenario::scenario_start};
    lesson::Session session(lesson_of(editor_challenge), 1, clock, std::nullopt, cheap);
    REQUIRE(session.act(json(R"({"admin": {"op": "save_group", "name": "Editor", "permissions": ["bookshop.add_book", "bookshop.change_book", "bookshop.view_book"]}})")).ok);
    REQUIRE(session.steps()[0].met);  // met stays met: the step is done

    lesson::Session other(lesson_of(editor_challenge), 1, clock, std::nullopt, cheap);
    REQUIRE(other.act(json(R"({"admin": {"op": "edit_user", "id": 4, "groups": ["Editor"]}})")).ok);
    REQUIRE(other.act(json(R"({"admin": {"op": "save_group", "name": "Editor", "permissions": ["bookshop.add_book", "bookshop.change_book", "bookshop.view_book"]}})")).ok);
    CHECK_FALSE(other.steps()[0].met);
    CHECK(other.steps()[0].failures == std::vector<std::string>{"carol's rights changed (only the user the goal names may change)"});
}

TEST_CASE("a sent condition reads who DRF took the learner's request for and what it answered", "[lesson][challenge]") {
    lesson::Lesson lesson = lesson_of(order_challenge);
    CHECK(lesson::play_lesson(lesson, {.cost = cheap}).failing.empty());

    // Carol reading her own order is not the goal.
    FixedClock clock{scenario::scenario_start};
    lesson::Session session(lesson, 1, clock, std::nullopt, cheap);
    lab::Acted login = session.act(json(R"({"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}}})"));
    std::string token = nlohmann::json::parse(login.answer)["response"]["json"]["auth_token"];
    auto as_carol = [&](const std::string& method, const std::string& path, const std::string& body) {
        return session.act(json(R"({"request": {"method": ")" + method + R"(", "path": ")" + path + R"(", "headers": {"Authorization": "Token )" + token + R"("})" +
                                body + "}}"));
    };
    lab::Acted order = as_carol("POST", "/api/orders/", R"(, "json": {"book": 1, "quantity": 1})");
    std::string id = std::to_string(nlohmann::json::parse(order.answer)["response"]["json"]["id"].get<int>());
    as_carol("GET", "/api/orders/" + id + "/", "");
    CHECK_FALSE(session.steps()[0].met);
    CHECK(session.steps()[0].failures == std::vector<std::string>{"your GET /api/orders/" + id + "/: its owner is 4"});
}

TEST_CASE("a session's evidence brings back the same tokens, and a shown hint takes its turn of the random stream", "[lesson][challenge]") {
    FixedClock clock{scenario::scenario_start};
    lesson::Lesson lesson = lesson_of(order_challenge);
    lesson::Session session(lesson, 77, clock, std::nullopt, cheap);
    REQUIRE_FALSE(session.note(json(R"({"hint": 0})")));
    lab::Acted login = session.act(json(R"({"request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}}})"));
    CHECK(session.note(json(R"({"hint": 0})")) == std::nullopt);
    CHECK(session.note(json(R"({"hint": 0})")) == std::optional<std::string>("this step has no more hints"));
    CHECK(session.note(json(R"({"predict": 0, "status": 200})")) == std::optional<std::string>("this step asks for no prediction"));

    std::vector<lesson::ReplayProblem> problems;
    auto again = lesson::Session::replay(lesson, session.evidence(), clock, &problems);
    CHECK(problems.empty());
    CHECK(again->desk().backend().world().tokens == session.desk().backend().world().tokens);
    CHECK(again->steps()[0].hints == 2);

    // The first hint cut out: the login's token is another, and the replay says so.
    Value evidence = session.evidence();
    std::vector<Value> events = evidence.find("events")->as_list();
    events.erase(events.begin());
    evidence.set("events", Value::list(events));
    problems.clear();
    lesson::Session::replay(lesson, evidence, clock, &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].why == "event 1: POST /auth/token/login/ answered other content in the file than in the replay");
}

TEST_CASE("a step that cannot be met because of a typo says which name was meant", "[lesson][challenge]") {
    // A request to a path no view answers: the nearest route.
    lesson::Lesson guided = lesson_of(R"({"format": "authlab.lesson", "version": 2, "id": "typo", "title": "Typo",
      "steps": [{"title": "Books", "text": "List them.", "request": {"method": "GET", "path": "/api/book/"}, "expect": {"status": 200}}]})");
    lesson::Played played = lesson::play_lesson(guided, {.cost = cheap});
    REQUIRE(played.failing.size() == 1);
    CHECK(played.failing[0].failures == std::vector<std::string>{"expected 200, got 404", "no route matches /api/book/; did you mean \"/api/books/\"?"});

    // A goal about a user that is not there: the nearest username.
    std::string text = editor_challenge;
    text.replace(text.find(R"("user": "eddie")"), 15, R"("user": "edie")");
    FixedClock clock{scenario::scenario_start};
    lesson::Session session(lesson_of(text), 1, clock, std::nullopt, cheap);
    const auto& failures = session.steps()[0].failures;
    CHECK(std::find(failures.begin(), failures.end(), "edie does not exist; did you mean \"eddie\"?") != failures.end());
}
