#!/usr/bin/env python
"""Django's command-line utility for Innsteg."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main() -> None:
    sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
    if sys.argv[1:2] == ["eligibility"] and "--language" not in " ".join(sys.argv[2:]):
        # The engine is pure Python: answering records in English needs no Django set-up, no
        # settings and no database, so a file of records starts being answered at once.
        # With --language the Django command below answers in that language.
        from subsidies.rules.bulk import main as eligibility

        sys.exit(eligibility(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
