"""Web admin sessions: a random cookie token (only its hash is stored) and a
per-session CSRF token that every form posts back."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from fastapi import Request
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.services.passwords import verify_password
from county_server.models import CountyUser, WebSession
from county_server.security import same_secret, token_hash

COOKIE = "ow_county_session"
LOGIN_CSRF_COOKIE = "ow_county_login_csrf"


@dataclass(frozen=True)
class SignedIn:
    user: CountyUser
    csrf: str


class LoginRequired(Exception):
    """No valid session: the page answers with a redirect to the login form."""


class NotAllowed(Exception):
    """A signed-in user without the role the page needs: answered with a 403 page."""


class CsrfFailed(Exception):
    """A form came back without this session's CSRF token."""


def check_login(session: Session, username: str, password: str) -> CountyUser | None:
    user = session.scalar(select(CountyUser).where(CountyUser.username == username.strip()))
    if user is None:
        # Same work either way, so timing does not tell which usernames exist.
        verify_password(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        return None
    if not user.active or not verify_password(password, user.password_hash):
        return None
    return user


def open_session(session: Session, user: CountyUser, *, hours: int, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    session.add(
        WebSession(
            token_hash=token_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(24),
            created_at=now, expires_at=now + timedelta(hours=hours),
        )
    )
    user.last_login_at = now
    return token


def close_session(session: Session, request: Request) -> None:
    token = request.cookies.get(COOKIE)
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))


def signed_in(session: Session, request: Request) -> SignedIn:
    token = request.cookies.get(COOKIE)
    if not token:
        raise LoginRequired
    row = session.get(WebSession, token_hash(token))
    if row is None or row.expires_at <= datetime.now(timezone.utc):
        raise LoginRequired
    user = session.get(CountyUser, row.user_id)
    if user is None or not user.active:
        raise LoginRequired
    return SignedIn(user, row.csrf_token)


def check_csrf(who: SignedIn, sent: object) -> None:
    if not isinstance(sent, str) or not same_secret(sent, who.csrf):
        raise CsrfFailed
