"""Each distinct hash computed once per process.

A run of many scenario files logs the same users in file after file, and Argon2 at
Django 3.2's cost takes a good part of a second a hash. argon2-cffi's hash_secret and
PasswordHasher.verify and Django's pbkdf2 are pure functions of their arguments, so
this remembers their results keyed by every argument: a remembered answer is the
answer the library gives (it computed it, once), and cannot go stale. Django's own
code, salts and random stream are untouched."""
import functools

import argon2
from django.contrib.auth import hashers


def remember_hashes():
    """Patch the three functions for the rest of this process (idempotent)."""
    if getattr(argon2.low_level.hash_secret, 'remembered', False):
        return
    argon2.low_level.hash_secret = remembered(functools.lru_cache(maxsize=None)(argon2.low_level.hash_secret))
    hashers.pbkdf2 = remembered(functools.lru_cache(maxsize=None)(hashers.pbkdf2))
    argon2.PasswordHasher.verify = remembered(verify_once(argon2.PasswordHasher.verify))


def remembered(function):
    function.remembered = True
    return function


def verify_once(verify):
    """PasswordHasher.verify reads the costs from the hash, not from the hasher: the
    key is the hash and the password. A mismatch is remembered as its exception."""
    outcomes = {}

    @functools.wraps(verify)
    def verify_remembered(self, hash, password):
        key = (hash, password)
        if key not in outcomes:
            try:
                outcomes[key] = (verify(self, hash, password), None)
            except argon2.exceptions.VerificationError as e:
                outcomes[key] = (None, e)
        result, error = outcomes[key]
        if error is not None:
            raise error
        return result
    return verify_remembered
