"""One error shape for the API, pages for browsers, and never a traceback for anyone.

Routes under ``/api`` (and the service endpoints ``/health``, ``/ready``, ``/model``,
``/openapi.json``) answer ``{"error": {"code", "message", "fields"?}}``; pages answer HTML.
"""

import logging

from flask import Flask, current_app, jsonify, render_template, request
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge

from final_app.schemas import TEXT_RULE, TEXTS_RULE

log = logging.getLogger(__name__)
JSON_PREFIXES = ("/api", "/health", "/ready", "/model", "/openapi.json")
INTERNAL_MESSAGE = "Something went wrong on our side. It has been logged; please try again later."


class APIError(Exception):
    """An error a view raises to answer the JSON error shape with a given status."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


def wants_json() -> bool:
    return any(
        request.path == prefix or request.path.startswith(prefix + "/") for prefix in JSON_PREFIXES
    )


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    error = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return jsonify({"error": error}), status


def validation_fields(error: ValidationError) -> dict[str, str]:
    """``{"text": "must be ..."}`` from pydantic's errors, one message per field."""
    fields: dict[str, str] = {}
    for problem in error.errors():
        location = problem["loc"]
        if problem["type"] == "model_type":
            message = "must be a JSON object"
        elif problem["type"] == "extra_forbidden":
            message = "is not a field of this request"
        elif location[:1] == ("text",) or (location[:1] == ("texts",) and len(location) > 1):
            message = TEXT_RULE
        elif location == ("texts",):
            message = TEXTS_RULE
        else:
            message = problem["msg"]
        fields.setdefault(".".join(str(part) for part in location) or "body", message)
    return fields


def clearer_message(error: HTTPException) -> str:
    """Werkzeug's default text, made specific where it is vague."""
    if isinstance(error, RequestEntityTooLarge):
        limit = current_app.config["MAX_CONTENT_LENGTH"] // 1024
        return f"The request body is larger than the limit of {limit:,} KB."
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        allowed = ", ".join(sorted(set(error.valid_methods) - {"HEAD", "OPTIONS"}))
        return f"{request.method} is not allowed here; use {allowed}."
    if isinstance(error, NotFound) and wants_json() and error.description == NotFound.description:
        return f"There is no {request.path}; the API is described at /openapi.json."
    return error.description


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(APIError)
    def api_error(error: APIError):
        return error_response(error.status, error.code, error.message, error.fields)

    @app.errorhandler(ValidationError)
    def invalid_body(error: ValidationError):
        fields = validation_fields(error)
        message = "The request is not valid; see fields."
        return error_response(422, "validation_failed", message, fields)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code >= 500:
            return internal_error(error)
        headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
        message = clearer_message(error)
        if wants_json():
            code = error.name.lower().replace(" ", "_").replace("'", "")
            body, status = error_response(error.code, code, message)
            return body, status, headers
        page = render_template("error.html", title=error.name, message=message)
        return page, error.code, headers

    @app.errorhandler(Exception)
    def internal_error(error: Exception):
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=error)
        if wants_json():
            return error_response(500, "internal_error", INTERNAL_MESSAGE)
        return render_template("error.html", title="Server error", message=INTERNAL_MESSAGE), 500
