#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on localhost for the tests. Starts them when they are
# installed but stopped; stops with a message saying what to install when they are missing.
# A DATABASE_URL or REDIS_URL pointing elsewhere is left alone.
set -euo pipefail

db_url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/innsteg}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379/15}

host_port() { # URL -> "host port"
  python3 - "$1" <<'PY'
import sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
print(u.hostname or "127.0.0.1", u.port or {"redis": 6379, "rediss": 6379}.get(u.scheme, 5432))
PY
}
is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_port() { for _ in $(seq 1 30); do port_open "$1" "$2" && return 0; sleep 1; done; return 1; }

read -r db_host db_port < <(host_port "$db_url")
read -r redis_host redis_port < <(host_port "$redis_url")

if ! port_open "$db_host" "$db_port"; then
  if ! is_local "$db_host"; then
    echo "PostgreSQL at $db_host:$db_port does not answer (DATABASE_URL)." >&2; exit 1
  fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql)" ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "Starting PostgreSQL $version ..."
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_port "$db_host" "$db_port" || { echo "PostgreSQL did not start on port $db_port." >&2; exit 1; }
  else
    echo "PostgreSQL is not installed. Install it (Debian: apt-get install postgresql) or set DATABASE_URL." >&2
    exit 1
  fi
fi

if ! port_open "$redis_host" "$redis_port"; then
  if ! is_local "$redis_host"; then
    echo "Redis at $redis_host:$redis_port does not answer (REDIS_URL)." >&2; exit 1
  fi
  if command -v redis-server >/dev/null; then
    echo "Starting Redis ..."
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no
    wait_port "$redis_host" "$redis_port" || { echo "Redis did not start on port $redis_port." >&2; exit 1; }
  else
    echo "Redis is not installed. Install it (Debian: apt-get install redis-server) or set REDIS_URL." >&2
    exit 1
  fi
fi
echo "PostgreSQL ($db_host:$db_port) and Redis ($redis_host:$redis_port) are up."
