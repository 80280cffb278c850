"""Audit disclosure control: from everything the site publishes about the survey, work out what
a reader can know of each hidden number, and find every number that is pinned too closely.

A reader knows each published number, the rules the method page states (a hidden number may be
any number from 0 up) and how the numbers hang together: the answers of a single-choice question
add up to the number who answered it, a part is never larger than its whole, and the difference
between a group and a part of it is a group of its own. The audit keeps, for every hidden number
and every such difference, the range of values consistent with all of it, tightened until
nothing changes (bounds propagation; issue 15). A hidden number narrowed to fewer than four
possible values, or a published number or difference of 1–4, is a finding.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.errors import UserError

# A number's name in the publication, such as ("count", "grounds", "kon").
Key = tuple[str, ...]
SMALLEST_SHOWN = 5
FEWEST_VALUES = 4
# The upper bound of a hidden number nothing else bounds: larger than any survey.
NO_LIMIT = 10**9
# Tightening rounds per relation before the audit gives up (it never should: every relation
# has coefficients ±1 and the true counts satisfy them all).
ROUNDS_PER_RELATION = 200


@dataclass(frozen=True)
class Quantity:
    """A number the site publishes, or keeps back (value None), and where a reader meets it.

    A hidden number may be anything from `at_least` to `at_most` by the rules the method page
    states; the page states none, so any number from 0 up (an older page's "färre än 5" said 1–4).
    """

    key: Key
    name: str
    value: int | None
    at_least: int = 0
    at_most: int = NO_LIMIT


@dataclass(frozen=True)
class Relation:
    """A fact a reader knows: the sum of coefficient × number is 0 (`exact`) or at most 0."""

    terms: tuple[tuple[int, Key], ...]
    exact: bool


def adds_up(members: Iterable[Key], total: Key) -> Relation:
    """The members add up to the total (the answers of a single-choice question)."""
    return Relation((*((1, key) for key in members), (-1, total)), exact=True)


def covered_by(total: Key, members: Iterable[Key]) -> Relation:
    """Everyone in the total is in at least one member (a question with several answers)."""
    return Relation(((1, total), *((-1, key) for key in members)), exact=False)


@dataclass(frozen=True)
class Publication:
    """Everything published about the survey, as numbers and the relations between them.

    `nested` lists (part, whole) pairs of groups of responses: each whole − part is a group
    too, so it is checked like a published number. `problems` are findings made while
    collecting: a share or a sentence that gives away more than the numbers.
    """

    quantities: tuple[Quantity, ...]
    relations: tuple[Relation, ...]
    nested: tuple[tuple[Key, Key], ...]
    problems: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Finding:
    """Something a reader could work out; `hide` is the published number that would stop it."""

    message: str
    hide: Key | None


@dataclass(frozen=True)
class Audit:
    """The audit's result: what it checked, the narrowest range it found, and its findings."""

    hidden_checked: int
    differences_checked: int
    narrowest: int | None  # None: no hidden number, or none with an upper bound
    findings: tuple[Finding, ...]

    def report(self) -> dict[str, int | None]:
        """For the build report: cells checked and the fewest possible values of any of them."""
        return {
            "hidden_checked": self.hidden_checked,
            "differences_checked": self.differences_checked,
            "narrowest_range": self.narrowest,
        }


@dataclass(frozen=True)
class _Difference:
    """The group whole − part: its own number in the audit."""

    part: Key
    whole: Key

    @property
    def key(self) -> Key:
        return ("difference", *self.whole, "minus", *self.part)


Bounds = dict[Key, tuple[int, int]]


def combine(parts: Iterable[Publication]) -> Publication:
    """One publication of several parts (pages, tables) that a reader sees together."""
    parts = list(parts)
    return Publication(
        tuple(q for part in parts for q in part.quantities),
        tuple(r for part in parts for r in part.relations),
        tuple(n for part in parts for n in part.nested),
        tuple(f for part in parts for f in part.problems),
    )


def audit(publication: Publication) -> Audit:
    """Work out each hidden number's possible values and report what a reader could pin down."""
    quantities = {q.key: q for q in publication.quantities}
    differences = [_Difference(part, whole) for part, whole in _closure(publication.nested)]
    relations = [*publication.relations, *(_difference_relation(d) for d in differences)]
    bounds: Bounds = {key: _domain(q) for key, q in quantities.items()}
    bounds |= {d.key: (0, NO_LIMIT) for d in differences}
    if not _tighten_all(bounds, relations):
        finding = Finding(
            "De publicerade talen går inte ihop med varandra, så skyddet kan inte prövas.", None
        )
        return Audit(0, len(differences), None, (finding,))
    hidden = [q for q in publication.quantities if q.value is None]
    neighbours = _published_neighbours(relations, quantities)
    findings = [*publication.problems]
    findings += [_published_finding(q) for q in publication.quantities if _is_small(q.value)]
    findings += [
        _narrow_finding(q, neighbours, quantities)
        for q in hidden
        if _possible_values(bounds[q.key]) < FEWEST_VALUES
    ]
    findings += [
        _difference_finding(d, neighbours, quantities) for d in differences if _pins_a_group(bounds[d.key])
    ]
    # A range still reaching towards NO_LIMIT has no upper bound at all: it is not a width.
    widths = [_possible_values(bounds[q.key]) for q in hidden if bounds[q.key][1] < NO_LIMIT // 2]
    return Audit(len(hidden), len(differences), min(widths, default=None), tuple(_unique(findings)))


def audit_error(result: Audit) -> UserError:
    """Phrase the findings as one error that stops the build; no hidden value is ever named."""
    return UserError(
        f"Statistiken skyddar inte alla små grupper: {len(result.findings)} tal går att räkna ut "
        "av det som skulle publiceras. Ingenting har publicerats.",
        [finding.message for finding in result.findings],
    )


def _domain(quantity: Quantity) -> tuple[int, int]:
    """A published number is what it says; a hidden one what the stated rules allow."""
    if quantity.value is not None:
        return (quantity.value, quantity.value)
    return (quantity.at_least, quantity.at_most)


def _is_small(value: int | None) -> bool:
    return value is not None and 0 < value < SMALLEST_SHOWN


def _possible_values(bound: tuple[int, int]) -> int:
    return bound[1] - bound[0] + 1


def _pins_a_group(bound: tuple[int, int]) -> bool:
    """A group narrowed to fewer than four values of which one is 1–4. (A narrow range of large
    values follows from a narrow hidden number, which is a finding of its own.)"""
    low, high = bound
    return _possible_values(bound) < FEWEST_VALUES and low < SMALLEST_SHOWN and high > 0


def _closure(nested: Sequence[tuple[Key, Key]]) -> list[tuple[Key, Key]]:
    """Every (part, whole) pair that follows from the given ones: a part of a part is a part."""
    wholes: dict[Key, set[Key]] = {}
    for part, whole in nested:
        wholes.setdefault(part, set()).add(whole)
    pairs: set[tuple[Key, Key]] = set()
    for part in wholes:
        stack = list(wholes[part])
        while stack:
            whole = stack.pop()
            if (part, whole) not in pairs:
                pairs.add((part, whole))
                stack += wholes.get(whole, ())
    return sorted(pairs)


def _difference_relation(difference: _Difference) -> Relation:
    """whole − part − difference = 0, with the difference at least 0: the part is not larger."""
    return Relation(((1, difference.whole), (-1, difference.part), (-1, difference.key)), exact=True)


def _tighten_all(bounds: Bounds, relations: Sequence[Relation]) -> bool:
    """Narrow every range by every relation until nothing changes; False if they contradict."""
    watching: dict[Key, list[int]] = {}
    for index, relation in enumerate(relations):
        for _, key in relation.terms:
            watching.setdefault(key, []).append(index)
    queue = deque(range(len(relations)))
    queued = set(queue)
    rounds = ROUNDS_PER_RELATION * max(len(relations), 1)
    while queue:
        rounds -= 1
        index = queue.popleft()
        queued.discard(index)
        changed = _tighten(bounds, relations[index])
        if changed is None or rounds < 0:
            return False
        for key in changed:
            for other in watching[key]:
                if other not in queued:
                    queue.append(other)
                    queued.add(other)
    return True


def _tighten(bounds: Bounds, relation: Relation) -> set[Key] | None:
    """Narrow the ranges of one relation's numbers; the keys that changed, or None if impossible."""
    changed: set[Key] = set()
    sides = [relation.terms]
    if relation.exact:
        sides.append(tuple((-coefficient, key) for coefficient, key in relation.terms))
    for terms in sides:
        lowest = {key: _lowest(coefficient, bounds[key]) for coefficient, key in terms}
        least = sum(lowest.values())
        if least > 0:
            return None
        for coefficient, key in terms:
            # coefficient × number ≤ −(the least the other terms can add up to)
            room = lowest[key] - least
            low, high = bounds[key]
            if coefficient > 0:
                high = min(high, room // coefficient)
            else:
                low = max(low, -(room // -coefficient))
            if (low, high) != bounds[key]:
                if low > high:
                    return None
                bounds[key] = (low, high)
                changed.add(key)
    return changed


def _lowest(coefficient: int, bound: tuple[int, int]) -> int:
    return coefficient * (bound[0] if coefficient > 0 else bound[1])


def _published_finding(quantity: Quantity) -> Finding:
    return Finding(f"{quantity.name}: ett tal från 1 till 4 skulle visas.", quantity.key)


def _narrow_finding(quantity: Quantity, neighbours: Neighbours, quantities: dict[Key, Quantity]) -> Finding:
    return Finding(
        f"{quantity.name}: det dolda talet går att ringa in till färre än {FEWEST_VALUES} möjliga värden.",
        _smallest(neighbours.get(quantity.key, set()), quantities),
    )


def _difference_finding(
    difference: _Difference, neighbours: Neighbours, quantities: dict[Key, Quantity]
) -> Finding:
    part, whole = quantities[difference.part], quantities[difference.whole]
    message = (
        f"Skillnaden mellan {whole.name} och {part.name} går att räkna ut "
        "och är en liten grupp (eller nästan)."
    )
    if part.value is not None:  # the smaller group is refused, as with any two close totals
        return Finding(message, part.key)
    return Finding(message, _smallest(neighbours.get(part.key, set()), quantities))


# For each number, the published numbers that share a relation with it: hiding one of them
# widens what the number can be.
Neighbours = dict[Key, set[Key]]


def _published_neighbours(relations: Sequence[Relation], quantities: dict[Key, Quantity]) -> Neighbours:
    found: Neighbours = {}
    for relation in relations:
        published = {
            key for _, key in relation.terms if key in quantities and quantities[key].value is not None
        }
        for _, key in relation.terms:
            found.setdefault(key, set()).update(published - {key})
    return found


def _smallest(keys: Iterable[Key], quantities: dict[Key, Quantity]) -> Key | None:
    """The smallest published number, preferring non-zero ones, as secondary suppression does."""
    ranked = sorted(keys, key=lambda key: (quantities[key].value == 0, quantities[key].value or 0, key))
    return ranked[0] if ranked else None


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))
