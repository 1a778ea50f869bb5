"""Lesson 01: the smallest useful Flask application, one route."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "This is my basic flask application!"


if __name__ == "__main__":
    app.run()
