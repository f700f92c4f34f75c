# The portal's production image: gunicorn serves it, WhiteNoise its static files.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORTAL_VAR_DIR=/app/var \
    DJANGO_SETTINGS_MODULE=portal.settings.production

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY requirements/base.lock requirements/base.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/base.lock

COPY --chown=portal:portal . .
# Static files and translations are built into the image; the settings need
# placeholder values only for this step.
RUN SECRET_KEY=image-build-placeholder-not-a-secret-0123456789abcdefghij \
    ALLOWED_HOSTS=build.invalid \
    sh -c "pybabel compile --domain django --directory locale --use-fuzzy \
    && python manage.py collectstatic --noinput" \
    && mkdir -p /app/var/media && chown -R portal:portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
