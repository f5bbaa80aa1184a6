"""A small script with known intimate content, uploaded through the service."""

from __future__ import annotations

import pytest
from tests.conftest import Cast

from closedset.scripts import services
from closedset.scripts.models import Scene

SCRIPT = b"""Title: Tide Line

INT. KITCHEN - NIGHT

ANA (30s) and LUIS (30s) wash dishes. Ana turns and kisses him on the lips.

EXT. HARBOUR - DAY

Gulls. LUIS mends a net. Nothing else happens.

INT. BEDROOM - NIGHT

Ana pulls her shirt over her head. She is topless. They make love.

EXT. SCHOOLYARD - DAY

MIA (16) and TOM (16) sit on a bench. Mia kisses Tom.
"""

REVISION = b"""Title: Tide Line

INT. KITCHEN - NIGHT

ANA (30s) and LUIS (30s) wash dishes. Ana turns and kisses him on the lips.

EXT. HARBOUR - DAY

Gulls. LUIS mends a net. He takes off his shirt; he is naked to the waist, sweating.

INT. BEDROOM - NIGHT

Ana pulls her shirt over her head. She is topless. They make love.

EXT. SCHOOLYARD - DAY

MIA (16) and TOM (16) sit on a bench. Mia kisses Tom.

INT. BATHROOM - NIGHT

Ana steps out of the shower, nude.
"""


@pytest.fixture
def uploaded(cast: Cast) -> services.UploadResult:
    return services.script_upload(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        data=SCRIPT,
        filename="tide-line.fountain",
    )


def scene_by_heading(result: services.UploadResult, heading: str) -> Scene:
    return Scene.objects.get(revision=result.revision, normalized_heading=heading)
