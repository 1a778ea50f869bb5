"""The API's request and response bodies, as pydantic models.

They validate what clients send (strictly: a number is not a string) and they are the
single source of the OpenAPI document's schemas (``final_app/openapi.py``).
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

MAX_TEXT_LENGTH = 5000
MAX_BATCH_SIZE = 1000
TEXT_RULE = f"must be a non-empty string of at most {MAX_TEXT_LENGTH:,} characters"
TEXTS_RULE = f"must be a list of 1 to {MAX_BATCH_SIZE:,} review texts"


def readable_text(value: str) -> str:
    """Refuse text with nothing to read, or that is not valid Unicode (lone surrogates)."""
    if not value.strip():
        raise ValueError("is only whitespace")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("is not valid Unicode text") from None
    return value


ReviewText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT_LENGTH),
    AfterValidator(readable_text),
    Field(
        description=f"A customer review: 1 to {MAX_TEXT_LENGTH:,} characters, not only whitespace."
    ),
]
Label = Literal["positive", "negative"]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class PredictRequest(Strict):
    text: ReviewText


class BatchRequest(Strict):
    texts: list[ReviewText] = Field(min_length=1, max_length=MAX_BATCH_SIZE)


class LabelledPrediction(Strict):
    prediction: Label
    probability: float = Field(ge=0.5, le=1.0, description="Of the predicted label.")


class PredictResponse(LabelledPrediction):
    model_version: str


class BatchResponse(Strict):
    predictions: list[LabelledPrediction]
    model_version: str


class ErrorDetail(Strict):
    code: str = Field(description="Stable, snake_case: for programs.")
    message: str = Field(description="What was wrong and how to fix it: for people.")
    fields: dict[str, str] | None = Field(
        default=None, description="Only for validation errors: each failing field's problem."
    )


class ErrorResponse(Strict):
    error: ErrorDetail


class HealthResponse(Strict):
    status: Literal["ok"]


class ReadyResponse(Strict):
    status: Literal["ready", "not ready"]
    checks: dict[str, str]
