// The step checker: the learner's own request meets a step however it was built; an admin
// change is tried on a copy of the world; the clock must move far enough; failures read as a
// lesson shows them. And a whole lesson played headless.
#include <catch2/catch.hpp>

#include <variant>

#include "backend.hpp"
#include "lab/admin_commands.hpp"
#include "lesson/lesson_world.hpp"
#include "lesson/parse_lesson.hpp"
#include "lesson/play_lesson.hpp"
#include "lesson/step_check.hpp"
#include "scenario/request_builder.hpp"
#include "scenario/scenario_run.hpp"
#include "scenario/setup.hpp"
#include "scenario/step_record.hpp"
#include "support/pyjson_value.hpp"

using namespace authlab;
using pyjson::Value;
using testing::parsed;

namespace {

const std::string carol_lesson = R"({
  "format": "authlab.lesson", "version": 1, "id": "carol-403", "title": "Known, but not allowed",
  "steps": [
    {"title": "Carol logs in", "text": "Send it.",
     "request": {"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "carol-pass-1"}},
     "expect": {"status": 200, "keys": ["auth_token"]}, "capture": {"tok": "auth_token"}},
    {"title": "Carol adds a book", "text": "Send it.",
     "request": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${tok}"},
                 "json": {"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2}},
     "expect": {"status": 403, "json": {"detail": "You do not have permission to perform this action."}}},
    {"title": "Give carol add_book", "text": "In the admin.",
     "admin": {"op": "save_group", "name": "Customer", "permissions": ["bookshop.view_book", "bookshop.add_book", "bookshop.add_order", "bookshop.view_order"]},
     "check": {"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token ${tok}"},
               "json": {"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2}},
     "expect": {"status": 201}},
    {"title": "Five minutes later", "text": "Press +5 min.", "advance": 300}
  ]})";

lesson::Lesson read(const std::string& text) {
    auto parsed_lesson = lesson::parse_lesson(text);
    REQUIRE(std::holds_alternative<lesson::Lesson>(parsed_lesson));
    return std::get<lesson::Lesson>(parsed_lesson);
}

// A backend on the default world and a fixed clock, as the page's core holds it.
struct Page {
    crypto::SeededRandom random{7};
    FixedClock clock{scenario::scenario_start};
    Backend backend{*scenario::base_world("default"), clock, random};
    scenario::CookieJar jar;

    Value send(const std::string& request_json, http::Request& sent) {
        sent = scenario::build_request(parsed(request_json));
        return scenario::record_response(backend.handle(sent).response, backend.now());
    }
};

std::string token_of(Page& page, const std::string& user, const std::string& password) {
    http::Request sent;
    Value record = page.send(R"({"method": "POST", "path": "/auth/token/login/", "json": {"username": ")" + user +
                                 R"(", "password": ")" + password + R"("}})",
                             sent);
    return record.find("json")->find("auth_token")->as_str();
}

}  // namespace

TEST_CASE("a request step is met by the learner's own request, and keeps its captures", "[lesson][check]") {
    lesson::Lesson lesson = read(carol_lesson);
    Page page;
    http::Request sent;
    // Typed by hand: a query string, an extra header and lower-case method are the learner's own.
    Value record = page.send(R"({"method": "post", "path": "/auth/token/login/?next=x", "headers": {"Accept": "application/json"},
                                 "form": {"username": "carol", "password": "carol-pass-1"}})",
                             sent);
    lesson::StepCheck check = lesson::check_request_step(lesson.steps[0], sent, record, {}, page.jar, page.backend.now());
    CHECK(check.met);
    CHECK(check.failures.empty());
    REQUIRE(check.captures.count("tok") == 1);
    CHECK(check.captures["tok"].as_str() == record.find("json")->find("auth_token")->as_str());
}

TEST_CASE("a request to another method or path does not meet the step", "[lesson][check]") {
    lesson::Lesson lesson = read(carol_lesson);
    Page page;
    http::Request sent;
    Value record = page.send(R"({"method": "GET", "path": "/api/books/"})", sent);
    lesson::StepCheck check = lesson::check_request_step(lesson.steps[0], sent, record, {}, page.jar, page.backend.now());
    CHECK_FALSE(check.met);
    CHECK(check.failures == std::vector<std::string>{"expected POST /auth/token/login/, got GET /api/books/"});
    CHECK(check.captures.empty());
}

