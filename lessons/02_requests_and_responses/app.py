"""Lesson 02: reading requests and shaping responses."""

from flask import Flask, jsonify, make_response, request
from werkzeug.exceptions import BadRequest

app = Flask(__name__)


@app.route("/")
def index():
    return "This is my basic flask application!"


@app.route("/data", methods=["GET", "POST"])
def data():
    if request.method == "POST":
        if not request.is_json:
            return 'Send JSON, with the header "Content-Type: application/json".\n', 415
        try:
            payload = request.get_json()
        except (BadRequest, RecursionError):
            return "The body is not valid JSON.\n", 400
        return jsonify({"you_posted": payload})
    return "Hello, GET request!"


@app.get("/greet")
def greet():
    name = request.args.get("name", "world")
    response = make_response(f"Hello, {name}!\n", 200)
    response.mimetype = "text/plain"
    response.headers["Cache-Control"] = "no-store"
    return response


if __name__ == "__main__":
    app.run()
