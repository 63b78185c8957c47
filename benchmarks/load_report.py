"""The load benchmark's numbers (:mod:`benchmarks.load`): latency statistics by kind of
request, the hostile requests' answers, the attempts acknowledged and stored, the kill and
restart; as a markdown table, and the goals each run must meet."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from benchmarks.load_traffic import KINDS, Ack, Sample

P95_GOAL = 0.300  # seconds, pages and answer checks
HOSTILE_GOAL = 2.0  # seconds for a hostile request's 4xx
SLOWDOWN_GOAL = 1.5  # the others' p95 with the attacker, over without


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` percentile (0 to 100) of ``values``; nan when empty.

    >>> percentile([0.1, 0.2, 0.3, 0.4], 50), percentile([0.1, 0.2, 0.3, 0.4], 95)
    (0.2, 0.4)
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class KindStats:
    """One kind of request: count, latencies (seconds), 4xx, 5xx, failed (no answer), and
    how many of the 5xx were 503 (the server busy: its queue full, try again later)."""

    count: int
    p50: float
    p95: float
    max: float
    client_errors: int
    server_errors: int
    failed: int
    busy: int = 0


def lost_acks(stored: dict[int, tuple[str, int | None, int | None, str]], acks: list[Ack]
              ) -> list[Ack]:
    """The acknowledged answers not in the database: no attempt with the ID the page
    showed, or one that holds another answer (skill, seed, level, text); an answer
    acknowledged without an ID counts as lost too.

    >>> ada = Ack(7, "power-rule", 3, 1, "2x", 0.5)
    >>> lost_acks({7: ("power-rule", 3, 1, "2x")}, [ada]), lost_acks({}, [ada]) == [ada]
    ([], True)
    >>> lost_acks({7: ("power-rule", 3, 1, "3x")}, [ada]) == [ada]
    True
    """
    return [ack for ack in acks if ack.attempt is None or
            stored.get(ack.attempt) != (ack.skill, ack.seed, ack.level, ack.answer)]


def stats(samples: list[Sample]) -> dict[str, KindStats]:
    """The statistics of each kind of request among ``samples``.

    >>> stats([Sample("page", 0, 0.01, 200), Sample("page", 1, 0.02, 503)])["page"].server_errors
    1
    """
    out = {}
    for kind in KINDS:
        mine = [s for s in samples if s.kind == kind]
        answered = [s.seconds for s in mine if s.status]
        out[kind] = KindStats(len(mine), percentile(answered, 50), percentile(answered, 95),
                              max(answered, default=math.nan),
                              sum(400 <= s.status < 500 for s in mine),
                              sum(s.status >= 500 for s in mine),
                              sum(s.status == 0 for s in mine),
                              sum(s.status == 503 for s in mine))
    return out


@dataclass(frozen=True)
class KillResult:
    """The kill phase: answers acknowledged in it, acknowledged answers (of the whole run)
    missing after the restart, the restart's seconds to serving, the status then."""

    acknowledged: int
    lost: int
    restart_seconds: float
    status_after: int


