"""Endpoints for operators and orchestrators: liveness, readiness, the model, the API spec."""

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from final_app.api import sentiment_model
from final_app.extensions import db
from final_app.models import StoredPrediction, create_tables
from final_app.openapi import build_openapi

bp = Blueprint("service", __name__)
log = logging.getLogger(__name__)


@bp.get("/health")
def health():
    """Liveness: the process answers. Restart it only when this fails."""
    return jsonify(status="ok")


@bp.get("/ready")
def ready():
    """Readiness: send traffic only when the model is loaded and the database answers."""
    checks = {"model": "ok" if sentiment_model() else "not loaded"}
    checks["database"] = "ok" if history_table_ready() else "unavailable"
    is_ready = all(value == "ok" for value in checks.values())
    body = {"status": "ready" if is_ready else "not ready", "checks": checks}
    return jsonify(body), 200 if is_ready else 503


def history_table_ready() -> bool:
    """The database answers and holds the page's table (made now if it was down at start)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("readiness: database unavailable: %s", type(error).__name__)
        return False
    try:
        db.session.execute(select(StoredPrediction.id).limit(1))
        return True
    except SQLAlchemyError:
        db.session.rollback()
        return create_tables()


@bp.get("/model")
def model_card():
    """The card of the loaded model: version, file hashes, library versions, metrics."""
    return jsonify(sentiment_model().card)


@bp.get("/openapi.json")
def openapi():
    if "openapi" not in current_app.extensions:
        current_app.extensions["openapi"] = build_openapi()
    return jsonify(current_app.extensions["openapi"])
