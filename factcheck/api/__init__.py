"""HTTP layer: one blueprint per resource under /api/v1."""

from flask import Flask

from factcheck.api import (
    articles,
    claimreview,
    claims,
    comments,
    docs,
    extraction,
    fact_checks,
    jobs,
    search,
    sources,
    users,
    verdicts,
    webhooks,
)
from factcheck.api.converters import IdConverter, id_schema
from factcheck.api.http import init_trusted_hosts, no_store_when_authenticated, security_headers
from factcheck.auth import BEARER_SCHEME
from factcheck.rest import Api

RESOURCE_BLUEPRINTS = (
    articles.blp,
    claims.blp,
    sources.blp,
    verdicts.blp,
    comments.blp,
    extraction.blp,
    fact_checks.blp,
    claimreview.blp,
    search.blp,
    users.blp,
    webhooks.blp,
    jobs.blp,
)


def register_blueprints(app: Flask, api: Api) -> None:
    init_trusted_hosts(app)  # before any view runs: links are built from the Host header
    app.url_map.converters["id"] = IdConverter
    api.register_converter(IdConverter, id_schema)
    api.spec.components.security_scheme("bearerAuth", BEARER_SCHEME)
    for blueprint in RESOURCE_BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(docs.blp)
    app.after_request(security_headers)
    app.after_request(no_store_when_authenticated)
