"""The lesson notebooks: one a lesson, each .ipynb generated from its Jupytext .py, no
outputs committed. Executing them is tests/test_wheel.py's work (once in the suite, in a
kernel that imports calcml from the built wheel) with the runner defined here.

The runner reads the kernel's messages through channels that look at their socket at least
twice a second. nbclient waits for a cell's reply with one long asyncio poll of the shell
socket (as long as the cell's time limit); pyzmq wakes that poll from the socket's
edge-triggered file descriptor, and under load a wake-up was lost now and then: the reply,
sent by the kernel within seconds (its own timestamp says so), sat unread until the poll
timed out, so a cell of one second took exactly the time limit (120 s, 300 s, 400 s in
runs with those limits) and then passed. A short poll ends by reading the socket itself,
so a lost wake-up costs half a second.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from queue import Empty
from time import monotonic
from typing import Any

import jupytext
import nbformat
import pytest
import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session
from traitlets import Type, default

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SCRIPTS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
CELL_SECONDS = 120  # the slowest cell (the imports) takes about 10 s; room for a busy machine
POLL_SECONDS = 0.5
LESSONS = {1: "orientation", 2: "limits", 3: "differentiation", 4: "rules", 5: "autodiff",
           6: "partial", 7: "gradients", 8: "integrals"}


def test_one_notebook_a_lesson():
    found = {int(p.name[:2]): p.stem for p in SCRIPTS}
    assert sorted(found) == list(range(1, 9))
    for number, word in LESSONS.items():
        assert word in found[number], found[number]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_ipynb_is_generated_from_its_script(script: Path):
    paired = script.with_suffix(".ipynb")
    assert paired.exists(), f"run: jupytext --to ipynb {script.name}"
    expected = jupytext.read(script)
    actual = nbformat.read(paired, as_version=4)
    assert [(c.cell_type, c.source) for c in actual.cells] == \
        [(c.cell_type, c.source) for c in expected.cells], \
        f"{paired.name} differs from {script.name}: run jupytext --sync {script.name}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_no_outputs_committed(script: Path):
    notebook = nbformat.read(script.with_suffix(".ipynb"), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_lesson_shape(script: Path):
    """A title, the inline figures switched on, exercises and practice at the end."""
    cells = jupytext.read(script).cells
    lesson = int(script.name[:2])
    assert cells[0].source.startswith(f"# Lesson {lesson}:")
    assert any("%matplotlib inline" in c.source for c in cells if c.cell_type == "code")
    assert any("## Exercises" in c.source for c in cells[-7:])
    assert any(c.source == f"practice(lesson={lesson})" for c in cells[-3:])


def errors_in(notebook: nbformat.NotebookNode) -> list[str]:
    """Every error output: in the cells and in the saved outputs of Output widgets."""
    found = []
    for cell in notebook.cells:
        found += [f"{o.ename}: {o.evalue}" for o in cell.get("outputs", [])
                  if o.output_type == "error"]
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        found += [f"{o['ename']}: {o['evalue']}" for o in model["state"].get("outputs", [])
                  if o.get("output_type") == "error"]
    return found


def widget_outputs(notebook: nbformat.NotebookNode) -> list[list[dict]]:
    """The outputs each Output widget holds after the run."""
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return [m["state"].get("outputs", []) for m in state.values()
            if m["model_name"] == "OutputModel"]


class WakefulChannel(AsyncZMQSocketChannel):
    """A kernel channel whose wait for a message looks at the socket every POLL_SECONDS
    (see the module's docstring)."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            left = POLL_SECONDS if deadline is None else deadline - monotonic()
            if await self.socket.poll(max(1, int(min(left, POLL_SECONDS) * 1000))):
                return await self._recv()
            if deadline is not None and monotonic() >= deadline:
                raise Empty


class WakefulClient(AsyncKernelClient):
    shell_channel_class = Type(WakefulChannel)
    iopub_channel_class = Type(WakefulChannel)


class WakefulKernelManager(AsyncKernelManager):
    @default("client_factory")
    def _wakeful_client(self) -> type[WakefulClient]:
        return WakefulClient


async def reply_wait(channel_class: type[AsyncZMQSocketChannel], limit: float) -> float:
    """Seconds from a kernel's reply to its reading by ``channel_class`` when the client's
    wake-up is lost: once the wait has begun, the event loop stops watching the socket's
    file descriptor (as when the edge is missed), then the reply is sent."""
    context = zmq.asyncio.Context()
    kernel, client = context.socket(zmq.DEALER), context.socket(zmq.DEALER)
    client.connect(f"tcp://127.0.0.1:{kernel.bind_to_random_port('tcp://127.0.0.1')}")
    session = Session()
    try:
        waiting = asyncio.ensure_future(channel_class(client, session).get_msg(limit))
        await asyncio.sleep(0.2)
        asyncio.get_running_loop().remove_reader(client.FD)
        sent = monotonic()
        session.send(kernel, "execute_reply", {"status": "ok"})
        assert (await waiting)["header"]["msg_type"] == "execute_reply"
        return monotonic() - sent
    finally:
        kernel.close(linger=0)
        client.close(linger=0)
        context.term()


def test_a_lost_wake_up_costs_a_poll_interval_not_the_time_limit():
    assert asyncio.run(reply_wait(AsyncZMQSocketChannel, 2.0)) > 1.5  # the stall
    assert asyncio.run(reply_wait(WakefulChannel, 2.0)) < 2 * POLL_SECONDS


def execute(path: Path, kernel: str = "python3",
            timeout: int = CELL_SECONDS) -> nbformat.NotebookNode:
    """Run a notebook headless in its own folder, each cell within ``timeout`` seconds;
    raise on any error or empty widget."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name=kernel,
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True,
                            kernel_manager_class=WakefulKernelManager)
    client.execute()
    problems = errors_in(notebook)
    if problems:
        raise AssertionError(f"{path.name}: {problems}")
    empty = [k for k, outputs in enumerate(widget_outputs(notebook)) if not outputs]
    if empty:
        raise AssertionError(f"{path.name}: {len(empty)} widget output areas stayed empty")
    return notebook


def calcml_origin(kernel: str, folder: Path) -> str:
    """Where the kernel, started in ``folder``, imports calcml from (a one-cell probe)."""
    from nbclient import NotebookClient

    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import calcml; print(calcml.__file__)")])
    NotebookClient(probe, timeout=CELL_SECONDS, kernel_name=kernel,
                   resources={"metadata": {"path": str(folder)}},
                   kernel_manager_class=WakefulKernelManager).execute()
    return probe.cells[0].outputs[0].text.strip()
