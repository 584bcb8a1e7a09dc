"""A typed client generated from the served OpenAPI document works against a served app.

openapi-python-client (the dev extra) generates the client into a temporary folder, offline,
from the document the app serves; then a claim goes from submitted to published through it,
and its verdict is read through the typed models.
"""

import importlib
import pkgutil
import subprocess
import sys

import pytest

PACKAGE = "factcheck_client"
# Generated code is imported as written: ruff's formatting hooks are not needed for that.
CONFIG = "post_hooks: []\n"


@pytest.fixture(scope="module")
def generation(app, tmp_path_factory):
    """(the generator's output, the generated package, imported)."""
    folder = tmp_path_factory.mktemp("generated-client")
    document = folder / "openapi.json"
    document.write_bytes(app.test_client().get("/api/v1/openapi.json").data)
    config = folder / "config.yaml"
    config.write_text(CONFIG)
    output = folder / "client"
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(document)]
        + ["--output-path", str(output), "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    printed = result.stdout + result.stderr
    assert result.returncode == 0, printed
    sys.path.insert(0, str(output))
    try:
        yield printed, importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(output))
        for name in [name for name in sys.modules if name.partition(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_the_client_generates_without_warnings(generation):
    printed, _ = generation
    assert "warning" not in printed.lower(), printed
    assert printed.strip().startswith("Generating ") and len(printed.strip().splitlines()) == 1, (
        printed
    )


def test_every_generated_module_imports(generation):
    _, package = generation
    modules = [m.name for m in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")]
    for name in modules:
        importlib.import_module(name)
    # One module per operation, named after its operationId.
    assert f"{PACKAGE}.api.claims.act_on_claim" in modules
    assert f"{PACKAGE}.api.fact_checks.list_fact_checks" in modules


def test_a_claim_is_published_and_read_through_the_generated_client(
    generation, live_server, tokens
):
    _, package = generation

    def operation(name):  # the module generated for an operation: tag, then operationId
        return importlib.import_module(f"{PACKAGE}.api.{name}")

    list_claims, create_claim, get_claim, act_on_claim = (
        operation(f"claims.{name}")
        for name in ("list_claims", "create_claim", "get_claim", "act_on_claim")
    )
    create_source = operation("sources.create_source")
    create_verdict = operation("verdicts.create_verdict")
    import_claim_reviews = operation("claimreview.import_claim_reviews")
    list_fact_checks = operation("fact_checks.list_fact_checks")
    models = importlib.import_module(f"{PACKAGE}.models")
    base_url = live_server.url()

    def client(who):
        return package.AuthenticatedClient(
            base_url=base_url, token=tokens[who], raise_on_unexpected_status=True
        )

    def act(as_client, claim_id, action, **kwargs):
        body = models.ClaimActionIn(action=models.ClaimActionInAction(action))
        answer = act_on_claim.sync(claim_id, client=as_client, body=body, **kwargs)
        assert isinstance(answer, models.ClaimOut), answer
        return answer

    with client("submitter") as submitter, client("reviewer") as reviewer:
        page = list_claims.sync(client=submitter)
        assert isinstance(page, models.ClaimPage) and page.items == []

        created = create_claim.sync(
            client=submitter,
            body=models.ClaimIn(
                text="Unemployment fell to 4.1% in March.",
                claimant="Labour minister",
                language="en",
                tags=["economy"],
            ),
            idempotency_key="generated-client-1",
        )
        assert isinstance(created, models.ClaimCreatedOut), created
        assert created.status == models.ClaimCreatedOutStatus.SUBMITTED
        assert created.current_verdict is None

        # The reviewer takes it on, with the ETag of the copy they read as If-Match.
        read = get_claim.sync_detailed(created.id, client=reviewer)
        assert isinstance(read.parsed, models.ClaimOut), read.content
        accepted = act(reviewer, created.id, "accept", if_match=read.headers["ETag"])
        assert accepted.status == models.ClaimOutStatus.IN_REVIEW

        source = create_source.sync(
            created.id,
            client=reviewer,
            body=models.SourceIn(
                url="https://stats.example.org/labour-market/2025-03",
                stance=models.SourceInStance.REFUTES,
                title="Labour market, March 2025",
            ),
        )
        assert isinstance(source, models.SourceOut), source
        verdict = create_verdict.sync(
            created.id,
            client=reviewer,
            body=models.VerdictIn(
                rating=models.VerdictInRating.MOSTLY_FALSE,
                summary="Official figures put March unemployment at 4.4%, not 4.1%.",
            ),
        )
        assert isinstance(verdict, models.VerdictOut), verdict
        assert act(reviewer, created.id, "propose").status == models.ClaimOutStatus.VERDICT_PROPOSED

    # A second person, an editor, approves and publishes.
    with client("editor") as editor:
        assert act(editor, created.id, "approve").status == models.ClaimOutStatus.APPROVED
        assert act(editor, created.id, "publish").status == models.ClaimOutStatus.PUBLISHED
        # The import's body is typed too: an empty list imports nothing.
        report = import_claim_reviews.sync(client=editor, body=[])
        assert isinstance(report, models.ImportReportOut) and report.created == 0

    with client("submitter") as submitter:
        claim = get_claim.sync(created.id, client=submitter)
        assert isinstance(claim, models.ClaimOut), claim
        assert isinstance(claim.current_verdict, models.VerdictOut)
        assert claim.current_verdict.rating == models.VerdictOutRating.MOSTLY_FALSE
        assert claim.current_verdict.rating_value == 2
        [listed] = list_claims.sync(client=submitter).items
        assert listed.current_verdict.rating == "mostly_false"

    with package.Client(base_url=base_url, raise_on_unexpected_status=True) as anonymous:
        published = list_fact_checks.sync(client=anonymous)
        [fact_check] = published.items
        assert fact_check.id == created.id
        assert fact_check.verdict.rating == models.PublishedVerdictOutRating.MOSTLY_FALSE
