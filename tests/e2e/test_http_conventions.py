"""DESIGN §4: the error envelope everywhere, request ids, headers, CORS, health, metrics, OpenAPI."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ignition.localpg import free_port
from tests.e2e.conftest import dev_login

ROUTE_COVERAGE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "route-coverage"


def test_an_unknown_route_is_a_json_404(client):
    dev_login(client)
    reply = client.get("/api/v1/no-such-thing")
    assert reply.status_code == 404 and reply.is_json
    assert set(reply.json) == {"error", "code", "request_id"} and reply.json["code"] == "not_found"


def test_a_wrong_method_is_a_json_405_with_allow(client):
    reply = client.put("/health/live")
    assert reply.status_code == 405 and reply.json["code"] == "method_not_allowed"
    assert "GET" in reply.headers["Allow"]


def test_validation_errors_are_400_with_field_messages(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", json={"day_start_hour": 24, "name": "", "colour": "red"},
                         headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert set(reply.json["details"]) == {"day_start_hour", "name", "colour"}


def test_broken_json_is_a_400_not_a_500(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", data="{not json", content_type="application/json",
                         headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400 and reply.is_json


@pytest.mark.parametrize("path,method,body", [("/api/v1/me", "PATCH", '{"settings": {"a": %s}}'),
                                              ("/api/v1/ideas", "POST", '{"title": "x", "tags": %s}')])
def test_json_nested_too_deep_for_the_parser_is_a_400_not_a_500(client, path, method, body):
    """Found while fuzzing: the standard library's parser raised RecursionError (500) past ~900 levels."""
    csrf = dev_login(client)
    nested = "[" * 5000 + "]" * 5000
    reply = client.open(path, method=method, data=body % nested, content_type="application/json",
                        headers={"X-CSRF-Token": csrf})
    assert (reply.status_code, reply.json["code"]) == (400, "validation_error"), reply.json
    assert reply.json["details"] == {"json": ["Invalid JSON body."]}


