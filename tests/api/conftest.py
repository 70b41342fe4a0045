"""Case systems and a subsidy case, as in the subsidies tests (`case` is schemathesis's word
here, so the subsidy case is `subsidy_case`)."""

import pytest

from organisations.models import Organisation
from subsidies.models import SubsidyCase
from tests.subsidies.conftest import case_system, open_case  # noqa: F401


@pytest.fixture
def subsidy_case(organisation: Organisation) -> SubsidyCase:
    """The POLICY.md sample, computed: eligible."""
    return open_case(organisation)
