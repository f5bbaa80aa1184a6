"""Which part of a scene's brief a crew department needs (docs/adr/0010).

A member's department is free text ("Costume", "HMU", "2nd unit camera"). A small, fixed matching
table maps it to one kind of department brief; anything it does not match gets none.
"""

from __future__ import annotations

import re
from enum import StrEnum


class BriefKind(StrEnum):
    COSTUME = "costume"  # each performer's garments and barriers
    CAMERA = "camera"  # each performer's agreed nudity framing and the stills rule

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    BriefKind.COSTUME: "Costume, hair and make-up",
    BriefKind.CAMERA: "Camera and photography",
}

# Words (or word beginnings) in a department's name, in order: the first match decides.
MATCHING: tuple[tuple[str, BriefKind], ...] = (
    ("costume", BriefKind.COSTUME),
    ("wardrobe", BriefKind.COSTUME),
    ("hair", BriefKind.COSTUME),
    ("make-up", BriefKind.COSTUME),
    ("makeup", BriefKind.COSTUME),
    ("make up", BriefKind.COSTUME),
    ("hmu", BriefKind.COSTUME),
    ("camera", BriefKind.CAMERA),
    ("photograph", BriefKind.CAMERA),
    ("cinematograph", BriefKind.CAMERA),
    ("stills", BriefKind.CAMERA),
)


def department_kind(department: str) -> BriefKind | None:
    """The brief a free-text department needs, or None (it gets no department brief)."""
    text = " ".join(re.split(r"[\s/&,+]+", department.casefold())).strip()
    for word, kind in MATCHING:
        if re.search(r"(?<![a-z])" + re.escape(word), text):
            return kind
    return None
