"""A command loads what it uses and nothing more: no figures, frameworks, web app or other
families' words for ``calcml diff``, no Pydantic for reading options; and the code stays
in the shape the start-up work relies on."""

import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from calcml.cli import app, app_for
from calcml.cli._values import PlainValue, read_value

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = ("torch", "jax", "tensorflow")


def _modules_after(code: str, names: tuple[str, ...]) -> tuple[str, set[str]]:
    """Run ``code`` in a fresh interpreter; its output and which of ``names`` it loaded."""
    probe = (f"import sys\n{code}\n"
             f"print('LOADED', *[m for m in {names!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env={**os.environ, "MPLBACKEND": "Agg"}).stdout
    printed, _, loaded = out.rpartition("LOADED")
    return printed, set(loaded.split())


def _run_cli(*args: str) -> str:
    return (f"from calcml.cli import main\nsys.argv = ['calcml', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")


UNUSED_BY_DIFF = ("matplotlib", "scipy", "networkx", *FRAMEWORKS, "rich", "pydantic", "numpy",
                  "calcml.exercises", "calcml.plot", "calcml.web", "calcml.store",
                  "calcml.steps.verify", "calcml.steps.limits.words",
                  "calcml.steps.integrals.words", "calcml.steps.partials.rules",
                  "calcml.cli.multivar", "calcml.cli.learn", "calcml.cli.web",
                  "calcml.cli.exercises", "calcml.frontend.data")


@pytest.mark.parametrize("steps", [(), ("--steps",)], ids=["answer", "steps"])
def test_diff_loads_no_figures_frameworks_web_app_or_other_familys_words(steps, monkeypatch,
                                                                         tmp_path):
    # its own cache, warmed by a first parse: then the generated parser serves, without lark
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _modules_after("import calcml\ncalcml.parse('x')", ())
    printed, loaded = _modules_after(_run_cli("diff", "x^2", "--ascii", *steps),
                                     (*UNUSED_BY_DIFF, "lark"))
    assert printed.splitlines()[0] == "d/dx (x^2) = 2*x"
    assert ("Power rule" in printed) is bool(steps)
    assert loaded == set()


def test_help_loads_every_command_module_and_no_engine():
    printed, loaded = _modules_after(_run_cli("--help"), ("sympy", "numpy", "pydantic", "rich",
                                                           "calcml.cli.multivar",
                                                           "calcml.cli.exercises"))
    assert "integrate" in printed and "instructor" in printed
    assert loaded == {"calcml.cli.multivar", "calcml.cli.exercises"}


def test_a_familys_words_load_when_one_of_its_steps_is_explained():
    code = ("import calcml\nsolution = calcml.limit('sin(x)/x', point=0)\n"
            "before = 'calcml.steps.limits.words' in sys.modules\n"
            "print(before, 'Steps:' in solution.to_text(ascii=True))")
    printed, loaded = _modules_after(code, ("calcml.steps.limits.words",
                                            "calcml.steps.integrals.words"))
    assert printed.split() == ["False", "True"]
    assert loaded == {"calcml.steps.limits.words"}


def test_the_step_checker_loads_on_first_use():
    code = ("import calcml\nsolution = calcml.derivative('x^3')\n"
            "print('calcml.steps.verify' in sys.modules, solution.verify_steps().ok)")
    printed, loaded = _modules_after(code, ("calcml.steps.verify",))
    assert printed.split() == ["False", "True"]
    assert loaded == {"calcml.steps.verify"}


def test_every_option_of_every_command_is_read_without_pydantic():
    group = typer.main.get_command(app)
    ctx = group.make_context("calcml", ["--help"], resilient_parsing=True)
    commands = [group, *(group.get_command(ctx, name) for name in group.list_commands(ctx))]
    commands += [sub.get_command(ctx, name) for sub in commands
                 if isinstance(sub, typer.core.TyperGroup) and sub is not group
                 for name in sub.list_commands(ctx)]
    assert len(commands) > 20
    for command in commands:
        for param in command.get_params(ctx):
            assert isinstance(param.get_runtime_param(), PlainValue), (command.name, param.name)


@pytest.mark.parametrize(("args", "message"), [
    (("--order", "abc"), "Invalid value for '--order' / '-n': 'abc' is not a whole number"),
    (("--order", "2.5"), "'2.5' is not a whole number"),
    (("--timeout", "soon"), "Invalid value for '--timeout': 'soon' is not a number"),
    (("--format", "pdf"), "'pdf' is not one of 'text', 'latex', 'html', 'json'."),
])
def test_a_bad_option_value_gets_a_clear_message_and_exit_2(calcml, args, message):
    code, out, err = calcml("diff", "x^2", *args)
    assert code == 2 and out == ""
    assert message in " ".join(err.split())


def test_plain_values_are_read_as_typed():
    assert read_value(int, "-3") == -3 and read_value(float, "1e-3") == 0.001
    assert read_value(bool, "off") is False and read_value(bool, "Yes") is True
    assert read_value(str, "x^2") == "x^2"
    with pytest.raises(ValueError, match="'maybe' is not a yes or no"):
        read_value(bool, "maybe")


def test_only_the_command_named_is_built():
    assert [info.name for info in app_for(["limit", "1/x", "--at", "0"]).registered_commands] \
        == ["limit"]
    assert [info.name for info in app_for(["instructor", "add"]).registered_groups] \
        == ["instructor"]
    for whole in ([], ["--help"], ["difff", "x"]):
        listed = app_for(whole)
        assert [info.name for info in listed.registered_commands] == \
            [info.name for info in app.registered_commands]
        assert not any(inspect.signature(info.callback).parameters
                       for info in listed.registered_commands)


def test_the_list_of_commands_reads_no_options_yet_shows_the_same_page():
    from typer.testing import CliRunner

    runner = CliRunner()
    for args in (["--help"], ["instructor", "--help"]):
        whole = runner.invoke(app, args)
        listed = runner.invoke(app.listing(), args)
        assert whole.exit_code == listed.exit_code == 0
        assert listed.output == whole.output
    assert "practice" in runner.invoke(app.listing(), ["--help"]).output
    assert "Did you mean 'diff'?" in runner.invoke(app.listing(), ["dif"]).output


def test_command_signatures_hold_real_annotations():
    # text annotations would each be compiled and evaluated by Typer: 3x its build time
    for info in app.registered_commands:
        for parameter in inspect.signature(info.callback).parameters.values():
            assert not isinstance(parameter.annotation, str), (info.name, parameter.name)


def _code_lines(function: ast.FunctionDef, lines: list[str]) -> int:
    """Lines of code in ``function``: without its docstring, blank lines and comments."""
    first = function.body[0]
    docstring = set()
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str):
        docstring = set(range(first.lineno, first.end_lineno + 1))
    return sum(1 for number in range(function.lineno, function.end_lineno + 1)
               if number not in docstring and lines[number - 1].strip()
               and not lines[number - 1].strip().startswith("#"))


