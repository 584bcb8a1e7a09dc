"""What the OpenAPI document declares about access is what the views enforce.

The same decorators do both (`guarded`, `if_match`, `idempotent`), so these tests read the
document and try each declared rule against the running app.
"""

import re

import pytest

from tests.factories import create_claim
from tests.test_app import assert_problem

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(app):
    spec = app.test_client().get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_is_public_or_names_its_role(app):
    for path, method, operation in _operations(app):
        public = operation.get("security") == []
        assert public != ("x-required-role" in operation), (method, path)


def test_every_guarded_operation_refuses_an_anonymous_caller(app, anonymous):
    for path, method, operation in _operations(app):
        if "x-required-role" not in operation:
            continue
        url = re.sub(r"\{[a-z_]+\}", "1", path)
        response = anonymous.open(url, method=method.upper(), json={})
        assert response.status_code == 401, (method, path, response.status_code)


@pytest.mark.parametrize("role", ["submitter", "reviewer", "editor"])
def test_a_role_below_the_declared_one_is_refused(app, client_as, role):
    ranks = ["submitter", "reviewer", "editor", "admin"]
    client = client_as(role)
    for path, method, operation in _operations(app):
        needed = operation.get("x-required-role")
        if needed is None or ranks.index(needed) <= ranks.index(role):
            continue
        url = re.sub(r"\{[a-z_]+\}", "1", path)
        response = client.open(url, method=method.upper(), json={})
        assert response.status_code == 403, (role, method, path, response.status_code)


def test_declared_if_match_is_honoured(app, client_as):
    client = client_as("admin")
    claim = create_claim(client)
    for path, method, operation in _operations(app):
        headers = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "header"]
        if "If-Match" not in headers or not path.startswith("/api/v1/claims/{claim_id}"):
            continue
        url = path.replace("{claim_id}", str(claim["id"]))
        body = {"action": "accept"} if url.endswith("/actions") else {}
        stale = client.open(url, method=method.upper(), json=body, headers={"If-Match": '"99"'})
        assert_problem(stale, 412)
