# syntax=docker/dockerfile:1
# Build: docker build -t ignition .     Run: docker run -p 8000:8000 --env-file prod.env ignition
# The final stage installs the built wheel, not the source tree: what runs here is exactly
# what `pip install .` ships (packages, Alembic scripts, seed data).

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY ignition ./ignition
COPY domain ./domain
COPY ports ./ports
COPY adapters ./adapters
COPY entrypoints ./entrypoints
RUN pip wheel --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    IGNITION_ENV=production
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links=/wheels ignition-backend
# pg_dump / pg_restore for `ignition admin backup` and `restore` (same major version as the server).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 --user-group ignition
WORKDIR /app
COPY gunicorn.conf.py /app/gunicorn.conf.py
# The filesystem blob store's default folder (./.data/blobs) must be writable by the app.
RUN mkdir -p /app/.data/blobs && chown -R ignition:ignition /app/.data
USER ignition
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4)"]
CMD ["gunicorn", "ignition.wsgi:app", "-c", "/app/gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
