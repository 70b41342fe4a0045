#!/bin/sh
# The image's entrypoint: wait for PostgreSQL and Redis, then run one process by its name.
#   web      gunicorn (deploy/gunicorn.conf.py)
#   worker   a Celery worker (CELERY_CONCURRENCY, default 2)
#   beat     Celery beat (exactly one: it holds a lock in Redis while it schedules)
#   migrate  apply database migrations and exit (a Kubernetes Job, a compose one-off)
# Anything else is run as given (e.g. `python manage.py shell`).
set -eu
cd /app
python manage.py wait_for_services --timeout "${INNSTEG_WAIT_SECONDS:-60}"
case "${1:-web}" in
  web) exec gunicorn --config deploy/gunicorn.conf.py config.wsgi:application ;;
  worker) exec celery -A worker.celery_app worker --loglevel=INFO \
      --concurrency "${CELERY_CONCURRENCY:-2}" --without-gossip --without-mingle ;;
  beat) exec celery -A worker.celery_app beat --loglevel=INFO --schedule /tmp/celerybeat-schedule ;;
  migrate) exec python manage.py migrate --noinput ;;
  *) exec "$@" ;;
esac
