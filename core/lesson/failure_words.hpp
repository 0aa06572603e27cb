#pragma once
// Why a learner's answer misses a step's `expect`, in the words a lesson shows:
// "expected 201, got 403", "expected json.detail \"…\", got \"…\"". The scenario expectations
// code decides (scenario/expectations.hpp); this only words its findings.
#include <string>

#include "scenario/expectations.hpp"

namespace authlab::lesson {

std::string failure_words(const scenario::ExpectFailure& failure);

// A JSON value as a failure shows it: its JSON text, cut after 160 characters.
std::string shown(const pyjson::Value& value);

}  // namespace authlab::lesson
