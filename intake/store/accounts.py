"""The review desk's accounts in the store: a reviewer's password hash and one-time invitation,
their browser sessions, and every login attempt (for limiting them).

Only hashes are kept: the argon2 hash of a password, the SHA-256 of an invitation token and of a
session token. Whether a password is right, or an attempt allowed, is intake.desk's business; this
module only writes and reads the rows. Times are ISO-8601 UTC strings, which sort as times.
"""

from __future__ import annotations

from intake.store.connection import Session, Store, now
from rubric.strict import Strict


class Account(Strict):
    name: str
    password_hash: str | None
    invite_hash: str | None
    invite_expires: str | None


class DeskSession(Strict):
    name: str
    csrf: str
    expires: str


def save_invite(store: Store, name: str, invite_hash: str, expires: str) -> None:
    """A new invitation for the name; an earlier one, unused, no longer works."""
    store.write(lambda db: db.execute(
        "INSERT INTO accounts (name, invite_hash, invite_expires, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET invite_hash = excluded.invite_hash, "
        "invite_expires = excluded.invite_expires, updated_at = excluded.updated_at",
        (name, invite_hash, expires, now())))


def account(store: Store, name: str) -> Account | None:
    rows = store.query("SELECT name, password_hash, invite_hash, invite_expires FROM accounts "
                       "WHERE name = ?", (name,))
    return Account.model_validate(dict(rows[0])) if rows else None


def account_by_invite(store: Store, invite_hash: str) -> Account | None:
    """The account a live (unused, unexpired) invitation is for."""
    rows = store.query("SELECT name, password_hash, invite_hash, invite_expires FROM accounts "
                       "WHERE invite_hash = ? AND invite_expires > ?", (invite_hash, now()))
    return Account.model_validate(dict(rows[0])) if rows else None


def use_invite(store: Store, invite_hash: str, password_hash: str) -> str | None:
    """Set the password and spend the invitation, once: the account's name, or None when the
    invitation is unknown, used or expired. The name's old sessions end."""

    def work(db: Session) -> str | None:
        row = db.execute("SELECT name FROM accounts WHERE invite_hash = ? AND invite_expires > ?",
                         (invite_hash, now())).fetchone()
        if row is None:
            return None
        db.execute("UPDATE accounts SET password_hash = ?, invite_hash = NULL, "
                   "invite_expires = NULL, updated_at = ? WHERE name = ?",
                   (password_hash, now(), row["name"]))
        db.execute("DELETE FROM desk_sessions WHERE name = ?", (row["name"],))
        return str(row["name"])

    found = store.write(work)
    return str(found) if found is not None else None


def set_password_hash(store: Store, name: str, password_hash: str) -> None:
    """A rehash of the same password with newer parameters."""
    store.write(lambda db: db.execute(
        "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE name = ?",
        (password_hash, now(), name)))


def add_session(store: Store, token_hash: str, name: str, csrf: str, expires: str) -> None:
    """A new session; expired ones (of anybody) are cleared on the way."""

    def work(db: Session) -> None:
        db.execute("DELETE FROM desk_sessions WHERE expires <= ?", (now(),))
        db.execute("INSERT INTO desk_sessions (token_hash, name, csrf, expires) "
                   "VALUES (?, ?, ?, ?)", (token_hash, name, csrf, expires))

    store.write(work)


def session_for(store: Store, token_hash: str) -> DeskSession | None:
    """The live session with this token, if any."""
    rows = store.query("SELECT name, csrf, expires FROM desk_sessions WHERE token_hash = ? "
                       "AND expires > ?", (token_hash, now()))
    return DeskSession.model_validate(dict(rows[0])) if rows else None


def end_session(store: Store, token_hash: str) -> None:
    store.write(lambda db: db.execute("DELETE FROM desk_sessions WHERE token_hash = ?",
                                      (token_hash,)))


def add_attempt(store: Store, name: str, address: str, ok: bool) -> None:
    store.write(lambda db: db.execute(
        "INSERT INTO login_attempts (name, address, ok, at) VALUES (?, ?, ?, ?)",
        (name, address, int(ok), now())))


def failures_since(store: Store, since: str, *, name: str | None = None,
                   address: str | None = None) -> int:
    """Failed attempts since a time, for one name or one address."""
    column, value = ("name", name) if name is not None else ("address", address)
    rows = store.query(f"SELECT COUNT(*) AS n FROM login_attempts WHERE {column} = ? AND ok = 0 "
                       "AND at > ?", (value, since))
    return int(rows[0]["n"])
