"""Case systems and a subsidy case, as in the subsidies tests."""

from tests.subsidies.conftest import case, case_system  # noqa: F401
