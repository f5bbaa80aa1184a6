"""Policy packs: the numbers an agreement sets, with the rule and source each comes from.

Where sources differ by country or agreement, the number is a production setting whose
default comes from the pack (see shared DOMAIN.md: "make them production policy").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PolicyPack:
    code: str
    name: str
    notice_hours: int
    notice_source: str


SAG_AFTRA = PolicyPack(
    code="sag_aftra",
    name="SAG-AFTRA (US)",
    notice_hours=48,
    notice_source="R1: SAG-AFTRA Codified Basic Agreement, Section 43 (2020)",
)
CUSTOM = PolicyPack(
    code="custom",
    name="Other agreement (set the numbers yourself)",
    notice_hours=48,
    notice_source="R1: production policy; the SAG-AFTRA value is the starting point",
)

PACKS: dict[str, PolicyPack] = {pack.code: pack for pack in (SAG_AFTRA, CUSTOM)}
DEFAULT_PACK = SAG_AFTRA


def pack(code: str) -> PolicyPack:
    try:
        return PACKS[code]
    except KeyError:
        raise ValueError(f"unknown policy pack {code!r}") from None
