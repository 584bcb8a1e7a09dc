"""The OpenAPI document is one that client generators read as meant: every operation has a
stable, unique name, and a field that may be null keeps the type of what it holds."""

import re

import pytest

METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")


@pytest.fixture
def document(anonymous):
    return anonymous.get("/api/v1/openapi.json").json


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_unique_camel_case_operation_id(document):
    ids = {}
    for name, operation in operations(document):
        operation_id = operation.get("operationId")
        assert operation_id, f"{name} has no operationId"
        assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", operation_id), (name, operation_id)
        assert operation_id not in ids, f"{name} and {ids[operation_id]} share {operation_id}"
        ids[operation_id] = name
    assert len(ids) > 50


def test_the_workflow_operations_have_the_documented_names(document):
    named = {name: operation["operationId"] for name, operation in operations(document)}
    assert named["GET /api/v1/claims"] == "listClaims"
    assert named["POST /api/v1/claims"] == "createClaim"
    assert named["GET /api/v1/claims/{claim_id}"] == "getClaim"
    assert named["POST /api/v1/claims/{claim_id}/actions"] == "actOnClaim"
    assert named["GET /api/v1/fact-checks"] == "listFactChecks"


def nodes(value):
    """Every object in the document, depth first."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from nodes(child)


def test_a_nullable_reference_keeps_the_type_it_refers_to(document):
    for node in nodes(document):
        # apispec's own spelling: an untyped object beside the reference, which generators
        # turn into an empty model the real value is parsed into.
        assert node != {"type": "object", "nullable": True}, node
        if "$ref" in node:  # OpenAPI 3.0 ignores whatever stands beside a $ref
            assert set(node) == {"$ref"}, node
    current_verdict = document["components"]["schemas"]["ClaimOut"]["properties"]["current_verdict"]
    assert current_verdict == {
        "allOf": [{"$ref": "#/components/schemas/VerdictOut"}],
        "nullable": True,
    }


def test_response_names_and_titles_are_rfc_9110_whatever_the_python(document):
    """Python 3.13 renamed four statuses; the document uses the new names on every Python, so
    a client generated against one server matches another."""
    from factcheck.rest import RESPONSE_NAMES

    text = str(document)
    for old_name in RESPONSE_NAMES:
        assert old_name not in text
    responses = document["components"]["responses"]
    assert responses["UNPROCESSABLE_CONTENT"]["description"] == "Unprocessable Content"
    refs = {
        response["$ref"]
        for _, operation in operations(document)
        for response in operation.get("responses", {}).values()
        if "$ref" in response
    }
    assert "#/components/responses/UNPROCESSABLE_CONTENT" in refs
