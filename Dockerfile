# The container image of final_app (lesson 11). Build and run it:
#
#   docker build -t reviews .
#   docker run --rm -p 127.0.0.1:8000:8000 -e SECRET_KEY="$(openssl rand -hex 32)" reviews
#
# The base is the official Python image; any image with Python 3.11 or newer and its venv
# module will do (the tests build on one made from Debian's packages).
ARG PYTHON_IMAGE=python:3.12-slim

# Stage 1: the virtual environment, from the exact pins of requirements-runtime.txt.
FROM ${PYTHON_IMAGE} AS build
RUN python3 -m venv /venv
COPY requirements-runtime.txt /tmp/
RUN /venv/bin/python -m pip install --no-cache-dir --disable-pip-version-check \
        -r /tmp/requirements-runtime.txt \
    && mkdir -p /app/instance

# Stage 2: what runs. No compilers, no pip cache, no build files: the environment, the
# code, the model files and a folder the app may write to.
FROM ${PYTHON_IMAGE}
COPY --from=build /venv /venv
WORKDIR /app
COPY --from=build --chown=10001:10001 /app/instance /app/instance
COPY final_app /app/final_app
COPY sentiment_model /app/sentiment_model
COPY models /app/models
# Compiled once here, so that a container (even on a read-only filesystem) starts fast.
RUN python3 -m compileall -q /app/final_app /app/sentiment_model
# A user that is not root, by number: the image needs no account tools to create it.
USER 10001:10001
ENV PATH=/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    APP_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    WEB_CONCURRENCY=1
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/health', timeout=2)"]
# SIGTERM (what docker stop, Kubernetes and every platform send) makes granian stop taking
# connections, finish the requests it has, and exit within GRACEFUL_TIMEOUT seconds.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "final_app.serve"]
