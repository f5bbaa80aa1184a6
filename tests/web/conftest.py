"""The dashboard tests use the consent cast and the shoot-day fixtures."""

from tests.consent.conftest import casting  # noqa: F401 - a fixture
from tests.shoot.conftest import shoot  # noqa: F401 - a fixture
