"""The deploy files hold together: every Kubernetes manifest validates against the Kubernetes
schemas (strict: no unknown fields), the kustomizations name files that exist and patch resources
that exist, the example overlay still validates once patched, and the compose file parses into
the stack it promises, with no secret in it and no console or file backend."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
K8S = DEPLOY / "k8s"
VERSION = kubernetes_validate.latest_version()
NOT_MANIFESTS = {"kustomization.yaml"}


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def _manifests() -> list[Path]:
    return sorted(
        p for p in K8S.rglob("*.yaml") if p.name not in NOT_MANIFESTS and ".patch." not in p.name
    )


@pytest.mark.parametrize("path", _manifests(), ids=lambda p: str(p.relative_to(K8S)))
def test_every_manifest_validates_against_the_kubernetes_schema(path: Path) -> None:
    for document in _documents(path):
        kubernetes_validate.validate(document, VERSION, strict=True)


def _key(document: dict[str, Any]) -> tuple[str, str]:
    return document["kind"], document["metadata"]["name"]


def _kustomize(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The resources a kustomization yields, with its file patches applied (maps merged, lists
    replaced: enough for the patches we write) and its JSON6902 replace operations."""
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    resources: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in kustomization.get("resources", []):
        target = (folder / entry).resolve()
        assert target.exists(), f"{folder}: resource {entry} does not exist"
        found = _kustomize(target) if target.is_dir() else {_key(d): d for d in _documents(target)}
        resources.update(found)
    for patch in kustomization.get("patches", []):
        if "path" in patch:
            for document in _documents(folder / patch["path"]):
                assert _key(document) in resources, f"{patch['path']} patches nothing"
                _merge(resources[_key(document)], document)
        else:
            target = (patch["target"]["kind"], patch["target"]["name"])
            assert target in resources, f"a patch targets {target}, which does not exist"
            for operation in yaml.safe_load(patch["patch"]):
                assert operation["op"] == "replace"
                *parents, last = operation["path"].strip("/").split("/")
                node = resources[target]
                for part in parents:
                    node = node[part]
                assert last in node, f"{operation['path']} does not exist in {target}"
                node[last] = operation["value"]
    namespace = kustomization.get("namespace")
    for document in resources.values():
        if namespace and document["kind"] != "Namespace":
            document["metadata"]["namespace"] = namespace
    return copy.deepcopy(resources)


def _merge(into: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def test_the_example_overlay_renders_to_valid_resources() -> None:
    rendered = _kustomize(K8S / "overlays" / "example")
    kinds = {kind for kind, _ in rendered}
    assert {"Deployment", "Job", "Service", "Ingress", "ConfigMap"} <= kinds
    assert {"HorizontalPodAutoscaler", "PodDisruptionBudget", "Namespace"} <= kinds
    for document in rendered.values():
        kubernetes_validate.validate(document, VERSION, strict=True)
    assert rendered["Deployment", "innsteg-web"]["spec"]["replicas"] == 3


def test_web_worker_and_beat_are_set_up_to_scale_probe_and_stop_gracefully() -> None:
    base = _kustomize(K8S / "base")
    web, worker, beat = (base["Deployment", f"innsteg-{p}"] for p in ("web", "worker", "beat"))
    web_container = web["spec"]["template"]["spec"]["containers"][0]
    assert web_container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    assert web_container["livenessProbe"]["httpGet"]["path"] == "/healthz/live"
    assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"]["type"] == "Recreate"
    # Workers hand back or finish their work within the soft shutdown; the grace period exceeds it.
    from django.conf import settings

    grace = worker["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    assert grace > settings.CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT + 15
    for deployment in (web, worker, beat):
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert "limits" in container["resources"] and "requests" in container["resources"]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
    targets = {
        d["spec"]["scaleTargetRef"]["name"]
        for (kind, _), d in base.items()
        if kind == "HorizontalPodAutoscaler"
    }
    assert targets == {"innsteg-web", "innsteg-worker"}


COMPOSE = DEPLOY / "compose.yaml"
REFUSED_BACKENDS = re.compile(r"console|filebased|locmem|FileSms|MemorySms|ConsoleSms", re.I)


def test_the_compose_file_parses_into_the_whole_stack() -> None:
    compose = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "migrate", "postgres", "redis", "proxy"} <= set(services)
    for name, service in services.items():
        for needed in service.get("depends_on", {}) or {}:
            assert needed in services, f"{name} depends on {needed}, which is not a service"
        for secret in service.get("secrets", []) or []:
            assert secret in compose["secrets"], f"{name} uses the undeclared secret {secret}"
        for key, value in (service.get("environment") or {}).items():
            assert not REFUSED_BACKENDS.search(str(value)), f"{name}: {key}={value}"
            assert not (key.endswith(("PASSWORD", "TOKEN", "SECRET_KEY")) and value), (
                f"{name}: {key} is given in clear; use {key}_FILE"
            )
    assert [services[p]["command"] for p in ("web", "worker", "beat", "migrate")] == [
        ["web"],
        ["worker"],
        ["beat"],
        ["migrate"],
    ]
    proxy = (DEPLOY / "proxy" / "nginx.conf").read_text()
    assert "gzip_static on" in proxy and "location = /metrics" in proxy
