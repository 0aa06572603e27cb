#include "lesson/lesson_world.hpp"

#include <cmath>

#include "scenario/setup.hpp"

namespace authlab::lesson {

World lesson_world(const pyjson::Value& setup, const auth::Passwords& passwords) {
    pyjson::Value scenario_setup = pyjson::Value::dict({});
    for (const auto& [key, value] : setup.as_dict()) {
        if (key != "advance") scenario_setup.set(key, value);  // the one key a scenario's setup lacks
    }
    World world = scenario::build_world(scenario_setup, passwords);
    if (const pyjson::Value* advance = setup.find("advance")) {
        double seconds = advance->is(pyjson::Value::Kind::Int) ? std::stod(advance->int_digits()) : advance->as_float();
        world.clock_offset += std::llround(seconds * static_cast<double>(micros_per_second));
    }
    return world;
}

}  // namespace authlab::lesson
