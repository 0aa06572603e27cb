#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made at run time from the scenarios (never committed).

    seeds.py OUT_DIR SCENARIO_FILE...

writes OUT_DIR/<target>/<n> for every target of tests/fuzz: each scenario step's request in
the request target's text form, the scenario files themselves, the shipped lessons
(web/lessons/*.json) and progress files carrying them, their permission expressions,
tokens minted with PyJWT (well-formed and hostile), Django-format password hashes and world
files built from the scenarios' setups.
"""
import base64
import hashlib
import json
import os
import random
import sys
import urllib.parse

sys.path.insert(0, "/usr/lib/python3/dist-packages")  # PyJWT and argon2 from Debian


def write(out, target, items):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    for n, data in enumerate(items):
        with open(os.path.join(folder, f"{n:04d}"), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))


def request_text(request):
    """A scenario request in tests/fuzz/support.hpp's text form."""
    headers = dict(request.get("headers") or {})
    body = ""
    if "json" in request:
        headers.setdefault("Content-Type", "application/json")
        body = json.dumps(request["json"])
    elif "form" in request:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        body = urllib.parse.urlencode({k: str(v) for k, v in request["form"].items()})
    elif "body" in request:
        body = request["body"]
    lines = [f"{request.get('method', 'GET')} {request.get('path', '/')}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n\n" + body


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def tokens():
    import jwt
    key = "fuzz-secret"
    payload = {"token_type": "access", "exp": 1704111000, "iat": 1704110400, "jti": "a" * 32, "user_id": 1}
    out = [jwt.encode(payload, key, algorithm=alg) for alg in ("HS256", "HS384", "HS512")]
    out.append(jwt.encode(dict(payload, token_type="refresh"), key, algorithm="HS256"))
    good = out[0]
    head, body, sig = good.split(".")
    out += [head + "." + body + ".", head + "." + body, good + "=", good.replace("-", "+").replace("_", "/")]
    for header in (b'{"alg":"none"}', b'{"alg":"HS256","crit":["b64"]}', b'{"alg":"HS256","kid":1}',
                   '{"alg":"HS256"}'.encode("utf-16"), '{"alg":"HS256"}'.encode("utf-32-le"), b"[" * 40 + b"]" * 40):
        out.append(b64(header) + "." + body + "." + sig)
    for claims in (b'{"exp":NaN,"user_id":1,"token_type":"access"}', b'{"exp":Infinity}', b'{"exp":-Infinity}',
                   b'{"exp":1e400,"user_id":"1"}', b'{"user_id":[1],"token_type":"access","jti":null}',
                   b'{"exp":99999999999999999999999,"nbf":true,"iat":"x"}'):
        out.append(head + "." + b64(claims) + "." + sig)
    return out


def password_hashes():
    from argon2.low_level import Type, hash_secret
    out = []
    for password in (b"alice-pass-1", b"", "p\u00e4ss".encode()):
        salt = b"saltsaltsalt"
        encoded = hash_secret(password, salt, time_cost=1, memory_cost=8, parallelism=1, hash_len=32, type=Type.ID)
        out.append(password + b"\nargon2" + encoded)
        encoded = hash_secret(password, salt, time_cost=1, memory_cost=16, parallelism=2, hash_len=16, type=Type.I)
        out.append(password + b"\nargon2" + encoded)
        dk = base64.b64encode(hashlib.pbkdf2_hmac("sha256", password, b"salt", 10)).decode()
        out.append(password + b"\npbkdf2_sha256$10$salt$" + dk.encode())
    out += [b"x\n!unusable", b"x\n", b"x\nmd5$a$b", b"x\nargon2$argon2id$v=19$m=8,t=1,p=1$$", b"x\npbkdf2_sha256$$$"]
    return out


def world_file(setup, n):
    """A world file (world_json.cpp's form) with the setup's groups, users and books."""
    groups = [{"id": i + 1, "name": g.get("name", f"g{i}"), "permissions": g.get("permissions", [])}
              for i, g in enumerate(setup.get("groups", []))]
    names = {g["name"] for g in groups}
    users = [{"id": i + 1, "username": u.get("username", f"u{i}"), "email": u.get("email", ""),
              "password": "!unusable", "is_active": u.get("is_active", True), "is_staff": u.get("is_staff", False),
              "is_superuser": u.get("is_superuser", False), "permissions": u.get("permissions", []),
              "groups": [g for g in u.get("groups", []) if g in names]}
             for i, u in enumerate(setup.get("users", []))]
    books = [{"id": i + 1, "title": b.get("title", "t"), "author": b.get("author", "a"), "price": b.get("price", "1.00"),
              "inventory": b.get("inventory", 0)} for i, b in enumerate(setup.get("books", []))]
    policies = {"authentication": ["TokenAuthentication", "JWTAuthentication", "SessionAuthentication", "BasicAuthentication"],
                "books": {"permissions": ["DjangoModelPermissions"]},
                "orders": {"permissions": ["IsAuthenticated", "DjangoModelPermissions"]},
                "manager_users": {"permissions": ["IsAuthenticated", "IsInGroup:Manager"]}}
    for key, view in (setup.get("policies") or {}).items():
        if isinstance(view, dict) and key in policies:
            policies[key] = view
    orders = [{"id": 1, "book": 1, "quantity": 2, "owner": 1}] if books and users else []
    tokens = [{"key": f"{n:040x}", "user": 1, "created": 0}] if users else []
    return json.dumps({"schema": "authlab.world", "version": 1, "secret_key": f"secret-{n}",
                       "password_cost": {"memory_kib": 8, "time_cost": 1, "parallelism": 1}, "clock_offset_micros": 0,
                       "groups": groups, "users": users, "books": books, "orders": orders, "tokens": tokens,
                       "sessions": [], "policies": policies,
                       "next_ids": {"user": len(users) + 1, "group": len(groups) + 1, "book": len(books) + 1,
                                    "order": len(orders) + 1}})


def progress_files():
    """Progress files carrying a short shipped lesson each, with evidence of one step: a request,
    a hint, a step begun (the recorded answers are made up, so a replay finds them different)."""
    out = []
    for text in lessons()[:6]:
        lesson = json.loads(text)
        steps = [{"met": True, "hints": 0, "solution": False, "prediction": None} for _ in lesson.get("steps", [])]
        events = [{"at": 1704110400000000, "step": 0, "hint": 0},
                  {"at": 1704110400000000, "step": 0, "request": {"method": "GET", "path": "/api/books/"}, "status": 200, "digest": "0" * 16},
                  {"at": 1704110401000000, "step": 0, "enter": 1}]
        entry = {"lesson": lesson.get("id"), "source": lesson, "steps": steps,
                 "evidence": {"seed": 1, "started_at": 1704110400000000, "events": events}}
        out.append(json.dumps({"format": "authlab.progress", "version": 1, "learner": "Ana", "lessons": [entry]}, ensure_ascii=False))
    return out


def lessons():
    """The shipped lessons, and each with its steps cut to the first, so a valid short one plays fast."""
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "web", "lessons")
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json") or name == "index.json":
            continue
        with open(os.path.join(folder, name), "rb") as f:
            raw = f.read()
        out.append(raw)
        lesson = json.loads(raw)
        if isinstance(lesson.get("steps"), list) and lesson["steps"]:
            out.append(json.dumps(dict(lesson, steps=lesson["steps"][:1]), ensure_ascii=False))
    return out


def walks():
    """Byte streams for fuzz_world_reach's walk (tests/fuzz/world_walk.hpp): a fixed pseudo-random
    few, so every kind of step is tried from the first run."""
    rng = random.Random(23)
    return [bytes(rng.randrange(256) for _ in range(size)) for size in (64, 256, 1024, 4096)]


def main():
    out, files = sys.argv[1], sys.argv[2:]
    scenarios, requests, expressions, worlds, bodies = [], [], set(), [], []
    for n, path in enumerate(files):
        with open(path, "rb") as f:
            raw = f.read()
        scenarios.append(raw)
        scenario = json.loads(raw)
        setup = scenario.get("setup") or {}
        worlds.append(world_file(setup, n))
        for key, view in (setup.get("policies") or {}).items():
            if isinstance(view, dict):
                expressions.update(p for p in view.get("permissions", []) if isinstance(p, str))
        for step in scenario.get("steps", []):
            request = step.get("request")
            if isinstance(request, dict):
                requests.append(request_text(request))
                if "json" in request:
                    bodies.append(json.dumps(request["json"]))
                elif "body" in request:
                    bodies.append(request["body"])
    expressions |= {"~IsAdminUser & (IsAuthenticated | IsInGroup:Manager)", "~~~AllowAny", "((IsAdminUser))",
                    "IsAuthenticatedOrReadOnly | DjangoModelPermissionsOrAnonReadOnly & ~IsInGroup:St\u00e4ff"}
    bodies += ['{"a": [1, 2.5e3, -0, "\\ud800", null, true, {"b": {}}]}', "[NaN, Infinity]", "1" * 5000]
    write(out, "fuzz_request", requests)
    write(out, "fuzz_scenario", scenarios)
    write(out, "fuzz_permission", sorted(expressions))
    write(out, "fuzz_world", worlds)
    write(out, "fuzz_json", bodies)
    write(out, "fuzz_jwt", tokens())
    write(out, "fuzz_password_hash", password_hashes())
    write(out, "fuzz_lesson", lessons())
    write(out, "fuzz_world_reach", walks())
    write(out, "fuzz_progress", progress_files())


if __name__ == "__main__":
    main()
