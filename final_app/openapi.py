"""The OpenAPI 3.1 document of the API, built from the pydantic schemas it validates with.

Schemas come from ``final_app/schemas.py`` (one source for validation and documentation);
this module adds the paths, status codes and examples. ``GET /openapi.json`` serves it, the
tests check every response against it, and the course site renders it.
"""

from final_app.config import Config
from final_app.schemas import (
    BatchRequest,
    BatchResponse,
    ErrorResponse,
    HealthResponse,
    LabelledPrediction,
    PredictRequest,
    PredictResponse,
    ReadyResponse,
)

SCHEMAS = (
    PredictRequest,
    PredictResponse,
    BatchRequest,
    BatchResponse,
    LabelledPrediction,
    ErrorResponse,
    HealthResponse,
    ReadyResponse,
)
REF = "#/components/schemas/{model}"
ERRORS = {
    "400": "The body is not valid JSON.",
    "413": f"The body is larger than {Config.MAX_CONTENT_LENGTH // 1024:,} KB.",
    "415": "The body is not `application/json`.",
    "422": "Valid JSON that fails validation; `fields` names each problem.",
}


def json_content(schema_name: str, example=None) -> dict:
    content = {"schema": {"$ref": REF.format(model=schema_name)}}
    if example is not None:
        content["example"] = example
    return {"application/json": content}


def error_responses() -> dict:
    responses = {
        status: {"description": description, "content": json_content("ErrorResponse")}
        for status, description in ERRORS.items()
    }
    responses["default"] = {
        "description": "Any other error, in the same shape.",
        "content": json_content("ErrorResponse"),
    }
    return responses


def build_openapi() -> dict:
    schemas = {}
    for model in SCHEMAS:
        schema = model.model_json_schema(ref_template=REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    schemas["ModelCard"] = {
        "type": "object",
        "description": "The model card: `models/model_card.json` of the loaded model.",
        "required": ["model_version", "labels", "files", "versions", "metrics"],
        "properties": {
            "model_version": {"type": "string"},
            "labels": {"type": "array", "items": {"type": "string"}},
            "files": {"type": "object"},
            "versions": {"type": "object"},
            "metrics": {"type": "object"},
        },
    }
    predict_example = {"prediction": "positive", "probability": 0.97, "model_version": "…"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Customer review sentiment API",
            "version": "1.0.0",
            "description": "Says whether customer reviews are positive or negative.",
        },
        "paths": {
            "/api": {
                "post": {
                    "summary": "Predict the sentiment of one review",
                    "operationId": "predict",
                    "requestBody": {
                        "required": True,
                        "content": json_content("PredictRequest", {"text": "Great phone"}),
                    },
                    "responses": {
                        "200": {
                            "description": "The prediction and its probability.",
                            "content": json_content("PredictResponse", predict_example),
                        },
                        **error_responses(),
                    },
                }
            },
            "/api/batch": {
                "post": {
                    "summary": "Predict the sentiment of up to 1,000 reviews at once",
                    "operationId": "predictBatch",
                    "requestBody": {
                        "required": True,
                        "content": json_content(
                            "BatchRequest", {"texts": ["Great phone", "Broke in a week"]}
                        ),
                    },
                    "responses": {
                        "200": {
                            "description": "One prediction per text, in order.",
                            "content": json_content("BatchResponse"),
                        },
                        **error_responses(),
                    },
                }
            },
            "/health": {
                "get": {
                    "summary": "Liveness: the process answers",
                    "operationId": "health",
                    "responses": {
                        "200": {"description": "Alive.", "content": json_content("HealthResponse")}
                    },
                }
            },
            "/ready": {
                "get": {
                    "summary": "Readiness: the model is loaded and the database answers",
                    "operationId": "ready",
                    "responses": {
                        "200": {"description": "Ready.", "content": json_content("ReadyResponse")},
                        "503": {
                            "description": "Not ready; `checks` says what is missing.",
                            "content": json_content("ReadyResponse"),
                        },
                    },
                }
            },
            "/model": {
                "get": {
                    "summary": "The card of the loaded model",
                    "operationId": "modelCard",
                    "responses": {
                        "200": {"description": "The card.", "content": json_content("ModelCard")}
                    },
                }
            },
        },
        "components": {"schemas": schemas},
    }
