#pragma once
// Python scripts that ask real Django start with one of two preludes: the reference project
// as it is (tests/reference), or Django configured in place with what the authentication
// tests need and a JSON document to read.
#include <string>

#include <nlohmann/json.hpp>

#include "python.hpp"

namespace authlab::testing::django {

// Django configured as the reference project, its tables migrated into the in-memory
// database.
inline std::string reference_prelude() {
    return std::string("import os, sys, io, json\n"
                       "sys.dont_write_bytecode = True\n"
                       "sys.path.insert(0, '") +
           AUTHLAB_SOURCE_DIR +
           "/tests/reference')\n"
           "os.environ['DJANGO_SETTINGS_MODULE'] = 'refproject.settings'\n"
           "import django\n"
           "django.setup()\n"
           "from django.core.management import call_command\n"
           "call_command('migrate', verbosity=0)\n";
}

// Django with the apps simplejwt and DRF's authtoken need (SECRET_KEY 'authlab-test-secret'
// unless the input names one), the input document as `data`, and `answer(value)` to print
// the result as JSON.
inline const char* const configured_prelude = R"(import json, sys
data = json.load(sys.stdin)
import django
from django.conf import settings
settings.configure(
    SECRET_KEY=data.get('secret', 'authlab-test-secret') if isinstance(data, dict) else 'authlab-test-secret',
    INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions',
                    'rest_framework', 'rest_framework.authtoken'],
    DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
    USE_TZ=True, DEFAULT_HASHING_ALGORITHM='sha256')
django.setup()
def answer(value):
    print(json.dumps(value))
)";

// Runs configured_prelude plus `script` with `input` on stdin; returns what answer() printed.
inline nlohmann::json ask(const std::string& script, const nlohmann::json& input) {
    const std::string output = python::run(configured_prelude + script, {.input = input.dump()});
    INFO(output);
    return nlohmann::json::parse(output);
}

}  // namespace authlab::testing::django
