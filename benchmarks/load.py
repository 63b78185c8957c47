"""Load test of the web app, on loopback, bounded in time:
``python -m benchmarks.load --database sqlite|postgres [--workers N] [--learners 50]
[--seconds 60]``.

It starts ``calcml serve`` itself on a free port of 127.0.0.1 (for ``postgres`` on a
throwaway PostgreSQL server, :mod:`benchmarks.pgserver`), warms it up, then:

1. **Load.** ``--learners`` simulated learners (:mod:`benchmarks.load_traffic`) for
   ``--seconds``; during the middle third an attacker sends hostile requests in turn
   (``9^9^9^9``, brackets and JSON nested 10,000 deep, a 1 MB body, a 200 MB upload).
   Measured: p50/p95/max latency by kind, 5xx, the hostile answers (4xx within 2 s?),
   the p95 of the others with and without the attacker, and every acknowledged answer
   looked up in the database afterwards.
2. **Kill.** The learners again; halfway through ``--kill-seconds`` the server's whole
   process group gets SIGKILL; the server is started again on the same database, and
   every answer acknowledged before the kill must be there.

Prints a markdown table and exits 1 when a goal is missed (p95 of pages and answers under
300 ms, no 5xx, hostile requests 4xx within 2 s raising the others' p95 by at most 50%, no
acknowledged answer lost). The whole run stops after a hard time limit.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, suppress
from pathlib import Path

import httpx

from benchmarks import pgserver
from benchmarks.load_report import KillResult, Report, lost_acks, stats
from benchmarks.load_traffic import (
    HIDDEN,
    HOSTILE_TIMEOUT,
    PAGES,
    REQUEST_TIMEOUT,
    Ack,
    Learner,
    Recorder,
    attack,
    hostile_requests,
    lesson_call,
)

SERVE = "from calcml.cli import main; main()"
READY_SECONDS = 180.0


class ServerProcess:
    """``calcml serve`` in its own process group, so a SIGKILL takes every process of it
    (the server processes, their worker pools and forkservers) at once."""

    def __init__(self, url: str, workers: int, log: Path) -> None:
        self.url, self.workers, self.log = url, workers, log
        self.process: subprocess.Popen | None = None
        self.base = ""

    def start(self) -> None:
        port = pgserver.free_port()
        self.base = f"http://127.0.0.1:{port}"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", SERVE, "serve", "--port", str(port), "--workers",
                 str(self.workers), "--database", self.url],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                env={**os.environ, "MPLBACKEND": "Agg"})

    async def ready(self, timeout: float = READY_SECONDS) -> float:
        """Seconds until the practice page (which reads the database) answers 200."""
        started = time.monotonic()
        async with httpx.AsyncClient(base_url=self.base, timeout=30) as client:
            while time.monotonic() - started < timeout:
                if self.process is None or self.process.poll() is not None:
                    raise RuntimeError(f"calcml serve exited:\n{self.tail()}")
                try:
                    if (await client.get("/practice")).status_code == 200:
                        return time.monotonic() - started
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.25)
        raise RuntimeError(f"calcml serve was not ready within {timeout:g} s:\n{self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def signal_group(self, number: int) -> None:
        if self.process is not None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, number)

    def kill(self) -> None:
        """SIGKILL to the whole process group, as a crash or an out-of-memory kill."""
        self.signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop gracefully, or kill after 20 s; then make sure no process is left."""
        if self.process is None or self.process.poll() is not None:
            self.signal_group(signal.SIGKILL)
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.signal_group(signal.SIGKILL)


async def warm_up(base: str, workers: int, skills: list[str]) -> None:
    """Visit every page, lesson calculator and skill's practice page (answering once)
    from several connections at once, so each server process and worker has loaded its
    engines and cached the lessons' examples before anything is measured."""

    async def visit(offset: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as client:
            for path in PAGES:
                await client.get(path)
            for seed in range(4):
                path, query = lesson_call(random.Random(seed))
                await client.get(path, params=query)
            for skill in skills[offset::2]:
                page = await client.get(f"/practice/{skill}")
                form = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)}
                await client.post(f"/practice/{skill}", data={**form, "answer": "0"})

    await asyncio.gather(*(visit(i % 2) for i in range(2 * workers)))


async def drive(base: str, recorder: Recorder, learners: int, think: float, seed: int,
                seconds: float, hostile: tuple[float, float] | None = None,
                kill: tuple[float, ServerProcess] | None = None) -> float | None:
    """Run the learners for ``seconds``; the attacker within ``hostile`` (from, to); with
    ``kill`` (at, server), kill the server at that time and stop. The kill time, if any."""
    names = skill_ids()
    stop, calm = asyncio.Event(), asyncio.Event()
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with ExitStack() as stack:
        clients = [httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=limits)
                   for _ in range(learners)]
        tasks = [asyncio.create_task(Learner(client, recorder, random.Random(seed + i), names,
                                             think).run(stop))
                 for i, client in enumerate(clients)]
        stack.callback(lambda: [task.cancel() for task in tasks])
        killed = await _timeline(base, recorder, seconds, stop, calm, hostile, kill)
        await asyncio.wait(tasks, timeout=REQUEST_TIMEOUT + 5)
        for client in clients:
            await client.aclose()
    return killed


