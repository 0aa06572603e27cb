#pragma once
// A lesson being done: the lesson's world on a desk (lab/desk.hpp) whose random stream is
// seeded, everything done to it recorded with the clock's time as evidence, and each step
// judged by the core after every action. The page's lesson core is one; `lessons play` and
// `progress report` run one headless, the report from a learner's recorded evidence, which
// brings back the very same world, tokens and answers (docs: web/lessons/README.md, "Progress").
//
// Evidence: {"seed": N, "started_at": µs, "events": [{"at": µs, "wall": ms, "step": k, …one of…}]}
//   an action (lab/desk.hpp), a request's also with "status" and "digest" (of the answer's body);
//   {"enter": k} | {"hint": k} | {"solution": k} | {"predict": k, "status": 403}
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lab/desk.hpp"
#include "lesson/goal_check.hpp"
#include "lesson/lesson.hpp"
#include "pyjson/value.hpp"
#include "scenario/substitute.hpp"

namespace authlab::lesson {

// The limits of recorded evidence (a progress file is untrusted input).
inline constexpr std::size_t max_events = 2000;

struct StepState {
    bool met = false;
    std::vector<std::string> failures;  // why not yet, from the last judgment
    int hints = 0;                      // hints shown (a guided step has one)
    bool solution = false;              // "I give up": the solution was shown
    std::optional<int> guess;           // the predicted status
    std::optional<int> actual;          // what the request after the guess answered
};

// One place where a replay did not come out as recorded.
struct ReplayProblem {
    std::size_t step;  // from 0
    std::string why;
};

class Session {
public:
    // A new lesson: its world built from the setup with the random stream seeded by `seed`, at
    // `started_at` on `live` (its time now when not given). `live` outlives the session.
    // `cost` hashes the setup's passwords: Django's, as the page does, unless a fuzz target
    // needs it cheap.
    Session(Lesson lesson, std::uint64_t seed, const Clock& live, std::optional<Micros> started_at = std::nullopt,
            auth::Argon2Cost cost = auth::Argon2Cost::django32());

    // Does a learner's action (lab/desk.hpp), records it and judges the step; `at` pins the
    // clock (a replay), `wall` is the learner's wall clock in ms (for the minutes spent).
    lab::Acted act(const pyjson::Value& action, std::optional<Micros> at = std::nullopt, std::optional<double> wall = std::nullopt);
    // The page's own events: entering a step, a hint or the solution shown, a prediction.
    // Returns why it is refused (nothing recorded then).
    std::optional<std::string> note(const pyjson::Value& event, std::optional<Micros> at = std::nullopt, std::optional<double> wall = std::nullopt);

    // Brings a recorded lesson back by doing its evidence again. Throws std::invalid_argument for
    // evidence that is not evidence; the places where the replay differs from the record go to
    // `problems` (nullptr: the first one throws).
    static std::unique_ptr<Session> replay(Lesson lesson, const pyjson::Value& evidence, const Clock& live, std::vector<ReplayProblem>* problems,
                                           auth::Argon2Cost cost = auth::Argon2Cost::django32());

    const Lesson& lesson() const { return lesson_; }
    std::size_t current() const { return current_; }
    const std::vector<StepState>& steps() const { return steps_; }
    const scenario::Captures& captures() const { return captures_; }
    lab::Desk& desk() { return desk_; }
    const lab::Desk& desk() const { return desk_; }

    // {"step", "steps": [{met, failures, hints, solution, prediction}], "captures"}
    pyjson::Value state_json() const;
    pyjson::Value evidence() const;
    // The lesson's entry of a progress file (web/lessons/README.md): what the learner claims,
    // with the evidence that proves it. `source`: the lesson itself, for one that is not shipped.
    pyjson::Value progress_entry(bool with_source) const;

private:
    void record(pyjson::Value event, Micros at, std::optional<double> wall);
    void judge(const lab::Acted* acted);
    void remember_issued(const lab::Acted& acted, const pyjson::Value* body);
    void begin_step(std::size_t index);
    std::size_t index_of(const pyjson::Value& event, const char* key) const;

    Lesson lesson_;
    lab::Desk desk_;
    std::vector<StepState> steps_;
    std::size_t current_ = 0;
    scenario::Captures captures_;
    World step_start_world_;
    Micros step_start_ = 0;
    std::vector<SentRequest> sent_;  // in the current step
    std::set<std::string> issued_;   // every JWT the lesson's server gave out (a "forged" one is not)
    std::uint64_t seed_;
    Micros started_at_;
    std::vector<pyjson::Value> events_;
};

}  // namespace authlab::lesson
