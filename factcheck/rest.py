"""flask-smorest configured for this API's conventions.

- every error, from Werkzeug, webargs or a service, is an RFC 9457 problem document;
- unknown query parameters are rejected like unknown body fields;
- request bodies must be JSON (415 otherwise) and pathological JSON is a 400, not a crash;
- the OpenAPI document spells a nullable nested schema as client generators read it.
"""

import http

import flask
import flask_smorest
import marshmallow as ma
from apispec.ext import marshmallow as apispec_marshmallow
from flask_smorest.utils import prepare_response
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser, abort, is_json_request
from werkzeug.exceptions import HTTPException, UnsupportedMediaType

from factcheck import bounded_json, jsonsafe
from factcheck.auth import load_user
from factcheck.errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    InvalidInput,
    flatten_messages,
    problem,
    status_title,
)
from factcheck.schemas.problem import ProblemSchema

BODY_METHODS = {"POST", "PUT", "PATCH"}


def require_json_body():
    """Reject request bodies that are not JSON before any view parses them."""
    request = flask.request
    has_body = bool(request.content_length) or "Transfer-Encoding" in request.headers
    if request.method in BODY_METHODS and has_body and not webargs_core.is_json(request.mimetype):
        raise UnsupportedMediaType(
            "Send the request body as JSON with 'Content-Type: application/json'."
        )


class Parser(FlaskParser):
    DEFAULT_UNKNOWN_BY_LOCATION = {
        **FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
        "query": None,  # use the schema's own setting, which is RAISE
        "querystring": None,
    }

    def _raw_load_json(self, req):
        data = req.get_data(cache=True)
        if not data:
            # A view that takes a body needs one; `{}` is the empty change, nothing is not.
            raise ma.ValidationError(["A JSON request body is required."])
        if not is_json_request(req):
            return webargs_core.missing
        # Bounded numbers, no NaN/Infinity: a 5,000-digit number would make int() raise a
        # ValueError that webargs does not expect (a 500). Bad UTF-8 and malformed JSON raise
        # errors load_json() turns into a 400, as webargs' own parsing does.
        try:
            return bounded_json.loads(data.decode("utf-8"))
        except bounded_json.RefusedJSON as error:
            return self._handle_invalid_json_error(error, req)

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        message = "Invalid JSON body."
        if isinstance(error, bounded_json.RefusedJSON):
            message = f"Invalid JSON body: {error}."
        abort(400, exc=error, messages={"json": [message]})


def json_body():
    """The request body as any JSON value, for views whose input no schema describes."""
    try:
        # load_json, not _raw_load_json: malformed JSON is a 400 here too, not a 500.
        return Blueprint.ARGUMENTS_PARSER.load_json(flask.request, None)
    except ma.ValidationError as error:
        raise InvalidInput(" ".join(error.messages), errors={"_body": error.messages}) from None


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = Parser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_request(require_json_body)
        self.before_request(load_user)


def problem_response(body: dict, headers: dict | None = None) -> flask.Response:
    return flask.current_app.response_class(
        jsonsafe.dumps(body), status=body["status"], headers=headers, mimetype=PROBLEM_CONTENT_TYPE
    )


class OpenAPIConverter(apispec_marshmallow.OpenAPIConverter):
    """A nullable nested schema in OpenAPI 3.0 is `{"allOf": [{"$ref": ...}], "nullable": true}`.

    apispec writes `{"anyOf": [{"type": "object", "nullable": true}, {"$ref": ...}]}`, whose
    first branch is an empty object: generators type the field as that object (or as a union
    with it), so a client reading `claim.current_verdict.rating` fails. OpenAPI 3.1's
    `{"type": "null"}` would say it plainly, but the bundled Swagger UI (4.x) reads 3.0 only.
    """

    def field2nullable(self, field: ma.fields.Field, ret) -> dict:
        if field.allow_none and (self.openapi_version.major, self.openapi_version.minor) == (3, 0):
            if "$ref" in ret:
                return {"allOf": [{"$ref": ret.pop("$ref")}], "nullable": True}
            if "allOf" in ret:  # already wrapped, beside a description or another keyword
                return {"nullable": True}
        return super().field2nullable(field, ret)


# Response components are named after Python's HTTPStatus members, which 3.13 renamed to
# RFC 9110's names: use those on every Python, so the document is the same whichever runs it.
RESPONSE_NAMES = {
    "REQUEST_ENTITY_TOO_LARGE": "CONTENT_TOO_LARGE",
    "REQUEST_URI_TOO_LONG": "URI_TOO_LONG",
    "REQUESTED_RANGE_NOT_SATISFIABLE": "RANGE_NOT_SATISFIABLE",
    "UNPROCESSABLE_ENTITY": "UNPROCESSABLE_CONTENT",
}


class MarshmallowPlugin(apispec_marshmallow.MarshmallowPlugin):
    Converter = OpenAPIConverter

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            responses = operation.get("responses", {}) if isinstance(operation, dict) else {}
            for code, response in responses.items():
                if isinstance(response, str):
                    responses[code] = RESPONSE_NAMES.get(response, response)
        super().operation_helper(path=path, operations=operations, **kwargs)


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, **kwargs):
        kwargs.setdefault("marshmallow_plugin", MarshmallowPlugin())
        super()._init_spec(**kwargs)

    def _register_error_handlers(self):
        self._app.register_error_handler(HTTPException, self.handle_http_exception)
        self._app.register_error_handler(DomainError, self.handle_domain_error)

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        headers = dict(data.get("headers") or {})
        # Werkzeug puts Allow on 405s through get_headers(); keep it (clients and tools need it).
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                headers[name] = value
        errors = None
        messages = data.get("errors") or data.get("messages")
        if messages:
            # webargs nests messages by location ({"json": {...}}); fields are unique across them.
            by_location = messages if isinstance(messages, dict) else {"_body": messages}
            errors = {}
            for location_messages in by_location.values():
                errors.update(flatten_messages(location_messages))
        detail = data.get("message") or error.description
        if errors and (error.code == 400 or set(errors) == {"_body"}):
            detail = " ".join(message for group in errors.values() for message in group)
        elif error.code == 422 and errors:
            detail = "The request has invalid fields: " + ", ".join(sorted(errors)) + "."
        body = problem(
            error.code,
            detail,
            slug="validation-error" if error.code == 422 else None,
            errors=errors,
        )
        return problem_response(body, headers)

    def handle_domain_error(self, error: DomainError):
        body = problem(
            error.status, error.detail, slug=error.slug, errors=error.errors, **error.extra
        )
        return problem_response(body, error.headers)

    def _register_responses(self):
        """Document error responses with the content type they are really sent with."""
        for status in http.HTTPStatus:
            response = {"description": status_title(status)}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
            elif not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            name = RESPONSE_NAMES.get(status.name, status.name)
            self.spec.components.response(name, response, lazy=True)
        response = {"description": "Error", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