def test_an_unexpected_error_is_a_json_500_without_a_trace(dev_app, monkeypatch):
    from ports.inbound import me

    def explode(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM somewhere")

    monkeypatch.setattr(me, "update_profile", explode)
    client = dev_app.test_client()
    csrf = dev_login(client)
    dev_app.testing = False  # let the handler run as in production
    reply = client.patch("/api/v1/me", json={"name": "x"}, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 500 and reply.json["code"] == "internal_error"
    assert "SELECT" not in reply.get_data(as_text=True) and "Traceback" not in reply.get_data(as_text=True)


@pytest.mark.parametrize("given,echoed", [("abc-123_x.y", True), ("x" * 128, True), ("x" * 129, False),
                                          ("bad id!", False), ("", False)])
def test_the_request_id_is_echoed_only_when_well_formed(client, given, echoed):
    reply = client.get("/health/live", headers={"X-Request-ID": given})
    assert (reply.headers["X-Request-ID"] == given) is echoed
    assert 1 <= len(reply.headers["X-Request-ID"]) <= 128


def test_errors_carry_the_request_id_of_the_response(client):
    reply = client.get("/api/v1/me", headers={"X-Request-ID": "trace-me"})
    assert reply.json["request_id"] == "trace-me" == reply.headers["X-Request-ID"]


def test_security_headers_are_on_every_response(client):
    for reply in (client.get("/health/live"), client.get("/api/v1/me"), client.get("/nowhere")):
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["X-Frame-Options"] == "DENY"
        assert reply.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in reply.headers  # not production


def test_authenticated_responses_are_not_cached(client):
    dev_login(client)
    assert client.get("/api/v1/me").headers["Cache-Control"] == "no-store"


def test_production_sends_hsts(make_app):
    reply = make_app(IGNITION_ENV="production").test_client().get("/health/live")
    assert reply.headers["Strict-Transport-Security"].startswith("max-age=")


def test_cors_answers_only_allowed_origins(make_app):
    client = make_app(ALLOWED_ORIGINS="https://app.example").test_client()
    preflight = {"Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "X-CSRF-Token"}
    allowed = client.options("/api/v1/me", headers={"Origin": "https://app.example", **preflight})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert allowed.headers["Access-Control-Allow-Credentials"] == "true"
    assert "x-csrf-token" in allowed.headers["Access-Control-Allow-Headers"].lower()
    refused = client.options("/api/v1/me", headers={"Origin": "https://evil.example", **preflight})
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_without_allowed_origins_there_is_no_cors(client):
    reply = client.get("/health/live", headers={"Origin": "https://app.example"})
    assert "Access-Control-Allow-Origin" not in reply.headers


def test_health_reports_the_database_and_the_blob_store(client):
    reply = client.get("/health")
    assert reply.status_code == 200
    assert reply.json == {"status": "ok", "checks": {"database": "ok", "blob_store": "ok"}}


def test_health_is_503_naming_the_database_when_it_is_unreachable(make_app):
    app = make_app(DATABASE_URL=f"postgresql://nobody@127.0.0.1:{free_port()}/none")
    reply = app.test_client().get("/health")
    assert reply.status_code == 503
    assert reply.json["checks"]["database"] == "down" and reply.json["checks"]["blob_store"] == "ok"
    assert app.test_client().get("/health/live").status_code == 200


def test_an_api_call_is_503_json_when_the_database_is_unreachable(make_app):
    app = make_app(DATABASE_URL=f"postgresql://nobody@127.0.0.1:{free_port()}/none")
    app.test_client().set_cookie("ignition_session", "whatever")
    client = app.test_client()
    client.set_cookie("ignition_session", "some-token")
    reply = client.get("/api/v1/me")
    assert reply.status_code == 503 and reply.json["code"] == "unavailable"
    assert reply.headers["Retry-After"]


def test_metrics_count_requests_by_route_template(client):
    client.get("/health/live")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'ignition_http_requests_total{method="GET",route="/health/live",status="200"}' in text
    assert "ignition_http_request_duration_seconds_bucket" in text


def test_metrics_need_the_bearer_token_when_one_is_set(make_app):
    client = make_app(METRICS_TOKEN="t" * 24).test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer " + "t" * 24}).status_code == 200


def test_metrics_are_closed_in_production_without_a_token(make_app):
    assert make_app(IGNITION_ENV="production").test_client().get("/metrics").status_code == 403


def test_the_openapi_document_and_docs_are_public(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and spec.json["openapi"].startswith("3.")
    assert client.get("/api/v1/docs").status_code == 200
    error = spec.json["components"]["schemas"]["ErrorOut"]
    assert {"error", "code", "request_id"} <= set(error["properties"])


PUBLIC_OPERATIONS = {("get", "/auth/providers"), ("get", "/auth/{provider}/login"),
                     ("get", "/auth/{provider}/callback"), ("post", "/auth/dev/login")}


def test_every_operation_documents_its_error_responses(client):
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters" or not path.startswith(("/api/", "/auth/")):
                continue
            responses = operation["responses"]
            assert "503" in responses and "429" in responses, (method, path)
            assert ("401" in responses) is ((method, path) not in PUBLIC_OPERATIONS), (method, path)


def test_the_foundation_routes_are_in_the_openapi_document(client, tmp_path):
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(client.get("/api/v1/openapi.json").json))
    if not ROUTE_COVERAGE.exists():
        pytest.skip("shared/tools/route-coverage is not beside this checkout")
    done = subprocess.run([sys.executable, str(ROUTE_COVERAGE), str(spec)], capture_output=True, text=True)
    missing = {line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("missing:")}
    foundation = {"GET /auth/providers", "GET /auth/{provider}/login", "GET /auth/{provider}/callback",
                  "GET /auth/{provider}/link", "POST /auth/dev/login", "GET /auth/session", "POST /auth/logout",
                  "DELETE /auth/logout", "GET /auth/sessions", "DELETE /auth/sessions/{id}", "GET /auth/accept-tos",
                  "POST /auth/accept-tos", "POST /auth/verify-age", "GET /health", "GET /health/live",
                  "GET /api/v1/me", "PATCH /api/v1/me"}
    assert not foundation & missing


def test_metrics_show_the_database_pool(client):
    dev_login(client)
    client.get("/api/v1/me")
    text = client.get("/metrics").get_data(as_text=True)
    assert "ignition_db_pool_checked_out" in text and "ignition_db_pool_connections" in text


def test_logs_are_json_with_the_request_id(client, caplog):
    from ignition.logs import json_formatter

    with caplog.at_level("INFO"):
        client.get("/health/live", headers={"X-Request-ID": "log-me-1"})
    formatter = json_formatter()
    lines = [json.loads(formatter.format(r)) for r in caplog.records if r.name == "ignition.request"]
    assert any(line["request_id"] == "log-me-1" and line["path"] == "/health/live" and line["status"] == 200
               for line in lines)


def test_an_oversized_json_body_is_413_json(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", data='{"name": "' + "x" * (1024 * 1024) + '"}',
                         content_type="application/json", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 413 and reply.json["code"] == "too_large"


def test_unknown_query_parameters_are_400(client):
    dev_login(client)
    reply = client.get("/api/v1/wallet/ledger?colour=red")
    assert reply.status_code == 400 and "colour" in reply.json["details"]


@pytest.mark.parametrize("raw", ['{"name": "a\\u0000b"}', '{"settings": {"k": ["x", "y\\u0000"]}}',
                                 '{"settings": {"k\\u0000": 1}}', '{"name": "a\\ud800b"}'])
def test_text_postgres_cannot_store_is_400_not_a_database_error(client, raw):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", data=raw, content_type="application/json", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"


def test_a_nul_in_a_query_parameter_is_400(client):
    dev_login(client)
    assert client.get("/api/v1/wallet/ledger?cursor=a%00b").status_code == 400


def test_a_wrong_method_with_a_multipart_body_is_405_not_415(client):
    csrf = dev_login(client)
    reply = client.put("/api/v1/blobs", data={"file": (io.BytesIO(b"x"), "x.txt")},
                       content_type="multipart/form-data", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 405 and reply.json["code"] == "method_not_allowed"


def test_the_openapi_document_is_built_on_first_read_and_once(dev_app):
    api = dev_app.extensions["flask-smorest"]["blp_name_to_api"]["focus"]
    assert api.spec.to_dict()["paths"] == {}  # building the app documented nothing yet
    client = dev_app.test_client()
    first = client.get("/api/v1/openapi.json").json
    assert "/api/v1/focus" in first["paths"] and {"name": "focus", "description": "Focus sessions and their stats"} \
        in first["tags"]
    assert client.get("/api/v1/openapi.json").json == first


def test_every_operation_documents_what_it_needs_to_be_let_in(client):
    """The public operations need nothing; every other one the session cookie, and unsafe methods
    the X-CSRF-Token header with it (except the dev login). schemathesis's ignored_auth check
    (tests/fuzz) then proves each requirement is enforced."""
    spec = client.get("/api/v1/openapi.json").json
    assert set(spec["components"]["securitySchemes"]) == {"session", "csrf"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            if (method, path) in PUBLIC_OPERATIONS or not path.startswith(("/api/", "/auth/")):
                expected = []
            elif method in ("post", "put", "patch", "delete"):
                expected = [{"session": [], "csrf": []}]
            else:
                expected = [{"session": []}]
            assert operation["security"] == expected, (method, path)
