"""The page at /: the form, the prediction, the stored history, CSRF and escaping."""

import json
import shutil

import pytest
from sqlalchemy import select

from final_app import create_app
from final_app.extensions import db
from final_app.models import StoredPrediction
from sentiment_model.paths import CARD_FILENAME, MODELS_DIR
from tests.final_app.conftest import SHIPPED_CARD
from tests.forms import csrf_token_in, submit_form

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def app(app_on_each_database):
    """These tests touch the database, so they run on each one the suite has."""
    return app_on_each_database


def stored(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.scalars(select(StoredPrediction).order_by(StoredPrediction.id))
        return [(row.text, row.label, row.model_version) for row in rows]


def test_each_visitor_sees_only_their_own_reviews(app):
    """A review is its writer's: the next visitor's page does not show it."""
    alice, bob = app.test_client(), app.test_client()
    submit_form(alice, "/", {"text": "Alice thinks this kettle is lovely and private."})
    assert "Alice thinks this kettle" in alice.get("/").get_data(as_text=True)
    assert "Alice" not in bob.get("/").get_data(as_text=True)
    assert len(stored(app)) == 1


def test_page_has_a_protected_form(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Is this review positive or negative?" in html
    assert csrf_token_in(html)
    assert "No predictions yet" in html
    assert SHIPPED_CARD["model_version"] in html


def test_page_says_how_often_the_model_is_right_here_and_on_real_reviews(client):
    """The card's held-out figure and its real-review figures, with their date and source."""
    html = client.get("/").get_data(as_text=True)
    held_out = round(SHIPPED_CARD["metrics"]["test"]["balanced_accuracy"] * 100)
    assert f"{held_out}% (balanced accuracy)" in html
    real = SHIPPED_CARD["real_reviews"]
    assert real["measured"] in html
    for source, label in (("amazon", "Amazon"), ("yelp", "Yelp"), ("imdb", "IMDb")):
        assert f"{label} {round(real['balanced_accuracy'][source] * 100)}%" in html


def test_page_leaves_out_real_review_figures_a_card_does_not_have(app_env, tmp_path):
    """A model trained without the opt-in has no such figures, and the page invents none."""
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    card = json.loads((models / CARD_FILENAME).read_text())
    del card["real_reviews"]
    (models / CARD_FILENAME).write_text(json.dumps(card))
    app_env.setenv("MODEL_DIR", str(models))
    html = create_app().test_client().get("/").get_data(as_text=True)
    assert "balanced accuracy" in html
    assert "real reviews" not in html


def test_submitting_a_review_shows_and_stores_the_prediction(app, client):
    response = submit_form(client, "/", {"text": "The battery lasts all week, love it."})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    html = client.get("/").get_data(as_text=True)
    assert "<h2>Positive</h2>" in html
    assert "% confident" in html
    assert "The battery lasts all week, love it." in html
    assert stored(app) == [
        ("The battery lasts all week, love it.", "positive", SHIPPED_CARD["model_version"])
    ]


def test_result_is_shown_once(client):
    submit_form(client, "/", {"text": "Cracked on the first drop."})
    assert "<h2>Negative</h2>" in client.get("/").get_data(as_text=True)
    assert "<h2>Negative</h2>" not in client.get("/").get_data(as_text=True)


def test_recent_predictions_are_listed_newest_first(client):
    for text in ["First review, great.", "Second review, awful.", "Third review, fine."]:
        submit_form(client, "/", {"text": text})
    html = client.get("/").get_data(as_text=True)
    history = html.split("Your recent predictions", 1)[1]
    assert history.index("Third review") < history.index("Second review") < history.index("First")


def test_review_text_is_escaped_in_the_result_and_the_history(client):
    submit_form(client, "/", {"text": XSS})
    html = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count("&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;") == 2


def test_post_without_csrf_token_is_400_and_stores_nothing(app, client):
    client.get("/")
    response = client.post("/", data={"text": "Forged from another site."})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert stored(app) == []


@pytest.mark.parametrize("text", ["", "   ", "x" * 5001, "nul\x00byte"])
def test_invalid_review_is_422_with_the_form(app, client, text):
    response = submit_form(client, "/", {"text": text})
    assert response.status_code == 422
    assert 'role="alert"' in response.get_data(as_text=True)
    assert stored(app) == []


def test_page_predicts_even_when_the_database_is_down(app_env, tmp_path):
    app_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'app.sqlite'}")
    client = create_app().test_client()
    page = client.get("/")
    assert page.status_code == 200
    assert "The history is unavailable right now" in page.get_data(as_text=True)
    assert submit_form(client, "/", {"text": "Superb blender."}).status_code == 303
    html = client.get("/").get_data(as_text=True)
    assert "<h2>Positive</h2>" in html
    assert "The history is unavailable right now" in html


def test_unknown_page_is_an_html_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Back to the review page" in response.get_data(as_text=True)
