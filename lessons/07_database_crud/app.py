"""Lesson 07: a database with Flask-SQLAlchemy: a model, CRUD over JSON, and an HTML page."""

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
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect, FlaskForm
from markupsafe import Markup, escape
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException
from wtforms import EmailField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Regexp

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
    SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL", "sqlite:///lesson07.sqlite"),
)
csrf = CSRFProtect(app)


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(app, model_class=Base)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)

    def __repr__(self):
        return f"<User {self.username!r}>"

    def to_dict(self):
        return {"id": self.id, "username": self.username, "email": self.email}


with app.app_context():
    db.create_all()

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


NO_CONTROLS = "must not contain control characters"
MAX_ID = 2**31 - 1


class UserForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[DataRequired(), Length(3, 80), Regexp(r"^[^\x00-\x1f]*$", message=NO_CONTROLS)],
        filters=[strip_whitespace],
    )
    email = EmailField(
        "Email", validators=[DataRequired(), Length(max=120), Email()], filters=[strip_whitespace]
    )


USER_FIELDS = ("username", "email")


def validate_user_json(payload, partial=False):
    if not isinstance(payload, dict):
        return None, {"body": "must be a JSON object"}
    errors = {name: "unknown field" for name in payload if name not in USER_FIELDS}
    for name in USER_FIELDS:
        if name in payload and not isinstance(payload[name], str):
            errors[name] = "must be a string"
    if errors:
        return None, errors
    form = UserForm(formdata=MultiDict(payload), meta={"csrf": False})
    names = [name for name in USER_FIELDS if name in payload] if partial else USER_FIELDS
    for name in names:
        if not form[name].validate(form):
            errors[name] = form[name].errors[0]
    return {name: form[name].data for name in names}, errors


def validation_failed(fields):
    body = error_body("validation_failed", "The user is not valid; see fields.", fields)
    return jsonify(body), 422


def save_or_conflicts(user):
    values = {name: getattr(user, name) for name in USER_FIELDS}
    user_id = user.id
    try:
        db.session.commit()
        return []
    except IntegrityError:
        db.session.rollback()
    taken = []
    for name, value in values.items():
        owner = db.session.scalar(select(User.id).where(getattr(User, name) == value))
        if owner is not None and owner != user_id:
            taken.append(name)
    return taken or list(USER_FIELDS)


def conflict(taken):
    message = f"That {' and '.join(taken)} {'is' if len(taken) == 1 else 'are'} already taken."
    return jsonify(error_body("conflict", message)), 409


def user_or_404(user_id):
    missing = f"There is no user with id {user_id}."
    if user_id > MAX_ID:
        abort(404, description=missing)
    return db.get_or_404(User, user_id, description=missing)


def page_args():
    args, errors = {}, {}
    for name, default, maximum in (("page", 1, 10_000), ("per_page", 20, 100)):
        value = request.args.get(name, str(default))
        if value.isascii() and value.isdigit() and len(value) <= 5 and 1 <= int(value) <= maximum:
            args[name] = int(value)
        else:
            errors[name] = f"must be a whole number from 1 to {maximum}"
    return args, errors


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


@app.post("/api/users")
@csrf.exempt
def create_user():
    data, errors = validate_user_json(read_json())
    if errors:
        return validation_failed(errors)
    user = User(**data)
    db.session.add(user)
    taken = save_or_conflicts(user)
    if taken:
        return conflict(taken)
    response = jsonify(user.to_dict())
    response.status_code = 201
    response.headers["Location"] = url_for("get_user", user_id=user.id)
    return response


@app.get("/api/users")
def list_users():
    args, errors = page_args()
    if errors:
        return validation_failed(errors)
    users = db.paginate(select(User).order_by(User.id), error_out=False, **args)
    next_url = url_for("list_users", page=users.next_num, per_page=users.per_page)
    previous_url = url_for("list_users", page=users.prev_num, per_page=users.per_page)
    return jsonify(
        {
            "users": [user.to_dict() for user in users],
            "total": users.total,
            "page": users.page,
            "per_page": users.per_page,
            "pages": users.pages,
            "next": next_url if users.has_next else None,
            "previous": previous_url if users.has_prev else None,
        }
    )


@app.get("/api/users/<int:user_id>")
def get_user(user_id):
    user = user_or_404(user_id)
    return jsonify(user.to_dict())


@app.patch("/api/users/<int:user_id>")
@csrf.exempt
def update_user(user_id):
    user = user_or_404(user_id)
    data, errors = validate_user_json(read_json(), partial=True)
    if errors:
        return validation_failed(errors)
    for name, value in data.items():
        setattr(user, name, value)
    taken = save_or_conflicts(user)
    if taken:
        return conflict(taken)
    return jsonify(user.to_dict())


@app.delete("/api/users/<int:user_id>")
@csrf.exempt
def delete_user(user_id):
    user = user_or_404(user_id)
    db.session.delete(user)
    db.session.commit()
    return "", 204


@app.route("/users", methods=["GET", "POST"])
def users_page():
    form = UserForm()
    status = 200
    if form.validate_on_submit():
        user = User(username=form.username.data, email=form.email.data)
        db.session.add(user)
        taken = save_or_conflicts(user)
        if not taken:
            return redirect(url_for("users_page"), 303)
        for name in taken:
            form[name].errors.append(f"That {name} is already taken.")
        status = 409
    elif form.errors:
        status = 422
    users = db.session.scalars(select(User).order_by(User.username)).all()
    return render_template("users.html", users=users, form=form), status


if __name__ == "__main__":
    app.run()
