"""The traffic of the load benchmark (:mod:`benchmarks.load`): simulated learners and the
hostile requests, each request timed and recorded.

A learner loops until told to stop: it views a page (home, a lesson, the mastery page),
uses a calculator (a ``POST /api/<command>`` or a lesson calculator's result, as the
page's sliders ask for it) or practises (opens an exercise and answers it, right or wrong,
sometimes answering again with the answer the page showed), waiting two to six seconds
between actions as a reader would (less than a real learner waits). Every answer the
server acknowledges ("Saved.") is kept with the attempt's ID the page shows (its
``data-attempt`` attribute) and what the database should hold under it: skill, seed,
level and the answer text.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import random
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import httpx

KINDS = ("page", "calculator", "answer")
PAGES = ("/", *(f"/lessons/{n}" for n in range(1, 9)), "/practice")
HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')
ERROR_TEXT = re.compile(r'class="error".*?<pre>(.*?)</pre>', re.S)
SHOWN_ANSWER = re.compile(r"<p>Answer: <code>(.*?)</code></p>", re.S)
ATTEMPT_ID = re.compile(r'data-attempt="(\d+)"')
REQUEST_TIMEOUT = 30.0
HOSTILE_TIMEOUT = 10.0  # a hostile request not answered by then is recorded as failed
_wrong = itertools.count(7_000_001)


@dataclass(frozen=True)
class Sample:
    """One request: its kind, when it started (seconds into the run), how long it took,
    and its status (0: no answer, the connection failed or timed out)."""

    kind: str
    started: float
    seconds: float
    status: int
    path: str = ""


@dataclass(frozen=True)
class Ack:
    """An answer the server said it saved: the attempt's ID on the page (None if the page
    showed none) and what the database keeps under it."""

    attempt: int | None
    skill: str
    seed: int
    level: int
    answer: str
    at: float


@dataclass
class Recorder:
    """Everything the traffic saw, in the order it happened."""

    origin: float = field(default_factory=time.monotonic)
    samples: list[Sample] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    hostile: list[tuple[str, int, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    attack: tuple[float, float] = (0.0, 0.0)

    def now(self) -> float:
        """Seconds since the recorder was made."""
        return time.monotonic() - self.origin

    async def timed(self, kind: str, request: Awaitable[httpx.Response]
                    ) -> httpx.Response | None:
        """Send ``request``, record it as ``kind``; the response, or None when it failed."""
        started = self.now()
        try:
            response = await request
        except httpx.HTTPError as err:
            self.samples.append(Sample(kind, started, self.now() - started, 0))
            self.failures.append(f"{kind}: {type(err).__name__}: {err}")
            return None
        self.samples.append(Sample(kind, started, self.now() - started,
                                   response.status_code, response.request.url.path))
        if response.status_code >= 500:
            shown = ERROR_TEXT.search(response.text)
            message = html.unescape(shown.group(1)) if shown else response.text
            self.server_errors.append(f"{kind} {response.request.url.path}: "
                                      f"{response.status_code} {message[:200]}")
        return response


def api_call(rng: random.Random) -> tuple[str, dict]:
    """A calculator request a learner might send: a command and its options."""
    a, b, c = rng.randint(2, 9), rng.randint(1, 9), rng.randint(1, 9)
    return rng.choice([
        ("diff", {"expr": f"{a}x^3 - {b}x + {c}"}),
        ("diff", {"expr": f"sin({a}x) x^2"}),
        ("tangent", {"expr": f"x^2 + {b}x + {c}", "at": str(a)}),
        ("limit", {"expr": f"(x^2 - {a * a})/(x - {a})", "at": str(a)}),
        ("integrate", {"expr": f"{a}x^2 + {b}", "from": "0", "to": str(c)}),
        ("partial", {"expr": f"x^2 y - {a} y^2", "var": "y", "at": f"x={b},y={c}"}),
        ("grad", {"expr": f"x^2 - {a} y^2", "at": f"x={b},y={c}"}),
        ("exercise", {"skill": "derivative-power-rule", "seed": a * 100 + b}),
        ("check", {"task": {"kind": "derivative", "expr": f"{a}x^3", "var": "x"},
                   "answer": f"{3 * a}x^2"}),
    ])


def lesson_call(rng: random.Random) -> tuple[str, dict]:
    """A lesson calculator's result, as its page fetches it when a slider moves."""
    a, b = rng.randint(1, 9), rng.randint(1, 9)
    return rng.choice([
        ("/lessons/3/delta/result", {"expr": "x^2 + 2x + 2", "at": "2",
                                     "dx": f"{rng.randint(1, 300) / 100:g}"}),
        ("/lessons/3/diff/result", {"expr": f"x^{a} + {b}x", "at": "2"}),
        ("/lessons/2/limit/result", {"expr": f"(x^2 - {a * a})/(x - {a})", "at": str(a)}),
        ("/lessons/8/numeric/result", {"expr": "x/2", "from": "1", "to": "2",
                                       "n": str(rng.randint(1, 64))}),
    ])


