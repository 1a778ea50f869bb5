"""Lesson 09: the source article's model server, made correct and safe."""

from pathlib import Path

from flask import Flask, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException

from sentiment_model.loader import load_verified_model

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
MAX_TEXT_LENGTH = 5000

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024

sentiment = load_verified_model(MODELS_DIR)
model = sentiment.model
vectorizer = sentiment.vectorizer


def error(status, code, message):
    return jsonify({"error": {"code": code, "message": message}}), status


@app.errorhandler(HTTPException)
def http_error(exception):
    code = exception.name.lower().replace(" ", "_")
    body, status = error(exception.code, code, exception.description)
    return body, status, [(k, v) for k, v in exception.get_headers() if k != "Content-Type"]


@app.get("/")
def index():
    return 'POST a JSON body like {"text": "Great phone"} to /api.\n'


@app.post("/api")
def predict():
    if not request.is_json:
        return error(415, "unsupported_media_type", "Send JSON: Content-Type: application/json.")
    try:
        data = request.get_json()
    except (BadRequest, RecursionError):
        return error(400, "bad_request", "The body is not valid JSON.")
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT_LENGTH:
        message = f'"text" must be a non-empty string of at most {MAX_TEXT_LENGTH:,} characters.'
        return error(422, "validation_failed", message)

    data_vectorized = vectorizer.transform([text])
    probabilities = model.predict_proba(data_vectorized)[0]
    best = probabilities.argmax()
    output = str(model.classes_[best])
    probability = float(probabilities[best])

    return jsonify(
        {"prediction": output, "probability": probability, "model_version": sentiment.version}
    )


if __name__ == "__main__":
    app.run(port=5000)