TEST_CASE("a failing answer is worded as the lesson shows it, and captures nothing", "[lesson][check]") {
    lesson::Lesson lesson = read(carol_lesson);
    Page page;
    http::Request sent;
    Value record = page.send(R"({"method": "POST", "path": "/auth/token/login/", "json": {"username": "carol", "password": "wrong"}})", sent);
    lesson::StepCheck check = lesson::check_request_step(lesson.steps[0], sent, record, {{"x", Value::integer(1)}}, page.jar, page.backend.now());
    CHECK_FALSE(check.met);
    CHECK(check.failures == std::vector<std::string>{"expected 200, got 400", "expected json.auth_token to be there, got none",
                                                     "expected json.auth_token to keep as ${tok}, got none"});
    CHECK(check.captures.size() == 1);  // the given ones only

    // The JSON body: the first place it differs, by its path.
    std::string tok = token_of(page, "eddie", "eddie-pass-1");  // an Editor may add books: 201, not 403
    scenario::Captures captures{{"tok", Value::string(tok)}};
    record = page.send(R"({"method": "POST", "path": "/api/books/", "headers": {"Authorization": "Token )" + tok +
                           R"("}, "json": {"title": "Emma", "author": "Jane Austen", "price": "4.50", "inventory": 2}})",
                       sent);
    check = lesson::check_request_step(lesson.steps[1], sent, record, captures, page.jar, page.backend.now());
    CHECK_FALSE(check.met);
    REQUIRE(check.failures.size() == 2);
    CHECK(check.failures[0] == "expected 403, got 201");
    CHECK(check.failures[1] == R"(expected json.detail "You do not have permission to perform this action.", got none)");
}

TEST_CASE("a step whose capture is missing asks for the earlier steps", "[lesson][check]") {
    lesson::Lesson lesson = read(carol_lesson);
    Page page;
    http::Request sent;
    Value record = page.send(R"({"method": "POST", "path": "/api/books/"})", sent);
    lesson::StepCheck check = lesson::check_request_step(lesson.steps[1], sent, record, {}, page.jar, page.backend.now());
    CHECK_FALSE(check.met);
    CHECK(check.failures == std::vector<std::string>{"unknown capture ${tok}: do the earlier steps first"});
}

TEST_CASE("an admin step is checked on a copy of the world, which stays as it was", "[lesson][check]") {
    lesson::Lesson lesson = read(carol_lesson);
    Page page;
    scenario::Captures captures{{"tok", Value::string(token_of(page, "carol", "carol-pass-1"))}};
    std::size_t books = page.backend.world().books.size();

    lesson::StepCheck before = lesson::check_admin_step(lesson.steps[2], page.backend, captures, page.jar);
    CHECK_FALSE(before.met);
    CHECK(before.failures == std::vector<std::string>{"expected 201, got 403"});

    auto command = nlohmann::json::parse(R"({"op": "save_group", "name": "Customer", "permissions": ["bookshop.add_book"]})");
    REQUIRE(lab::apply_admin_command(page.backend, command).contains("ok"));
    lesson::StepCheck after = lesson::check_admin_step(lesson.steps[2], page.backend, captures, page.jar);
    CHECK(after.met);
    CHECK(after.failures.empty());
    CHECK(page.backend.world().books.size() == books);  // the 201 happened on the copy
}

TEST_CASE("an advance step is met once the clock has moved far enough", "[lesson][check]") {
    lesson::Lesson lesson = read(carol_lesson);
    lesson::StepCheck short_of = lesson::check_advance_step(lesson.steps[3], 120, {});
    CHECK_FALSE(short_of.met);
    CHECK(short_of.failures == std::vector<std::string>{"expected the clock to move 300 s, got 120 s"});
    CHECK(lesson::check_advance_step(lesson.steps[3], 300, {}).met);
    CHECK(lesson::check_advance_step(lesson.steps[3], 600.5, {}).met);
}

TEST_CASE("a lesson plays through headless, and a wrong expectation names its step", "[lesson][play]") {
    CHECK(lesson::play_lesson(read(carol_lesson)).failing.empty());

    std::string wrong = carol_lesson;
    wrong.replace(wrong.find("\"status\": 201"), 13, "\"status\": 204");
    std::vector<lesson::StepFailure> failing = lesson::play_lesson(read(wrong)).failing;
    REQUIRE(failing.size() == 1);
    CHECK(failing[0].index == 2);
    CHECK(failing[0].title == "Give carol add_book");
    CHECK(failing[0].failures == std::vector<std::string>{"expected 204, got 201"});
}

TEST_CASE("a setup's advance starts the lesson's clock later", "[lesson][play]") {
    std::string text = R"({"format": "authlab.lesson", "version": 1, "id": "late", "title": "Late",
      "setup": {"world": "default", "advance": 3600},
      "steps": [{"title": "t", "text": "t", "request": {"method": "GET", "path": "/api/books/"}, "expect": {"status": 200}}]})";
    lesson::Lesson lesson = read(text);
    crypto::SeededRandom random{1};
    World world = lesson::lesson_world(lesson.setup(), auth::Passwords(random, auth::Argon2Cost{8, 1, 1}));
    CHECK(world.clock_offset == 3600 * micros_per_second);
}
