"""The session cookie, signed as Flask signs it, with the signer built once instead of per request.

Flask's ``SecureCookieSessionInterface`` makes a new itsdangerous serializer on every
request, API calls included, and making one test-encodes a value: measured, about 14% of
the app's own time on ``GET /health``. The serializer depends only on the app's keys, so
this subclass keeps the one it made until a key changes. Cookies are exactly Flask's.
"""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class CachedSignerSessionInterface(SecureCookieSessionInterface):
    def __init__(self):
        self._keys: tuple | None = None
        self._serializer: URLSafeTimedSerializer | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys != self._keys:
            self._serializer = super().get_signing_serializer(app)
            self._keys = keys
        return self._serializer
