"""Desk accounts: `intake reviewers invite` prints a one-time link; the link sets an argon2-hashed
password once; login and logout; HttpOnly SameSite=Strict session cookies; failed logins limited
per name and per address; CSRF on the login and invitation forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app as cli
from intake.desk import auth
from intake.desk.app import COOKIE, create_app
from intake.store import Store
from tests.support import desk as support

RUBRIC = "hebei-ou-2024-collective"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return support.build(tmp_path_factory.mktemp("desk-accounts"))


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "desk.db"
    target.write_bytes(template.read_bytes())
    return target


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, load_rubric(RUBRIC)), base_url="http://127.0.0.1")


def _invite(db: Path, name: str) -> str:
    result = CliRunner().invoke(cli, ["reviewers", "invite", name, "--db", str(db)])
    assert result.exit_code == 0, result.output
    link = re.search(r"http://127\.0\.0\.1:8000(/invite/\S+)", result.output)
    assert link, result.output
    return link.group(1)


def _attempt(client: TestClient, name: str, password: str):
    """One login as from the page: its form freshly opened (a refused login renews the token)."""
    page = client.get("/login")
    return client.post("/login", data={"csrf": support.csrf(page.text), "name": name,
                                       "password": password}, follow_redirects=False)


def _set_password(client: TestClient, link: str, password: str = support.PASSWORD):
    page = client.get(link)
    assert page.status_code == 200 and "请设置密码" in page.text
    return client.post(link, data={"csrf": support.csrf(page.text), "password": password,
                                   "repeated": password}, follow_redirects=False)


def test_an_invitation_sets_a_hashed_password_once_and_logs_in(db: Path,
                                                                client: TestClient) -> None:
    link = _invite(db, "甲")
    assert _set_password(client, link).status_code == 303
    with Store(db) as store:
        row = store.query("SELECT password_hash, invite_hash FROM accounts WHERE name = '甲'")[0]
        tokens = store.query("SELECT invite_hash FROM accounts")
    assert row["password_hash"].startswith("$argon2id$") and support.PASSWORD not in str(row)
    assert row["invite_hash"] is None and link.rsplit("/", 1)[1] not in str(list(tokens))
    assert client.get(link).status_code == 404  # spent
    support.log_in(client, "甲")
    assert client.get("/").status_code == 200


def test_the_session_cookie_is_httponly_and_samesite_strict(db: Path, client: TestClient) -> None:
    support.account(db, "甲")
    page = client.get("/login")
    done = client.post("/login", data={"csrf": support.csrf(page.text), "name": "甲",
                                       "password": support.PASSWORD}, follow_redirects=False)
    cookie = next(h for h in done.headers.get_list("set-cookie") if h.startswith(COOKIE + "="))
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    with Store(db) as store:
        stored = [r["token_hash"] for r in store.query("SELECT token_hash FROM desk_sessions")]
    token = cookie.split(";")[0].split("=", 1)[1]
    assert token not in stored and auth.digest(token) in stored


def test_logout_ends_the_session(db: Path, client: TestClient) -> None:
    support.account(db, "甲")
    support.log_in(client, "甲")
    home = client.get("/")
    old = client.cookies.get(COOKIE)
    assert client.post("/logout", data={"csrf": support.csrf(home.text)},
                       follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE, old or "")
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_a_wrong_password_an_unknown_name_and_an_expired_link_are_refused(
        db: Path, client: TestClient) -> None:
    support.account(db, "甲")
    for name, password in (("甲", "不是这个密码-wrong"), ("无此人", support.PASSWORD)):
        wrong = _attempt(client, name, password)
        assert wrong.status_code == 401 and "姓名或密码不正确" in wrong.text
    with Store(db) as store:
        token = auth.invite(store, "乙", hours=-1)
    assert client.get(f"/invite/{token}").status_code == 404


def test_failed_logins_are_limited_per_name_even_with_the_right_password_after(
        db: Path, client: TestClient) -> None:
    support.account(db, "甲")
    for _ in range(auth.MAX_FAILURES_PER_NAME):
        assert _attempt(client, "甲", "guess-guess-guess").status_code == 401
    right = _attempt(client, "甲", support.PASSWORD)
    assert right.status_code == 429 and "登录失败次数过多" in right.text
    assert COOKIE not in client.cookies


def test_failed_logins_are_limited_per_address_across_names(db: Path, client: TestClient) -> None:
    support.account(db, "乙")
    for n in range(auth.MAX_FAILURES_PER_ADDRESS):
        assert _attempt(client, f"猜{n}", "guess-guess-guess").status_code == 401
    assert _attempt(client, "乙", support.PASSWORD).status_code == 429


def test_login_and_invitation_forms_need_their_csrf_token(db: Path, client: TestClient) -> None:
    support.account(db, "甲")
    client.get("/login")
    missing = client.post("/login", data={"name": "甲", "password": support.PASSWORD})
    assert missing.status_code == 403 and COOKIE not in client.cookies
    link = _invite(db, "乙")
    client.get(link)
    assert client.post(link, data={"password": support.PASSWORD,
                                   "repeated": support.PASSWORD}).status_code == 403
    assert client.get(link).status_code == 200  # not spent by the refused post


def test_passwords_must_match_and_be_long_enough(db: Path, client: TestClient) -> None:
    link = _invite(db, "甲")
    short = _set_password(client, link, "短密码")
    assert short.status_code == 400 and "至少 10 个字符" in short.text
    assert client.get(link).status_code == 200


def test_only_the_rosters_members_can_be_invited(db: Path) -> None:
    result = CliRunner().invoke(cli, ["reviewers", "invite", "路人", "--db", str(db)])
    assert result.exit_code == 2 and "不在评审专家名单中" in result.output


def test_accounts_sessions_and_the_limit_on_both_engines(target: str) -> None:
    """Migration 008 on SQLite and PostgreSQL: invite, password, login, limit, session."""
    client = TestClient(create_app(target, load_rubric(RUBRIC), pool_size=1),
                        base_url="http://127.0.0.1")
    with Store(target) as store:
        token = auth.invite(store, "甲")
        assert auth.set_password(store, token, support.PASSWORD, support.PASSWORD) == "甲"
        assert auth.invited_name(store, token) is None
    support.log_in(client, "甲")
    assert client.get("/").status_code == 200
    for _ in range(auth.MAX_FAILURES_PER_NAME):
        assert _attempt(client, "甲", "guess-guess-guess").status_code == 401
    assert _attempt(client, "甲", support.PASSWORD).status_code == 429
    client.app.state.desk.pool.close()
