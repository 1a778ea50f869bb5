"""The sentiment API: ``POST /api`` and ``POST /api/batch``, JSON in and JSON out.

CSRF does not apply here (programs have no form to take a token from); instead a body is
read only when it says it is JSON, which a form on another site cannot send.
"""

import json

from flask import Blueprint, current_app, jsonify, request

from final_app.errors import APIError
from final_app.schemas import BatchRequest, PredictRequest
from sentiment_model.predictor import SentimentModel

bp = Blueprint("api", __name__)


def sentiment_model() -> SentimentModel:
    """The model ``create_app`` loaded and verified once, at start-up."""
    return current_app.extensions["sentiment_model"]


def read_json_body():
    """The request body parsed as JSON, or a clear 415 / 400 / 413.

    ``request.get_json()`` would let a ``RecursionError`` from a deeply nested body escape
    as a 500, so the body is parsed here, where every way it can fail is caught.
    """
    if not request.is_json:
        raise APIError(
            415,
            "unsupported_media_type",
            'Send a JSON body with the header "Content-Type: application/json".',
        )
    body = request.get_data(cache=False)
    try:
        return json.loads(body)
    except RecursionError:
        raise APIError(400, "bad_request", "The JSON body is nested too deeply.") from None
    except ValueError as error:
        raise APIError(400, "bad_request", f"The body is not valid JSON: {error}.") from None


@bp.post("/api")
def predict():
    request_body = PredictRequest.model_validate(read_json_body())
    model = sentiment_model()
    [result] = model.predict([request_body.text])
    return jsonify(
        prediction=result.label, probability=result.probability, model_version=model.version
    )


@bp.post("/api/batch")
def predict_batch():
    request_body = BatchRequest.model_validate(read_json_body())
    model = sentiment_model()
    results = model.predict(request_body.texts)
    return jsonify(
        predictions=[{"prediction": r.label, "probability": r.probability} for r in results],
        model_version=model.version,
    )
