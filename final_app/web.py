"""The web page: type a review, see the prediction, and the recent ones the page stored.

Only this page writes to the database. When the database is down the page still predicts;
it just says the history is unavailable.
"""

import logging
import secrets

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from final_app.api import sentiment_model
from final_app.extensions import csrf, db
from final_app.models import StoredPrediction
from final_app.schemas import MAX_TEXT_LENGTH

bp = Blueprint("web", __name__)
bp.before_request(csrf.protect)
log = logging.getLogger(__name__)
SHOWN_TEXT = 300


def strip_whitespace(value):
    return value.strip() if isinstance(value, str) else value


class ReviewForm(FlaskForm):
    text = TextAreaField(
        "Your review",
        validators=[
            DataRequired(),
            Length(max=MAX_TEXT_LENGTH),
            Regexp(r"^[^\x00]*$", message="A review cannot contain NUL characters."),
        ],
        filters=[strip_whitespace],
        render_kw={"maxlength": MAX_TEXT_LENGTH, "rows": 5},
    )


def store(visitor: str, text: str, label: str, probability: float, version: str) -> bool:
    """Keep the prediction for the history; report (not raise) when the database is down."""
    db.session.add(
        StoredPrediction(
            visitor=visitor, text=text, label=label, probability=probability, model_version=version
        )
    )
    try:
        db.session.commit()
        return True
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("could not store a prediction: %s", error.__class__.__name__)
        return False


def recent_predictions(visitor: str) -> list[StoredPrediction] | None:
    """This visitor's newest stored predictions, or None when the database cannot be read."""
    query = (
        select(StoredPrediction)
        .where(StoredPrediction.visitor == visitor)
        .order_by(StoredPrediction.id.desc())
    )
    try:
        return db.session.scalars(query.limit(current_app.config["RECENT_PREDICTIONS"])).all()
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("could not read the history: %s", error.__class__.__name__)
        return None


@bp.route("/", methods=["GET", "POST"])
def index():
    form = ReviewForm()
    visitor = session.setdefault("visitor", secrets.token_hex(16))
    if form.validate_on_submit():
        model = sentiment_model()
        [result] = model.predict([form.text.data])
        store(visitor, form.text.data, result.label, result.probability, model.version)
        session["last_result"] = {
            "text": form.text.data[:SHOWN_TEXT],
            "shortened": len(form.text.data) > SHOWN_TEXT,
            "label": result.label,
            "probability": result.probability,
        }
        return redirect(url_for("web.index"), 303)
    page = render_template(
        "index.html",
        form=form,
        result=session.pop("last_result", None),
        recent=recent_predictions(visitor),
    )
    return page, 422 if form.errors else 200