@dataclass
class Report:
    """One run of the load benchmark."""

    workers: int
    learners: int
    seconds: float
    think: float
    kinds: dict[str, KindStats]
    window: tuple[float, float]
    samples: list[Sample]
    hostile: list[tuple[str, int, float]]
    acknowledged: int
    stored: int
    lost: int
    failures: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    kill: KillResult | None = None
    database: str = ""

    def p95_by_window(self, kind: str) -> tuple[float, float]:
        """The p95 of ``kind`` outside the attacker's time span, and within it."""
        start, end = self.window
        inside = [s.seconds for s in self.samples
                  if s.kind == kind and s.status and start <= s.started < end]
        outside = [s.seconds for s in self.samples
                   if s.kind == kind and s.status and not start <= s.started < end]
        return percentile(outside, 95), percentile(inside, 95)

    def hostile_rows(self) -> dict[str, tuple[int, set[int], float]]:
        """Each hostile request: how many were sent, their statuses, the slowest answer."""
        rows: dict[str, tuple[int, set[int], float]] = {}
        for name, status, seconds in self.hostile:
            count, statuses, slowest = rows.get(name, (0, set(), 0.0))
            rows[name] = (count + 1, statuses | {status}, max(slowest, seconds))
        return rows

    def missed(self) -> list[str]:
        """The goals this run missed (none: every goal met)."""
        misses = []
        for kind in ("page", "answer"):
            if not self.kinds[kind].p95 < P95_GOAL:
                misses.append(f"p95 of {kind} requests is {self.kinds[kind].p95 * 1000:.0f} ms")
            quiet, attacked = self.p95_by_window(kind)
            if attacked > SLOWDOWN_GOAL * quiet:
                misses.append(f"the attacker raised the p95 of {kind} requests from "
                              f"{quiet * 1000:.0f} to {attacked * 1000:.0f} ms")
        if any(k.server_errors for k in self.kinds.values()):
            misses.append("some responses were 5xx")
        for name, (_, statuses, slowest) in self.hostile_rows().items():
            if not all(400 <= s < 500 for s in statuses) or slowest > HOSTILE_GOAL:
                misses.append(f"hostile {name}: {sorted(statuses)} in up to {slowest:.2f} s")
        if not self.hostile:
            misses.append("no hostile request was sent")
        if self.lost:
            misses.append(f"{self.lost} acknowledged answers are not in the database")
        if self.kill is not None and (self.kill.lost or self.kill.status_after != 200):
            misses.append(f"after the kill: {self.kill.lost} acknowledged answers lost, "
                          f"status {self.kill.status_after}")
        return misses

    def markdown(self) -> str:
        """The run as markdown: the table by kind, hostile requests, attempts, the kill."""
        ms = lambda v: "–" if math.isnan(v) else f"{v * 1000:.0f}"  # noqa: E731
        lines = [f"{self.database}, {self.workers} server process(es), {self.learners} "
                 f"learners × {self.seconds:g} s (each waits {self.think / 2:g}–"
                 f"{self.think * 1.5:g} s between actions)", "",
                 "| kind | requests | p50 ms | p95 ms | max ms | 4xx | 5xx (503 busy) | "
                 "failed | p95 ms without / with the attacker |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for kind, k in self.kinds.items():
            quiet, attacked = self.p95_by_window(kind)
            lines.append(f"| {kind} | {k.count} | {ms(k.p50)} | {ms(k.p95)} | {ms(k.max)} | "
                         f"{k.client_errors} | {k.server_errors} ({k.busy}) | {k.failed} | "
                         f"{ms(quiet)} / {ms(attacked)} |")
        lines += ["", "| hostile request | sent | statuses | slowest ms |",
                  "|---|---:|---|---:|"]
        for name, (count, statuses, slowest) in self.hostile_rows().items():
            lines.append(f"| {name} | {count} | {', '.join(map(str, sorted(statuses)))} | "
                         f"{ms(slowest)} |")
        lines += ["", f"Attempts acknowledged: {self.acknowledged}; in the database: "
                  f"{self.stored}; acknowledged but not found by the ID the page showed: "
                  f"{self.lost}."]
        if self.kill is not None:
            lines.append(f"Kill and restart: SIGKILL to the server's process group mid-load "
                         f"({self.kill.acknowledged} attempts acknowledged in that phase); "
                         f"restarted on the same database and serving in "
                         f"{self.kill.restart_seconds:.1f} s (status "
                         f"{self.kill.status_after}); acknowledged attempts missing: "
                         f"{self.kill.lost}.")
        errors = sorted(set(self.server_errors))
        if errors:
            lines += ["", "5xx answers (distinct, at most five):"]
            lines += [f"- {text[:300]}" for text in errors[:5]]
        misses = self.missed()
        lines.append("Goals: " + ("all met." if not misses else "missed: " + "; ".join(misses)))
        return "\n".join(lines)
