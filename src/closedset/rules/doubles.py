"""R4: a body or digital double may never exceed what the performer originally agreed to.

    double_violations(original, doubles, *, current=None, age=None) -> list[Problem]

`original` is the consent version the performer agreed before withdrawing: the version their
last signed rider was made from (the app keeps every version, so it can always pass it).
`doubles` are the `DoubleItem`s the production wants to record: each names the kind of double
and one content item it would perform. Each is refused (R4) unless, in `original`,

- the performer agreed to that content item (exactly, as everywhere: R3), and
- the performer agreed to that kind of double performing it.

When `current` (the latest version) is given, the double permission must still be yes there: a
performer withdraws it by naming it. A whole-scene withdrawal keeps double permissions, since a
double is then the production's only path (see `consent.withdraw`). With `age`, content a
minor may never agree to is refused citing R10.
"""

from __future__ import annotations

from collections.abc import Iterable

from closedset.rules.consent import (
    Answer,
    DoubleItem,
    Problem,
    SceneConsent,
    Standing,
    describe_item,
    standing,
    well_formed,
)


def double_violations(
    original: SceneConsent,
    doubles: Iterable[DoubleItem],
    *,
    current: SceneConsent | None = None,
    age: int | None = None,
) -> list[Problem]:
    if current is not None and (current.performer, current.scene) != (
        original.performer,
        original.scene,
    ):
        raise ValueError("the current consent belongs to another performer or scene")
    problems: list[Problem] = []
    for double in doubles:
        text = describe_item(double)
        if not well_formed(double):
            message = f"R3: a double names content outside the vocabulary ({text})"
            problems.append(Problem("R3", "invalid_double", message, double))
            continue
        content = standing(original, double.covers, age=age)
        if content is Standing.BARRED:
            problems.append(
                Problem(
                    "R10",
                    "minor_content",
                    f"R10: no nudity or sexual content for a performer under 18 ({text})",
                    double,
                )
            )
        elif content is Standing.GUARDIAN_NEEDED:
            problems.append(
                Problem(
                    "R10",
                    "guardian_cosignature_required",
                    f"R10: a performer under 18 needs a named guardian's co-signature ({text})",
                    double,
                )
            )
        elif content is not Standing.AGREED:
            problems.append(
                Problem(
                    "R4",
                    "double_exceeds_original",
                    f"R4: a double may not exceed what the performer originally agreed to ({text})",
                    double,
                )
            )
        elif original.answers.get(double) is not Answer.YES:
            problems.append(
                Problem(
                    "R4",
                    "double_not_agreed",
                    f"R4: the performer did not agree to this double ({text})",
                    double,
                )
            )
        elif current is not None and current.answers.get(double) is not Answer.YES:
            problems.append(
                Problem(
                    "R4",
                    "double_withdrawn",
                    f"R4: the performer has withdrawn this double ({text})",
                    double,
                )
            )
    return problems
