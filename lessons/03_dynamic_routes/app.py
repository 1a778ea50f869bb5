"""Lesson 03: dynamic routes, converters and building URLs with url_for."""

from flask import Flask, jsonify, make_response, request, url_for
from markupsafe import escape
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


@app.route("/user/<username>")
def show_user_profile(username):
    return f"User {escape(username)}"


@app.route("/post/<int:post_id>")
def show_post(post_id):
    return f"Post {post_id}"


@app.route("/path/<path:subpath>")
def show_subpath(subpath):
    return f"Subpath {escape(subpath)}"


@app.route("/links")
def links():
    profile = url_for("show_user_profile", username="Ada Lovelace")
    post = url_for("show_post", post_id=42)
    greeting = url_for("greet", name="Ada")
    return (
        f'<a href="{profile}">A profile</a><br>'
        f'<a href="{post}">A post</a><br>'
        f'<a href="{greeting}">A greeting</a>'
    )


if __name__ == "__main__":
    app.run()