async def _timeline(base: str, recorder: Recorder, seconds: float, stop: asyncio.Event,
                    calm: asyncio.Event, hostile: tuple[float, float] | None,
                    kill: tuple[float, ServerProcess] | None) -> float | None:
    start = recorder.now()
    if kill is not None:
        await asyncio.sleep(kill[0])
        killed_at = recorder.now()
        kill[1].kill()
        stop.set()
        return killed_at
    if hostile is not None:
        await asyncio.sleep(hostile[0])
        attacker = asyncio.create_task(attack(base, recorder, calm))
        await asyncio.sleep(hostile[1] - hostile[0])
        calm.set()
        await asyncio.wait_for(attacker, timeout=len(hostile_requests()) * HOSTILE_TIMEOUT)
    await asyncio.sleep(max(0.0, seconds - (recorder.now() - start)))
    stop.set()
    return None


def skill_ids() -> list[str]:
    """Every skill's id (loading the exercises here, before anything is timed)."""
    from calcml.exercises import skills

    return [skill.id for skill in skills()]


def missing(url: str, acks: list[Ack]) -> tuple[int, int]:
    """(answers stored, acknowledged answers not found by their attempt ID) for the local
    learner."""
    from calcml.store import open_store
    from calcml.web.practice_pages import local_learner

    with open_store(url) as store:
        stored = {a.id: (a.skill, a.seed, a.level, a.answer)
                  for a in store.attempts(local_learner())}
    return len(stored), len(lost_acks(stored, acks))


async def measure(url: str, workers: int, learners: int, seconds: float, think: float,
                  kill_seconds: float, folder: Path, seed: int = 0) -> Report:
    """Start the server on ``url``, run the load and the kill phases, and report."""
    server = ServerProcess(url, workers, folder / "server.log")
    try:
        server.start()
        await server.ready()
        await warm_up(server.base, workers, skill_ids())
        before, _ = missing(url, [])
        load = Recorder()
        third = seconds / 3
        await drive(server.base, load, learners, think, seed, seconds, (third, 2 * third))
        stored, lost = missing(url, load.acks)
        report = Report(workers=workers, learners=learners, seconds=seconds, think=think,
                        kinds=stats(load.samples), window=load.attack,
                        samples=load.samples, hostile=load.hostile,
                        acknowledged=len(load.acks), stored=stored - before, lost=lost,
                        failures=load.failures, server_errors=load.server_errors)
        if kill_seconds > 0:
            report.kill = await kill_and_restart(server, url, learners, think, seed + 1000,
                                                 kill_seconds, load.acks)
        return report
    finally:
        server.stop()


async def kill_and_restart(server: ServerProcess, url: str, learners: int, think: float,
                           seed: int, seconds: float, earlier: list[Ack]) -> KillResult:
    """Load, SIGKILL mid-way, start again on the same database, look for every answer
    acknowledged before the kill."""
    recorder = Recorder()
    await drive(server.base, recorder, learners, think, seed, seconds,
                kill=(seconds / 2, server))
    server.start()
    restart = await server.ready()
    async with httpx.AsyncClient(base_url=server.base, timeout=60) as client:
        served = (await client.get("/practice")).status_code
    _, lost = missing(url, earlier + recorder.acks)
    return KillResult(acknowledged=len(recorder.acks), lost=lost, restart_seconds=restart,
                      status_after=served)


def run(database: str, workers: int = 1, learners: int = 50, seconds: float = 60.0,
        think: float = 4.0, kill_seconds: float = 10.0, budget: float | None = None,
        seed: int = 0) -> Report:
    """The whole benchmark on a fresh ``database`` ("sqlite" or "postgres"), stopped
    after ``budget`` seconds (by default the phases' time plus ten minutes)."""
    budget = budget or seconds + kill_seconds + 600
    with tempfile.TemporaryDirectory(prefix="calcml-load-") as folder, ExitStack() as stack:
        if database == "sqlite":
            url = f"sqlite:///{folder}/calcml.db"
        else:
            reason = pgserver.cannot_start()
            if reason is not None:
                raise RuntimeError(reason)
            binaries = pgserver.server_binaries()
            assert binaries is not None
            cluster = pgserver.start_server(binaries, max_connections=100)
            stack.callback(pgserver.stop_server, binaries, cluster)
            url = pgserver.create_database(cluster, "calcml_load")
        report = asyncio.run(asyncio.wait_for(
            measure(url, workers, learners, seconds, think, kill_seconds, Path(folder), seed),
            timeout=budget))
        report.database = database
        return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load")
    parser.add_argument("--think", type=float, default=4.0,
                        help="mean seconds a learner waits between actions")
    parser.add_argument("--kill-seconds", type=float, default=10.0,
                        help="length of the kill phase (0: skip it)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not (1 <= args.learners <= 500 and 1 <= args.seconds <= 900 and 1 <= args.workers <= 16):
        parser.error("bounded: 1-500 learners, 1-900 seconds, 1-16 workers")
    report = run(args.database, args.workers, args.learners, args.seconds, args.think,
                 args.kill_seconds, seed=args.seed)
    print(report.markdown())
    sys.exit(1 if report.missed() else 0)


if __name__ == "__main__":
    main()
