"""Who is at the desk: invitations, passwords (argon2, through argon2-cffi), sessions and the limit
on login attempts.

An invitation is a random token shown once (in the link `intake reviewers invite` prints); the
store keeps its SHA-256, which is enough for a 256-bit random secret. A password is kept as an
argon2id hash. A session is a random token in an HttpOnly, SameSite=Strict cookie; the store
keeps its SHA-256 and the session's CSRF token. Failed logins are counted per name and per
address over a window: past the limit, even the right password is refused until it passes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from intake.store import Store
from intake.store import accounts as stored
from intake.store.panel import stored_reviewers
from rubric.errors import InputError

INVITE_HOURS = 72
SESSION_HOURS = 12
WINDOW_MINUTES = 15
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD = 10

_hasher = PasswordHasher()


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _at(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat(timespec="seconds")


def invite(store: Store, name: str, hours: float = INVITE_HOURS) -> str:
    """A one-time token for `name` to set a password; an earlier unused one stops working.
    With a roster in the store, only its members can be invited."""
    name = name.strip()
    if not name:
        raise InputError("请给出评审人员姓名 (a name is needed)")
    roster = {r.name for r in stored_reviewers(store)}
    if roster and name not in roster:
        raise InputError(f"{name} 不在评审专家名单中：先用 intake reviewers import 导入名单")
    token = secrets.token_urlsafe(32)
    stored.save_invite(store, name, digest(token), _at(hours=hours))
    return token


def invited_name(store: Store, token: str) -> str | None:
    found = stored.account_by_invite(store, digest(token))
    return found.name if found else None


def set_password(store: Store, token: str, password: str, repeated: str) -> str:
    """Spend the invitation on a password; the account's name."""
    if password != repeated:
        raise InputError("两次输入的密码不一致 (the passwords differ)")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码至少 {MIN_PASSWORD} 个字符 (at least {MIN_PASSWORD} characters)")
    name = stored.use_invite(store, digest(token), _hasher.hash(password))
    if name is None:
        raise InputError("邀请链接无效、已使用或已过期，请向管理员重新索取 (invitation not valid)")
    return name


class TooManyAttempts(InputError):
    """Logins for this name or from this address are paused for a while."""


def login(store: Store, name: str, password: str, address: str) -> bool:
    """Whether the password is the name's; every attempt is recorded. TooManyAttempts past the
    limit, before the password is even looked at."""
    since = _at(minutes=-WINDOW_MINUTES)
    if (stored.failures_since(store, since, name=name) >= MAX_FAILURES_PER_NAME
            or stored.failures_since(store, since, address=address) >= MAX_FAILURES_PER_ADDRESS):
        raise TooManyAttempts(f"登录失败次数过多，请 {WINDOW_MINUTES} 分钟后再试 "
                              "(too many failed logins; try again later)")
    ok = _verify(store, name, password)
    stored.add_attempt(store, name, address, ok)
    return ok


def _verify(store: Store, name: str, password: str) -> bool:
    found = stored.account(store, name)
    if found is None or not found.password_hash:
        _hasher.hash(password)  # about as slow as a real check: no timing hint of who exists
        return False
    try:
        _hasher.verify(found.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(found.password_hash):
        stored.set_password_hash(store, name, _hasher.hash(password))
    return True


@dataclass(frozen=True)
class Opened:
    token: str  # for the cookie; never stored
    csrf: str


def open_session(store: Store, name: str) -> Opened:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    stored.add_session(store, digest(token), name, csrf, _at(hours=SESSION_HOURS))
    return Opened(token, csrf)


def session(store: Store, token: str | None) -> stored.DeskSession | None:
    return stored.session_for(store, digest(token)) if token else None


def close_session(store: Store, token: str | None) -> None:
    if token:
        stored.end_session(store, digest(token))


def same_token(given: str | None, expected: str | None) -> bool:
    """A CSRF token check in constant time; a missing token never matches."""
    return bool(given) and bool(expected) and hmac.compare_digest(str(given), str(expected))
