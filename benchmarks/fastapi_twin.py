"""A FastAPI twin of final_app's ``POST /api`` and ``GET /health``, for the server comparison.

It does the same work per request as the Flask app: the same verified model, the same
pydantic request model, a request id (the client's if sane), one JSON log line and the
same security headers, with a plain ``def`` endpoint (FastAPI runs it in a thread pool).
It exists only to answer "would a learner be faster with FastAPI instead?", and is served
by uvicorn with its fast extras (uvloop, httptools):

    uvicorn --factory benchmarks.fastapi_twin:create_twin --port 8000

Two versions: ``create_twin`` adds the middleware the way FastAPI's documentation shows
(``@app.middleware("http")``, what a learner would write); ``create_twin_asgi_middleware``
writes it against ASGI directly, which an experienced FastAPI user would do for speed.
"""

import time
import uuid

from fastapi import FastAPI, Request

from final_app.request_log import SANE_REQUEST_ID, configure_request_log, log
from final_app.schemas import HealthResponse, PredictRequest, PredictResponse
from final_app.security import SECURITY_HEADERS
from sentiment_model.loader import load_verified_model

HEADERS = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]


class RequestIdLogAndHeaders:
    """Pure ASGI middleware (cheaper than ``@app.middleware``): id, headers, one log line."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        status = 500

        async def send_with_headers(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                    *HEADERS,
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
        client = scope.get("client") or ("", 0)
        fields = {
            "event": "request",
            "request_id": request_id,
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "remote_addr": client[0],
        }
        log.info("request", extra={"fields": fields})


def create_twin() -> FastAPI:
    """The twin as FastAPI's documentation writes middleware (``@app.middleware("http")``)."""
    app = twin_endpoints()

    @app.middleware("http")
    async def request_id_log_and_headers(request: Request, call_next):
        started = time.perf_counter()
        given = request.headers.get("x-request-id", "")
        request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-ID"] = request_id
        response.headers.update(SECURITY_HEADERS)
        fields = {
            "event": "request",
            "request_id": request_id,
            "method": request.method,
            "path": request.url.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "remote_addr": request.client.host if request.client else "",
        }
        log.info("request", extra={"fields": fields})
        return response

    return app


def create_twin_asgi_middleware() -> RequestIdLogAndHeaders:
    """The same twin with the middleware written against ASGI itself, which is cheaper."""
    return RequestIdLogAndHeaders(twin_endpoints())


def twin_endpoints() -> FastAPI:
    """The two endpoints, with the shipped model loaded and verified once."""
    configure_request_log()
    model = load_verified_model()
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.post("/api", response_model=PredictResponse)
    def predict(body: PredictRequest) -> PredictResponse:
        [result] = model.predict([body.text])
        return PredictResponse(
            prediction=result.label, probability=result.probability, model_version=model.version
        )

    @app.get("/health", response_model=HealthResponse)
    def health() -> HealthResponse:
        return HealthResponse(status="ok")

    return app
