"""Benchmarks and load-test set-ups: `manage.py bench_*` and `loadtest_setup`.

They live beside the project, not in it: the image (deploy/Dockerfile) does not copy this folder,
and settings install the app only where it is present (a checkout).
"""
