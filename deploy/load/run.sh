#!/usr/bin/env bash
# Load test: gunicorn with the production settings, on PostgreSQL and Redis on localhost, with
# LISTINGS published listings (100 000), driven by locust (headless, loopback) with USERS (50)
# concurrent users for DURATION (120s): newcomers searching and reading, employers reading their
# applicants, a case system reading subsidy cases. Prints requests a second, p95 and errors.
#   bash deploy/load/run.sh            # USERS=50 DURATION=120s LISTINGS=100000
# It uses a database of its own (LOADTEST_DATABASE, default innsteg_load), kept between runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${USERS:-50}
DURATION=${DURATION:-120s}
LISTINGS=${LISTINGS:-100000}
DB=${LOADTEST_DATABASE:-innsteg_load}
PORT=${LOADTEST_PORT:-8089}
OUT=var/load
mkdir -p "$OUT"
py=.venv/bin/python
[ -x "$py" ] || make .venv/.installed
.venv/bin/pip install --quiet -c constraints.txt -e '.[load]'
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null

# Production settings, with keys of this test's own (kept, so the encrypted rows stay readable).
[ -f "$OUT/keys.env" ] || "$py" - > "$OUT/keys.env" <<'PY'
import base64, os, secrets
key = lambda: base64.urlsafe_b64encode(os.urandom(32)).decode()
print(f"INNSTEG_FIELD_KEYS={key()}\nINNSTEG_LOOKUP_KEY={key()}\nDJANGO_SECRET_KEY={secrets.token_urlsafe(50)}")
PY
set -a
. "$OUT/keys.env"
DJANGO_SETTINGS_MODULE=config.settings.production
DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
REDIS_URL=redis://127.0.0.1:6379/13
INNSTEG_CACHE_PREFIX=loadtest
INNSTEG_VAR_DIR=$OUT
DJANGO_ALLOWED_HOSTS=127.0.0.1
DJANGO_SECURE_SSL_REDIRECT=false
INNSTEG_SITE_URL=http://127.0.0.1:$PORT
EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
SMS_BACKEND=common.sms.HttpGatewaySmsBackend
SMS_GATEWAY_URL=http://127.0.0.1:9/unused
SMS_GATEWAY_TOKEN=unused
LOG_LEVEL=WARNING
GUNICORN_BIND=127.0.0.1:$PORT
# The load test measures capacity: 50 users from one address must not meet the per-address limits.
API_RATE_ANONYMOUS=100000/min
API_RATE_PERSON=100000/min
API_RATE_CLIENT=100000/min
OAUTH_TOKEN_RATE_ADDRESS=100000/min
OAUTH_TOKEN_RATE_CLIENT=100000/min
set +a

"$py" manage.py migrate --noinput -v 0
"$py" manage.py loadtest_setup --listings "$LISTINGS" --out "$OUT/loadtest.json"
"$py" manage.py collectstatic --noinput -v 0
"$py" -m gunicorn --config deploy/gunicorn.conf.py config.wsgi:application > "$OUT/gunicorn.log" 2>&1 &
web=$!
trap 'kill "$web" 2>/dev/null || true; wait "$web" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 1
done
LOADTEST_DATA="$OUT/loadtest.json" .venv/bin/locust -f deploy/load/locustfile.py --headless \
  --users "$USERS" --spawn-rate 10 --run-time "$DURATION" --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/result" --only-summary --loglevel WARNING
"$py" - "$OUT/result_stats.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"\n{total['Request Count']} requests, {total['Failure Count']} failures: "
      f"{float(total['Requests/s']):.1f} requests/s, p50 {total['50%']} ms, p95 {total['95%']} ms")
for r in rows:
    if r["Name"] != "Aggregated":
        print(f"  {r['Name']:<28} {r['Request Count']:>7}  p95 {r['95%']:>6} ms  failures {r['Failure Count']}")
PY
