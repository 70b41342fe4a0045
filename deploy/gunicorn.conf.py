"""gunicorn settings for the web process; every value can be overridden from the environment."""

import os
import tempfile

pythonpath = "backend,."
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Idle keep-alive connections stay open longer than a proxy's or load balancer's idle timeout
# (60 s is common), so the server never closes one just as the client reuses it.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# No query strings in the access log: they may hold search words or codes. The last field is the
# request id the application answered with (X-Request-ID), the same as in its own log lines.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss %({x-request-id}o)s'

# With LOG_FORMAT=json (production), gunicorn's own lines are JSON objects like the application's.
if os.environ.get("LOG_FORMAT", "plain") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "common.observability.logs.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }

# gunicorn's control socket (for gunicornc) defaults to one shared path per user, so two servers
# on one host would take each other's: each server gets its own unless GUNICORN_CONTROL_SOCKET
# names one.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or os.path.join(
    tempfile.gettempdir(), f"innsteg-gunicorn-{os.getpid()}.ctl"
)

# Links in messages use INNSTEG_SITE_URL; without it, the address this server listens on.
_host, _, _port = bind.rpartition(":")
os.environ.setdefault(
    "INNSTEG_SITE_URL",
    f"http://{'127.0.0.1' if _host in ('0.0.0.0', '', '[::]') else _host}:{_port}",  # noqa: S104
)

# Prometheus counters of every worker process, added up at scrape time (GET /metrics).
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="innsteg-metrics-")


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
