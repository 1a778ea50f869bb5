"""The course's production-grade sentiment service.

``create_app`` builds it: configuration from the environment, the model loaded and
verified once, the database, CSRF for the page, the API and service endpoints, one error
shape, security headers and a log line per request. Serve it in production with
``python -m final_app.serve`` (granian; ``make serve`` does it for you).
"""

import logging
from pathlib import Path

import click
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from final_app import api, service, web
from final_app.config import LOCAL_DATABASE, ConfigurationError, config_for_environment
from final_app.errors import register_error_handlers
from final_app.extensions import csrf, db
from final_app.models import create_tables
from final_app.request_log import register_request_logging
from final_app.security import register_security_headers
from final_app.sessions import CachedSignerSessionInterface
from sentiment_model.loader import load_verified_model

log = logging.getLogger(__name__)


def create_app(config: dict | None = None) -> Flask:
    """Build the app from ``APP_ENV`` and the other variables; ``config`` overrides them.

    Raises ``ConfigurationError`` or ``ModelFileError``, with what to do, instead of
    starting half-configured.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config_for_environment())
    app.config.update(config or {})
    check_secret_key(app.config.get("SECRET_KEY"), app.config["MIN_SECRET_KEY_LENGTH"])
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.extensions["sentiment_model"] = load_verified_model(Path(app.config["MODEL_DIR"]))
    app.session_interface = CachedSignerSessionInterface()
    db.init_app(app)
    csrf.init_app(app)  # the page checks it (web.py); see WTF_CSRF_CHECK_DEFAULT in config.py
    app.register_blueprint(api.bp)
    app.register_blueprint(service.bp)
    app.register_blueprint(web.bp)
    register_error_handlers(app)
    register_security_headers(app)
    register_request_logging(app)
    app.cli.add_command(init_db_command)
    app.context_processor(
        lambda: {
            "model_version": app.extensions["sentiment_model"].version,
            "model_card": app.extensions["sentiment_model"].card,
        }
    )
    with app.app_context():
        create_tables()  # a database that is down must not stop the API from starting
    if app.config["SQLALCHEMY_DATABASE_URI"] == LOCAL_DATABASE and not app.testing:
        log.warning(
            "DATABASE_URL is not set: the page's history is kept in SQLite in %s, on this "
            "machine only. In a container it is lost with the container; set DATABASE_URL "
            "to a PostgreSQL server to keep it (lesson 11).",
            app.instance_path,
        )

    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    return app


def check_secret_key(key: str | None, minimum: int) -> None:
    """Refuse to run on no key, or (in production) on one short enough to guess."""
    how = (
        "Set it to a long random value, e.g. SECRET_KEY=\"$(python -c 'import secrets; "
        "print(secrets.token_hex(32))')\", or start the app with `make serve`, which keeps "
        "one in instance/secret_key."
    )
    if not key:
        raise ConfigurationError(f"SECRET_KEY is not set. {how}")
    if len(key) < minimum:
        raise ConfigurationError(f"SECRET_KEY is shorter than {minimum} characters. {how}")


@click.command("init-db")
def init_db_command():
    """Create the database tables (the app also does this when it starts)."""
    if not create_tables():
        raise click.ClickException("The database is unavailable; check DATABASE_URL.")
    click.echo("The tables exist.")