class Learner:
    """One simulated learner with its own connection, seeded for a repeatable run."""

    def __init__(self, client: httpx.AsyncClient, recorder: Recorder, rng: random.Random,
                 skills: list[str], think: float) -> None:
        self.client, self.recorder, self.rng = client, recorder, rng
        self.skills, self.think = skills, think

    async def run(self, stop: asyncio.Event) -> None:
        """Act, think, act... until ``stop`` is set."""
        actions: list[Callable[[], Awaitable[None]]] = [self.page, self.api, self.lesson,
                                                        self.practise]
        await self.pause(stop, self.rng.uniform(0, 2))  # the learners arrive over time
        while not stop.is_set():
            await self.rng.choices(actions, weights=(3, 2, 2, 3))[0]()
            await self.pause(stop)

    async def pause(self, stop: asyncio.Event, share: float | None = None) -> None:
        delay = (share or self.rng.uniform(0.5, 1.5)) * self.think
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=delay)

    async def page(self) -> None:
        await self.recorder.timed("page", self.client.get(self.rng.choice(PAGES)))

    async def api(self) -> None:
        command, body = api_call(self.rng)
        await self.recorder.timed("calculator", self.client.post(f"/api/{command}",
                                                                 json=body))

    async def lesson(self) -> None:
        path, query = lesson_call(self.rng)
        await self.recorder.timed("calculator", self.client.get(path, params=query))

    async def practise(self) -> None:
        """Open an exercise; answer it right, or wrong and (mostly) again with the answer
        the page then shows."""
        skill = self.rng.choice(self.skills)
        shown = await self.recorder.timed("page", self.client.get(f"/practice/{skill}"))
        if shown is None or shown.status_code != 200:
            return
        form = {k: html.unescape(v) for k, v in HIDDEN.findall(shown.text)}
        if not {"skill", "seed", "level"} <= form.keys():
            return
        if self.rng.random() < 0.5:
            await self.answer(skill, form, right_answer(form))
            return
        checked = await self.answer(skill, form, str(next(_wrong)))
        found = SHOWN_ANSWER.search(checked.text) if checked is not None else None
        if found and self.rng.random() < 0.7:
            await self.answer(skill, form, html.unescape(found.group(1)))

    async def answer(self, scope: str, form: dict[str, str], text: str
                     ) -> httpx.Response | None:
        response = await self.recorder.timed("answer", self.client.post(
            f"/practice/{scope}", data={**form, "answer": text}))
        if response is not None and response.status_code == 200 and "Saved." in response.text:
            shown = ATTEMPT_ID.search(response.text)
            self.recorder.acks.append(Ack(int(shown.group(1)) if shown else None,
                                          form["skill"], int(form["seed"]),
                                          int(form["level"]), text, self.recorder.now()))
        return response


def right_answer(form: dict[str, str]) -> str:
    """The exercise's answer, generated here from its skill, seed and level."""
    from calcml.exercises import generate

    return generate(form["skill"], seed=int(form["seed"]), level=int(form["level"])
                    ).answer_text


def upload_chunks(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """``total`` bytes of CSV rows, one reused chunk at a time (never all in memory).

    >>> sum(len(piece) for piece in upload_chunks(3_000_000))
    3000000
    """
    block = (b"1,0.5\n" * (chunk // 6 + 1))[:chunk]
    sent = 0
    while sent < total:
        piece = block if total - sent >= chunk else block[:total - sent]
        sent += len(piece)
        yield piece


def hostile_requests() -> list[tuple[str, Callable[[httpx.Client], httpx.Response]]]:
    """The hostile requests, by name: each should be answered 4xx within 2 s."""
    size = 200_000_000
    upload_headers = {"content-type": "multipart/form-data; boundary=calcml-load"}
    return [
        ("9^9^9^9", lambda c: c.post("/api/diff", json={"expr": "9^9^9^9"})),
        ("10,000-deep brackets", lambda c: c.post("/lessons/3/diff/result", data={
            "expr": "(" * 10_000 + "x" + ")" * 10_000})),
        ("10,000-deep JSON", lambda c: c.post(
            "/api/diff", content=b"[" * 10_000 + b"]" * 10_000,
            headers={"content-type": "application/json"})),
        ("1 MB body", lambda c: c.post("/api/diff", json={"expr": "x+" * 500_000 + "x"})),
        ("200 MB upload", lambda c: c.post(
            "/api/roc", content=upload_chunks(size),
            headers={**upload_headers, "content-length": str(size)})),
        ("200 MB upload, chunked", lambda c: c.post(
            "/api/roc", content=upload_chunks(size), headers=upload_headers)),
    ]


def send_hostile(base: str, send: Callable[[httpx.Client], httpx.Response]) -> int:
    """One hostile request on a fresh connection; its status. (The synchronous client:
    it still reads the answer after the server stopped reading a body it refused,
    where the asynchronous one reports the broken upload instead.)"""
    with httpx.Client(base_url=base, timeout=HOSTILE_TIMEOUT) as client:
        return send(client).status_code


async def attack(base: str, recorder: Recorder, stop: asyncio.Event, gap: float = 0.2
                 ) -> None:
    """Send the hostile requests in turn, each on a fresh connection, until ``stop`` and
    at least one of each; ``recorder.attack`` is set to the time span of the attack."""
    start = recorder.now()
    for turn, (name, send) in enumerate(itertools.cycle(hostile_requests())):
        if stop.is_set() and turn >= len(hostile_requests()):
            break
        started = recorder.now()
        try:
            status = await asyncio.wait_for(asyncio.to_thread(send_hostile, base, send),
                                            timeout=HOSTILE_TIMEOUT)
        except (httpx.HTTPError, TimeoutError) as err:
            status = 0
            recorder.failures.append(f"hostile {name}: {type(err).__name__}: {err}")
        recorder.hostile.append((name, status, recorder.now() - started))
        await asyncio.sleep(gap)
    recorder.attack = (start, recorder.now())
