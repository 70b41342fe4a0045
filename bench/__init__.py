"""Benchmarks of Innsteg, kept beside the code and out of the image (deploy/Dockerfile copies
backend/ only); config.settings installs this app when it is importable."""
