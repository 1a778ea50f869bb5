"""Lesson 05: Jinja2 templates: layouts, loops, filters, and escaping by default."""

from flask import (
    Flask,
    abort,
    json,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup, escape
from werkzeug.exceptions import BadRequest, HTTPException

app = Flask(__name__)

POSTS = {
    1: {"id": 1, "title": "Hello, Flask"},
    2: {"id": 2, "title": "Routes and converters"},
}

REVIEWS = [
    {"text": "Great screen, and the battery lasts two days.", "rating": 5},
    {"text": "Stopped charging after a week.\nI sent it back.", "rating": 1},
]


def is_api_request():
    return request.path == "/api" or request.path.startswith("/api/")


def error_body(code, message, fields=None):
    error = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def read_json():
    if not request.is_json:
        abort(415, description='Send JSON, with the header "Content-Type: application/json".')
    try:
        return request.get_json()
    except (BadRequest, RecursionError):
        abort(400, description="The body is not valid JSON.")


@app.errorhandler(HTTPException)
def http_error(error):
    response = error.get_response()
    if is_api_request():
        code = error.name.lower().replace(" ", "_")
        response.data = json.dumps(error_body(code, error.description))
        response.content_type = "application/json"
    else:
        response.data = render_template("error.html", title=error.name, message=error.description)
    return response


@app.errorhandler(404)
def page_not_found(error):
    if is_api_request():
        return http_error(error)
    return render_template("error.html", title="Not Found", message="This page does not exist"), 404


@app.errorhandler(500)
def internal_error(error):
    message = "Something went wrong on our side. It has been logged; please try again later."
    if is_api_request():
        return jsonify(error_body("internal_error", message)), 500
    return render_template("error.html", title="Internal Server Error", message=message), 500


@app.template_filter("stars")
def stars(rating):
    return "★" * rating + "☆" * (5 - rating)


@app.template_filter("nl2br")
def nl2br(text):
    return Markup("<br>\n").join(escape(text).splitlines())


@app.route("/")
def index():
    return "This is my basic flask application!"


@app.route("/data", methods=["GET", "POST"])
def data():
    if request.method == "POST":
        return jsonify({"you_posted": read_json()})
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


@app.get("/api/posts/<int:post_id>")
def get_post(post_id):
    post = POSTS.get(post_id)
    if post is None:
        abort(404, description=f"There is no post with id {post_id}.")
    return jsonify(post)


@app.post("/api/posts")
def create_post():
    payload = read_json()
    title = payload.get("title") if isinstance(payload, dict) else None
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= 100:
        fields = {"title": "required: a string of 1 to 100 characters"}
        body = error_body("validation_failed", "The post is not valid; see fields.", fields)
        return jsonify(body), 422
    post = {"id": max(POSTS) + 1, "title": title.strip()}
    POSTS[post["id"]] = post
    response = jsonify(post)
    response.status_code = 201
    response.headers["Location"] = url_for("get_post", post_id=post["id"])
    return response


@app.route("/reviews", methods=["GET", "POST"])
def reviews():
    errors = {}
    if request.method == "POST":
        text = request.form.get("text", "").strip()
        rating = request.form.get("rating", type=int)
        if not 1 <= len(text) <= 500:
            errors["text"] = "Write a review of 1 to 500 characters."
        if rating not in range(1, 6):
            errors["rating"] = "Choose a rating from 1 to 5 stars."
        if not errors:
            REVIEWS.append({"text": text, "rating": rating})
            return redirect(url_for("reviews"), 303)
    page = render_template("reviews.html", reviews=REVIEWS, errors=errors, form=request.form)
    return page, 422 if errors else 200


if __name__ == "__main__":
    app.run()
