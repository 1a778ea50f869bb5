# The container image of final_app (lesson 11). Build and run it:
#
#   docker build -t reviews .
#   docker run --rm -p 127.0.0.1:8000:8000 -e SECRET_KEY="$(openssl rand -hex 32)" reviews
#
# The base is the official Python image; any image with Python 3.11 or newer and its venv
# module will do (the tests build on one made from Debian's packages).
ARG PYTHON_IMAGE=python:3.12-slim

# Stage 1: the virtual environment, from the exact pins of requirements-runtime.txt, without
# what running the app never needs: pip itself, and the packages' own test suites.
FROM ${PYTHON_IMAGE} AS build
RUN python3 -m venv /venv
COPY requirements-runtime.txt /tmp/
RUN /venv/bin/python -m pip install --no-cache-dir --no-compile --disable-pip-version-check \
        -r /tmp/requirements-runtime.txt \
    && /venv/bin/python -m pip uninstall --yes --quiet pip setuptools \
    && find /venv -depth -type d -name tests -exec rm -rf {} +
COPY final_app /app/final_app
COPY sentiment_model /app/sentiment_model
COPY models /app/models
# Start the app once, so that Python compiles exactly the modules it imports (and not the
# thousands it never uses): containers then start fast, even on a read-only filesystem.
WORKDIR /app
RUN APP_ENV=production SECRET_KEY=build-only-key-never-used-by-a-container \
        DATABASE_URL=postgresql://build:build@127.0.0.1:1/build \
        /venv/bin/python -c "import final_app.serve; from final_app import create_app; create_app()"

# Stage 2: what runs. No compilers, no pip, no build files: the environment, the code with
# its compiled modules, the model files and a folder the app may write to.
FROM ${PYTHON_IMAGE}
COPY --from=build /venv /venv
COPY --from=build /app/final_app /app/final_app
COPY --from=build /app/sentiment_model /app/sentiment_model
COPY --from=build /app/models /app/models
COPY --from=build --chown=10001:10001 /app/instance /app/instance
WORKDIR /app
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
