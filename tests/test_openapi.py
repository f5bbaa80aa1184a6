"""The published API schema (docs/openapi.json) matches what the code serves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).resolve().parents[1] / "docs" / "openapi.json"


@pytest.mark.django_db
def test_the_served_schema_matches_the_published_snapshot() -> None:
    served = Client().get("/api/v1/openapi.json").json()
    published = json.loads(SNAPSHOT.read_text())
    assert served == published, "the API changed: run 'make openapi' and review the diff"


@pytest.mark.django_db
def test_every_operation_has_an_id_named_after_its_function() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation.get("operationId"), f"{method} {path} has no operationId"
            assert "_" in operation["operationId"]
