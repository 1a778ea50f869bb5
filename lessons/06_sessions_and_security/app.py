"""Lesson 06: sessions, secrets from the environment, CSRF protection, security headers."""

import os
import secrets

from flask import (
    Flask,
    abort,
    json,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf import CSRFProtect, FlaskForm
from markupsafe import Markup, escape
from werkzeug.exceptions import BadRequest, HTTPException
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

app = Flask(__name__)

DEVELOPMENT = os.environ.get("APP_ENV", "development") == "development"
secret_key = os.environ.get("SECRET_KEY")
if not secret_key:
    if not DEVELOPMENT:
        raise RuntimeError("SECRET_KEY is not set. Set it in the environment before starting.")
    secret_key = secrets.token_hex(32)
    app.logger.warning(
        "SECRET_KEY is not set: using a random key, so sessions end when the server stops."
    )
app.config.update(
    SECRET_KEY=secret_key,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
    SESSION_COOKIE_SECURE=not DEVELOPMENT,
)
csrf = CSRFProtect(app)

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


@app.after_request
def set_security_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def strip_whitespace(value):
    return value.strip() if isinstance(value, str) else value


class ReviewForm(FlaskForm):
    text = TextAreaField(
        "Your review", validators=[DataRequired(), Length(max=500)], filters=[strip_whitespace]
    )
    rating = SelectField(
        "Rating",
        choices=[SelectChoice(value, stars(value)) for value in range(5, 0, -1)],
        coerce=int,
    )


class NameForm(FlaskForm):
    name = StringField(
        "Your name", validators=[DataRequired(), Length(max=40)], filters=[strip_whitespace]
    )


@app.route("/")
def index():
    return "This is my basic flask application!"


@app.route("/data", methods=["GET", "POST"])
@csrf.exempt
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
@csrf.exempt
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
    form = ReviewForm()
    if form.validate_on_submit():
        REVIEWS.append({"text": form.text.data, "rating": form.rating.data})
        return redirect(url_for("reviews"), 303)
    page = render_template("reviews.html", reviews=REVIEWS, form=form)
    return page, 422 if form.errors else 200


@app.route("/me", methods=["GET", "POST"])
def me():
    form = NameForm()
    if form.validate_on_submit():
        session["name"] = form.name.data
        return redirect(url_for("me"), 303)
    if request.method == "GET":
        session["visits"] = session.get("visits", 0) + 1
    name, visits = session.get("name"), session.get("visits", 0)
    page = render_template("me.html", form=form, name=name, visits=visits)
    return page, 422 if form.errors else 200


@app.post("/me/forget")
def forget_me():
    session.clear()
    return redirect(url_for("me"), 303)


if __name__ == "__main__":
    app.run()