def test_code_lines_are_counted_without_docstring_blanks_and_comments():
    source = 'def f(x):\n    """Doc.\n\n    More."""\n\n    # note\n    y = x\n    return y\n'
    assert _code_lines(ast.parse(source).body[0], source.splitlines()) == 3


def test_no_function_in_the_cli_is_over_40_lines_of_code():
    for path in sorted((ROOT / "calcml" / "cli").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert _code_lines(node, lines) <= 40, f"{path.name}: {node.name}"


def _framework_imports(tree: ast.Module) -> list[str]:
    """The modules of ``FRAMEWORKS`` a test file imports at module level."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return [name for name in found if name.split(".")[0] in FRAMEWORKS]


def test_tests_of_a_framework_skip_with_a_reason_when_it_is_absent():
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert _framework_imports(tree) == [], path.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "importorskip":
                assert any(k.arg == "reason" for k in node.keywords), \
                    f"{path.name}:{node.lineno} importorskip without a reason"


def test_a_step_class_without_fields_of_its_own_keeps_its_frozen_dataclass_methods():
    # ExpRule, LogRule, ConstantRule...: plain subclasses, not decorated again (start-up)
    from dataclasses import FrozenInstanceError, fields, replace

    import sympy

    from calcml.steps.derivatives.functions import ExpRule, LogRule
    from calcml.steps.derivatives.rules import ConstantRule

    x = sympy.Symbol("x")
    step = ExpRule(function=sympy.exp(x), var=x)
    assert step == ExpRule(function=sympy.exp(x), var=x) != LogRule(function=sympy.exp(x), var=x)
    assert hash(step) == hash(ExpRule(function=sympy.exp(x), var=x))
    assert repr(step) == "ExpRule(function=exp(x), var=x)"
    assert [f.name for f in fields(ConstantRule)] == ["function", "var"]
    assert type(replace(step, var=sympy.Symbol("y"))) is ExpRule
    with pytest.raises(FrozenInstanceError):
        step.var = sympy.Symbol("y")
    assert step.eval() == sympy.exp(x) and ConstantRule(function=2, var=x).eval() == 0
