"""The body map's drawing: one shape per body area, front and back (vocabulary BODY_AREAS).

Plain data for the template: each view is a list of (area code, SVG path). Areas drawn later sit
on top of earlier ones (lips over the face, nipples over the breasts). Coordinates are in a
200 by 460 box per view; the figure fills VIEWBOX.
"""

from __future__ import annotations

from closedset.rules.vocabulary import BODY_AREAS, View

VIEWBOX = "32 12 136 442"


def _rect(x: float, y: float, w: float, h: float, r: float = 6) -> str:
    return (
        f"M{x + r},{y} h{w - 2 * r} a{r},{r} 0 0 1 {r},{r} v{h - 2 * r} "
        f"a{r},{r} 0 0 1 -{r},{r} h-{w - 2 * r} a{r},{r} 0 0 1 -{r},-{r} "
        f"v-{h - 2 * r} a{r},{r} 0 0 1 {r},-{r} Z"
    )


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return f"M{cx - rx},{cy} a{rx},{ry} 0 1 0 {2 * rx},0 a{rx},{ry} 0 1 0 -{2 * rx},0 Z"


def _pair(area: str, left: str, right: str) -> list[tuple[str, str]]:
    return [(area, left), (area, right)]


_LIMBS: list[tuple[str, str]] = [
    *_pair("shoulders", _ellipse(60, 124, 17, 12), _ellipse(140, 124, 17, 12)),
    *_pair("upper_arms", _rect(42, 134, 20, 54, 9), _rect(138, 134, 20, 54, 9)),
    *_pair("forearms", _rect(38, 192, 20, 54, 9), _rect(142, 192, 20, 54, 9)),
    *_pair("hands", _ellipse(47, 264, 12, 17), _ellipse(153, 264, 12, 17)),
]

FRONT: list[tuple[str, str]] = [
    ("head_hair", "M64,52 C62,10 138,10 136,52 C124,38 76,38 64,52 Z"),
    ("face", "M64,52 C76,38 124,38 136,52 C136,84 122,100 100,100 C78,100 64,84 64,52 Z"),
    ("lips", _ellipse(100, 80, 14, 7)),
    ("neck", _rect(85, 100, 30, 16, 4)),
    ("chest", _rect(70, 114, 60, 64, 8)),
    ("breasts", _ellipse(85, 160, 15, 14)),
    ("breasts", _ellipse(115, 160, 15, 14)),
    ("nipples", _ellipse(85, 162, 6, 6)),
    ("nipples", _ellipse(115, 162, 6, 6)),
    ("abdomen", _rect(72, 180, 56, 52, 8)),
    ("hips", _rect(66, 234, 68, 28, 8)),
    ("genitals", "M84,238 L116,238 Q112,262 100,274 Q88,262 84,238 Z"),
    *_LIMBS,
    *_pair("outer_thighs", _rect(66, 264, 18, 80, 7), _rect(116, 264, 18, 80, 7)),
    *_pair("inner_thighs", _rect(86, 278, 13, 66, 5), _rect(101, 278, 13, 66, 5)),
    *_pair("knees", _ellipse(84, 357, 15, 12), _ellipse(116, 357, 15, 12)),
    *_pair("lower_legs", _rect(72, 371, 24, 60, 9), _rect(104, 371, 24, 60, 9)),
    *_pair("feet", _ellipse(82, 442, 15, 9), _ellipse(118, 442, 15, 9)),
]

BACK: list[tuple[str, str]] = [
    ("head_hair", _ellipse(100, 58, 36, 42)),
    ("neck", _rect(85, 100, 30, 16, 4)),
    ("upper_back", _rect(70, 114, 60, 72, 8)),
    ("lower_back", _rect(72, 188, 56, 44, 8)),
    ("hips", _rect(66, 234, 68, 24, 8)),
    *_pair("buttocks", _ellipse(84, 266, 17, 22), _ellipse(116, 266, 17, 22)),
    *_LIMBS,
    *_pair("outer_thighs", _rect(66, 290, 18, 62, 7), _rect(116, 290, 18, 62, 7)),
    *_pair("lower_legs", _rect(72, 358, 24, 72, 9), _rect(104, 358, 24, 72, 9)),
    *_pair("feet", _ellipse(82, 442, 15, 9), _ellipse(118, 442, 15, 9)),
]

# Parts of the outline that are no body area of their own on that view (the backs of the
# thighs and knees): drawn plain, not interactive.
BACK_OUTLINE: list[str] = [_rect(86, 290, 28, 66, 6)]

VIEWS: dict[View, list[tuple[str, str]]] = {View.FRONT: FRONT, View.BACK: BACK}


def check() -> None:
    """Every body area is drawn on exactly the views the vocabulary gives it."""
    for view, shapes in VIEWS.items():
        drawn = {code for code, _ in shapes}
        expected = {code for code, area in BODY_AREAS.items() if view in area.views}
        if drawn != expected:
            raise ValueError(f"{view} body map draws {sorted(drawn ^ expected)} wrongly")
