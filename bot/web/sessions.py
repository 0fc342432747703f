"""The staff web page's signed session cookie (itsdangerous), and the short-lived cookie
that carries the login form's CSRF token.

The cookie holds the staff member's Telegram id, their language, the CSRF token of their
forms and when they signed in; it is signed, not encrypted (nothing in it is secret but the
CSRF token, which only this browser needs). It is issued again with every answer, so
``IDLE`` without a click ends it; ``LONGEST`` after signing in it ends anyway. Who may do
what is never in the cookie: every request asks the database (``bot.admin.staff.role``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import timedelta
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "haat_staff"
LOGIN_COOKIE = "haat_login"
PATH = "/staff"
IDLE = timedelta(minutes=30)
LONGEST = timedelta(hours=12)
LOGIN_FORM = timedelta(minutes=10)


def secret_from_token(token: str) -> str:
    """The signing key, derived from the bot token (one secret fewer for the operator; a new
    token signs everyone out)."""
    return hmac.new(token.encode(), b"haat staff web session", hashlib.sha256).hexdigest()


class Sessions:
    def __init__(self, secret: str, secure: bool):
        self.session = URLSafeTimedSerializer(secret, salt="haat-staff-session")
        self.login = URLSafeTimedSerializer(secret, salt="haat-staff-login-form")
        self.secure = secure

    def _set(self, response: Response, name: str, value: str, max_age: timedelta) -> None:
        response.set_cookie(name, value, max_age=int(max_age.total_seconds()), path=PATH,
                            httponly=True, samesite="lax", secure=self.secure)

    # ------------------------------------------------------------ the session

    def new(self, telegram_id: int, language: str) -> dict[str, Any]:
        return {"tid": telegram_id, "lang": language, "csrf": secrets.token_urlsafe(24),
                "since": int(time.time())}

    def read(self, request: Request) -> dict[str, Any] | None:
        value = request.cookies.get(COOKIE)
        if not value:
            return None
        try:
            data = self.session.loads(value, max_age=int(IDLE.total_seconds()))
        except BadSignature:  # also SignatureExpired: idle too long
            return None
        if not isinstance(data, dict) or not {"tid", "lang", "csrf", "since"} <= data.keys():
            return None
        if time.time() - data["since"] > LONGEST.total_seconds():
            return None
        return data

    def write(self, response: Response, data: dict[str, Any]) -> None:
        self._set(response, COOKIE, self.session.dumps(data), IDLE)

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path=PATH, httponly=True, samesite="lax",
                               secure=self.secure)

    # ------------------------------------------------------------ the login form

    def new_login_csrf(self) -> str:
        return secrets.token_urlsafe(24)

    def set_login_csrf(self, response: Response, token: str) -> None:
        self._set(response, LOGIN_COOKIE, self.login.dumps(token), LOGIN_FORM)

    def clear_login_csrf(self, response: Response) -> None:
        response.delete_cookie(LOGIN_COOKIE, path=PATH, httponly=True, samesite="lax",
                               secure=self.secure)

    def login_csrf_ok(self, request: Request, given: str) -> bool:
        value = request.cookies.get(LOGIN_COOKIE)
        if not value or not given:
            return False
        try:
            expected = self.login.loads(value, max_age=int(LOGIN_FORM.total_seconds()))
        except BadSignature:
            return False
        return isinstance(expected, str) and hmac.compare_digest(expected, given)


def csrf_ok(data: dict[str, Any], given: Any) -> bool:
    return isinstance(given, str) and hmac.compare_digest(data["csrf"].encode(),
                                                          given.encode())
