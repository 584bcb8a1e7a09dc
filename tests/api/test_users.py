"""Admin endpoints for users and tokens, and /me."""

from tests.test_app import assert_problem


def test_me(client_as):
    me = client_as("reviewer").get("/api/v1/me")
    assert me.status_code == 200
    assert me.json["name"] == "reviewer" and me.json["role"] == "reviewer"


def test_admin_creates_a_user_and_a_token_that_works(client_as, anonymous):
    admin = client_as("admin")
    response = admin.post(
        "/api/v1/users", json={"name": "lena", "role": "reviewer", "display_name": "Lena K."}
    )
    assert response.status_code == 201
    user = response.json
    assert response.headers["Location"].endswith(f"/api/v1/users/{user['id']}")
    issued = admin.post(f"/api/v1/users/{user['id']}/tokens", json={"label": "laptop"})
    assert issued.status_code == 201
    secret = issued.json["token"]
    assert secret.startswith(issued.json["prefix"])
    me = anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json["name"] == "lena"
    # The secret is never shown again.
    token = admin.get(issued.headers["Location"]).json
    assert "token" not in token and token["label"] == "laptop"


def test_user_validation_and_conflicts(client_as):
    admin = client_as("admin")
    bad = admin.post("/api/v1/users", json={"name": "Not Valid", "role": "chief"})
    assert set(assert_problem(bad, 422)["errors"]) == {"name", "role"}
    assert_problem(admin.post("/api/v1/users", json={"name": "reviewer", "role": "editor"}), 409)


def test_admin_changes_a_role(client_as):
    admin, reviewer = client_as("admin"), client_as("reviewer")
    rid = reviewer.get("/api/v1/me").json["id"]
    assert_problem(reviewer.get("/api/v1/users"), 403)
    response = admin.patch(f"/api/v1/users/{rid}", json={"role": "editor"})
    assert response.status_code == 200 and response.json["role"] == "editor"
    assert reviewer.get("/api/v1/me").json["role"] == "editor"
    users = admin.get("/api/v1/users?limit=100").json["items"]
    assert {"admin", "editor", "reviewer", "submitter"} <= {u["name"] for u in users}
