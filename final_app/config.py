"""Configuration: one class per environment, values from the environment variables.

``APP_ENV`` picks the class (``production`` unless told otherwise, so a forgotten variable
fails safe). Each class reads the variables when the app is created, not when this module
is imported, so tests and tools can build apps with different settings side by side.
"""

import os
import secrets

from sentiment_model.paths import MODELS_DIR

# Without DATABASE_URL: a file in the instance folder, on this machine only.
LOCAL_DATABASE = "sqlite:///final_app.sqlite"


class ConfigurationError(RuntimeError):
    """The app cannot start with these settings; the message says what to set."""


def database_url(url: str) -> str:
    """Use the installed PostgreSQL driver (psycopg 3) for plain ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def flag(name: str, default: bool) -> bool:
    """An on/off variable; a value that is neither is refused rather than read as off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
        raise ConfigurationError(f"{name}={value!r}: use 1 or 0 (true/false, yes/no, on/off).")
    return value in {"1", "true", "yes", "on"}


def whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        raise ConfigurationError(f"{name}={value!r}: use a whole number, such as {default}.")
    return int(value)


def engine_options(url: str) -> dict:
    """Check pooled connections before use; give up on an unreachable PostgreSQL after 3 s."""
    options = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": 3}
    return options


class Config:
    """Settings every environment shares."""

    NAME = "base"
    MIN_SECRET_KEY_LENGTH = 1
    MAX_CONTENT_LENGTH = 1024 * 1024
    RECENT_PREDICTIONS = 10
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # CSRF protects the page's forms; web.py checks it before each of its views, so API
    # and service requests (which require JSON or write nothing) skip the check's cost.
    WTF_CSRF_CHECK_DEFAULT = False
    SECURE_DEFAULT = True

    @classmethod
    def from_environment(cls) -> dict:
        settings = {key: getattr(cls, key) for key in dir(cls) if key.isupper()}
        url = database_url(os.environ.get("DATABASE_URL", LOCAL_DATABASE))
        settings.update(
            SECRET_KEY=os.environ.get("SECRET_KEY") or cls.fallback_secret_key(),
            SQLALCHEMY_DATABASE_URI=url,
            SQLALCHEMY_ENGINE_OPTIONS=engine_options(url),
            MODEL_DIR=os.environ.get("MODEL_DIR") or str(MODELS_DIR),
            SESSION_COOKIE_SECURE=flag("SESSION_COOKIE_SECURE", cls.SECURE_DEFAULT),
            PROXY_HOPS=whole_number("PROXY_HOPS", 0),
        )
        return settings

    @classmethod
    def fallback_secret_key(cls) -> str | None:
        """Production has none: ``create_app`` refuses to start without SECRET_KEY."""
        return None


class ProductionConfig(Config):
    NAME = "production"
    MIN_SECRET_KEY_LENGTH = 32


class DevelopmentConfig(Config):
    NAME = "development"
    SECURE_DEFAULT = False

    @classmethod
    def fallback_secret_key(cls) -> str | None:
        """Development may run on a random key; sessions then end when it restarts."""
        return secrets.token_hex(32)


class TestingConfig(DevelopmentConfig):
    NAME = "testing"
    TESTING = True


ENVIRONMENTS = {
    config.NAME: config for config in (ProductionConfig, DevelopmentConfig, TestingConfig)
}


def config_for_environment() -> dict:
    """The settings for ``APP_ENV`` (default ``production``)."""
    name = os.environ.get("APP_ENV", "production").strip().lower()
    if name not in ENVIRONMENTS:
        raise ConfigurationError(
            f"APP_ENV={name!r} is not one of {', '.join(sorted(ENVIRONMENTS))}."
        )
    return ENVIRONMENTS[name].from_environment()
