"""Choreography validation speed: a 40-beat scene with 30 performers, against two peers.

Generates one scene's consents (each performer answers for six partners: contact in both
directions, nudity, garments, doubles, stills; mostly yes, some discuss and no) and a choreography
of beats between partners, then times, in one run:

- `validate()` of the whole choreography (target: under 5 ms);
- peer 1, the same checks with each answer found by scanning the performer's answers as a list
  of rows (what a spreadsheet or an unindexed table does), results checked equal;
- peer 2, `copy.deepcopy` of the inputs: the cost of merely copying what is validated;
- `container()` and `describe()` of the same scene, for the director's brief.

    python bench/choreography.py [--beats 40] [--performers 30] [--repeat 500] [--seed 5]
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import time
from collections.abc import Callable, Mapping, Sequence

from closedset.rules.choreography import Beat, Status, requirements, validate
from closedset.rules.consent import (
    Act,
    Answer,
    DoubleItem,
    DoubleKind,
    GarmentItem,
    Item,
    ModestyItem,
    NudityItem,
    SceneConsent,
    StillsItem,
    act,
    give,
    receive,
)
from closedset.rules.container import container, describe
from closedset.rules.vocabulary import (
    GARMENTS,
    MODESTY_LEVELS,
    NUDITY_PARTS,
    VISIBILITIES,
    possible_genital_contact,
)

GOAL_MS = 5.0
RANK = {Status.OK: 0, Status.PENDING: 1, Status.OUTSIDE: 2, Status.PROHIBITED: 3}
ACTS: list[Act] = [
    *(act("kiss", "lips", mouth=m) for m in ("closed", "open_no_tongue", "tongue")),
    act("kiss", "neck", mouth="closed"),
    *(act("hold_embrace", a) for a in ("shoulders", "hips", "lower_back", "upper_back")),
    *(act("caress", a) for a in ("face", "head_hair", "upper_arms")),
    act("body_press", clothing="clothed"),
    act("body_press", clothing="unclothed"),
    act("lie_on_top", clothing="clothed"),
    act("simulated_thrusting"),
]
NUDITY = [NudityItem(p, v) for p in NUDITY_PARTS for v in VISIBILITIES]


def answer(rng: random.Random) -> Answer:
    roll = rng.random()
    return Answer.YES if roll < 0.8 else Answer.DISCUSS if roll < 0.9 else Answer.NO


def partners_of(index: int, size: int) -> list[int]:
    return [(index + step) % size for step in (-3, -2, -1, 1, 2, 3)]


def build(
    performers: int, beats: int, rng: random.Random
) -> tuple[list[Beat], dict[str, SceneConsent], dict[str, int | None]]:
    ids = [f"performer-{i:02d}" for i in range(performers)]
    cast: dict[str, int | None] = {p: rng.randint(19, 64) for p in ids}
    consents = {}
    for i, performer in enumerate(ids):
        answers: dict[Item, Answer] = {}
        for j in partners_of(i, performers):
            for what in ACTS:
                answers[give(ids[j], what)] = answer(rng)
                answers[receive(ids[j], what)] = answer(rng)
        for item in NUDITY:
            answers[item] = answer(rng)
        answers[ModestyItem(rng.choice(list(MODESTY_LEVELS)))] = answer(rng)
        for code in rng.sample(list(GARMENTS), 3):
            answers[GarmentItem(code)] = Answer.YES
        for item in rng.sample(NUDITY, 5):
            answers[DoubleItem(DoubleKind.BODY, item)] = answer(rng)
        answers[StillsItem()] = answer(rng)
        consents[performer] = SceneConsent(performer, "scene-1", answers=answers)
    plan = []
    for order in range(1, beats + 1):
        i = rng.randrange(performers)
        receiver = ids[rng.choice(partners_of(i, performers))]
        doers = (ids[i],) if rng.random() < 0.8 else (ids[i], ids[(i + 4) % performers])
        what = rng.choice(ACTS)
        contact = possible_genital_contact(what.action, what.area, what.parameters)
        barriers = frozenset({"barrier_pad"}) if contact and rng.random() < 0.7 else frozenset()
        dress = {ids[i]: frozenset(rng.sample(NUDITY, 2))} if rng.random() < 0.3 else {}
        plan.append(Beat(order, doers, what, receiver, barriers, dress))
    return plan, consents, cast


def naive_validate(
    beats: Sequence[Beat], rows: Mapping[str, list[tuple[Item, Answer]]]
) -> list[Status]:
    """The same checks for an adult cast, finding each answer by scanning a list of rows."""
    statuses = []
    for beat in beats:
        worst = Status.OK
        what = beat.act
        if (
            what is not None
            and possible_genital_contact(what.action, what.area, what.parameters)
            and not any(GARMENTS[b].physical_barrier for b in beat.barriers)
        ):
            worst = Status.PROHIBITED
        for performer, item in requirements(beat):
            found: Answer | None = None
            for candidate, given in rows.get(performer, ()):
                if candidate == item:
                    found = given
                    break
            if found is Answer.YES:
                status = Status.OK
            elif found is Answer.DISCUSS:
                status = Status.PENDING
            else:
                status = Status.OUTSIDE
            worst = max(worst, status, key=RANK.__getitem__)
        statuses.append(worst)
    return statuses


def timed(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """(median, best) in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--beats", type=int, default=40)
    parser.add_argument("--performers", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets
    beats, consents, cast = build(args.performers, args.beats, rng)
    answers = sum(len(c.answers) for c in consents.values())
    results = validate(beats, consents, cast)
    counts = {s.value: sum(r.status is s for r in results) for s in Status}
    print(
        f"scene: {len(beats)} beats, {len(cast)} performers, {answers} answers; "
        + ", ".join(f"{n} {s}" for s, n in counts.items())
    )

    rows = {p: list(c.answers.items()) for p, c in consents.items()}
    assert naive_validate(beats, rows) == [r.status for r in results]

    ours, ours_best = timed(args.repeat, lambda: validate(beats, consents, cast))
    scan, _ = timed(max(5, args.repeat // 10), lambda: naive_validate(beats, rows))
    copying, _ = timed(max(5, args.repeat // 10), lambda: copy.deepcopy((beats, consents)))
    verdict = "ok" if ours < GOAL_MS else "TOO SLOW"
    print(
        f"validate(): {ours:.3f} ms per validation (median of {args.repeat}, best "
        f"{ours_best:.3f} ms; target < {GOAL_MS:.0f} ms: {verdict})"
    )
    print(f"peer, linear scan of answer rows: {scan:.3f} ms; ratio validate/peer {ours / scan:.3f}")
    print(
        f"peer, copy.deepcopy(inputs): {copying:.3f} ms; ratio validate/peer {ours / copying:.3f}"
    )
    box_ms, _ = timed(max(5, args.repeat // 10), lambda: container(consents, cast))
    box = container(consents, cast)
    brief_ms, _ = timed(max(5, args.repeat // 10), lambda: describe(box, {}))
    print(
        f"container(): {box_ms:.3f} ms; describe(): {brief_ms:.3f} ms "
        f"({len(describe(box, {}))} sentences)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
