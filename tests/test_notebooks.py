"""The lesson notebooks: one a lesson, each .ipynb generated from its Jupytext .py, no
outputs committed. Executing them is tests/test_wheel.py's work (once in the suite, in a
kernel that imports calcml from the built wheel) with the runner defined here.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SCRIPTS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
PER_NOTEBOOK_SECONDS = 120
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


def execute(path: Path, kernel: str = "python3",
            timeout: int = PER_NOTEBOOK_SECONDS) -> nbformat.NotebookNode:
    """Run a notebook headless in its own folder; raise on any error or empty widget."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name=kernel,
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True)
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
    NotebookClient(probe, timeout=60, kernel_name=kernel,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return probe.cells[0].outputs[0].text.strip()
