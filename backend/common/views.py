import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi, gettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from common.health import health_report


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, report = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": report}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def healthz_live(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Not the database or Redis: their outage must not restart
    every web process (readiness, /healthz, takes the process out of the load balancer instead)."""
    return JsonResponse({"status": "ok"})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_GET
@cache_control(max_age=86400)
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, so a phone can add Innsteg to its home screen."""
    language = get_language()
    return JsonResponse(
        {
            "name": "Innsteg",
            "short_name": "Innsteg",
            "description": gettext(
                "Work practice, entry jobs and traineeships for newcomers to Norway."
            ),
            "lang": language,
            "dir": "rtl" if get_language_bidi() else "ltr",
            "start_url": reverse("listings:search"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5a3c",
            "icons": [
                {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
                {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


# What the service worker keeps: the static files every page needs, and the pages a person can
# open again offline (as path patterns): a listing, their applications and saved listings.
SERVICE_WORKER_STATIC = ["css/site.css", "js/app.js", "img/icons.svg", "img/icon.svg"]
SERVICE_WORKER_KEEP = [
    r"^/listings/\d+/$",
    r"^/me/applications/$",
    r"^/me/applications/\d+/$",
    r"^/saved/$",
]


@lru_cache(maxsize=1)
def _service_worker_source() -> str:
    found = finders.find("js/sw.js")
    path = Path(found if isinstance(found, str) else settings.STATIC_ROOT / "js" / "sw.js")
    return path.read_text(encoding="utf-8")


@require_GET
@cache_control(no_cache=True, max_age=0)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, at the site's root so that it may look after every page.

    Its static files are named with their content hash; the version changes with them and with
    the code, so a deploy installs a new worker and drops the old static cache."""
    source = _service_worker_source()
    precache = [static(name) for name in SERVICE_WORKER_STATIC]
    offline_url = reverse("offline")
    version = hashlib.sha256(
        "\n".join([source, offline_url, *precache]).encode("utf-8")
    ).hexdigest()[:12]
    config = {
        "version": version,
        "precache": precache,
        "offline": offline_url,
        "keep": SERVICE_WORKER_KEEP,
    }
    body = f"self.INNSTEG = {json.dumps(config)};\n{source}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it does not keep when the phone is offline.

    The worker keeps one copy for everyone on the phone, so it is rendered for nobody: no
    person's name, menu or messages (and the messages waiting for the person stay unread)."""
    return render(request, "offline.html", {"user": AnonymousUser(), "messages": []})
