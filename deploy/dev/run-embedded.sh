#!/usr/bin/env bash
# The embedded demo (`make run`): the development server and, beside it, Celery beat running the
# scheduled jobs in-process (no broker: without REDIS_URL tasks run where they are sent), so the
# demo's reminders and digests are printed to this console. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${1:-8000}
py=.venv/bin/python
mkdir -p var
"$py" -m celery -A worker.celery_app beat --loglevel=INFO --schedule var/celerybeat-schedule &
beat=$!
trap 'kill "$beat" 2>/dev/null || true; wait "$beat" 2>/dev/null || true' EXIT INT TERM
"$py" manage.py runserver "127.0.0.1:$port"
