# Pacesetter's image: the app and its run-time dependencies only (no dev extras), every package
# checked against requirements.lock's hashes, run as an unprivileged user. The container
# migrates the database, then serves (docs/deployment: README.md "Running it in a container").
#
# The base is pinned by exact tag, the Python the lock's hashes were taken for. To pin it by
# digest too: `docker buildx imagetools inspect python:3.11.7-slim-bookworm` and append
# `@sha256:...` to both FROM lines.

FROM python:3.11.7-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY requirements.lock pyproject.toml README.md ./
COPY deploy/runtime_requirements.py deploy/
COPY src/ src/
# The app's wheel, and the whole lock (hash-checked) to read the run-time closure from.
RUN python -m venv /tmp/full \
 && /tmp/full/bin/pip wheel -q --no-deps -w /wheels . \
 && /tmp/full/bin/pip install -q --require-hashes --no-deps -r requirements.lock \
 && /tmp/full/bin/pip install -q --no-deps /wheels/*.whl \
 && /tmp/full/bin/python deploy/runtime_requirements.py requirements.lock > runtime.lock

FROM python:3.11.7-slim-bookworm
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH=/opt/pacesetter/bin:$PATH \
    PACESETTER_HOST=0.0.0.0 PACESETTER_PORT=8000
COPY --from=build /src/runtime.lock /tmp/runtime.lock
COPY --from=build /wheels /tmp/wheels
RUN python -m venv /opt/pacesetter \
 && pip install -q --require-hashes --no-deps -r /tmp/runtime.lock \
 && pip install -q --no-deps /tmp/wheels/*.whl \
 && rm -rf /tmp/runtime.lock /tmp/wheels \
 && useradd --system --uid 10001 --home-dir /data --create-home pacesetter
USER pacesetter
WORKDIR /data
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# Migrations first (a no-op when the schema is current), then the server in the foreground.
CMD ["sh", "-c", "pacesetter db upgrade && exec pacesetter serve"]
