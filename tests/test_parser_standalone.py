"""The parser's stand-alone runtime (calcml.expr.larkrt): generated from lark into the user's
cache on the first parse, used without lark by the processes after it, never trusted when the
file is not the expected one, and reading every text exactly as lark does.

Each test gets its own cache folder (``XDG_CACHE_HOME``), never the user's; what depends on
import-time state runs in a fresh process."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from calcml.expr import larkrt
from calcml.expr.lexing import MathPostLex

pytestmark = pytest.mark.skipif(sys.platform != "linux",
                                reason="the cache folder is set through XDG_CACHE_HOME")

STATE = ("from calcml.expr import larkrt\n"
         "print('STANDALONE', larkrt.STANDALONE, 'LOADED', "
         "*[m for m in ('lark', 'platformdirs', 'hashlib') if m in sys.modules])\n")


def _run(code: str, cache: Path) -> str:
    """Run ``code`` in a fresh interpreter with ``cache`` as the user's cache folder."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-c", f"import sys\n{code}"], capture_output=True,
                          text=True, check=True, env=env).stdout


def _parse_state(cache: Path, text: str = "x^2 + 2x") -> tuple[str, bool, set[str]]:
    """In a fresh process: what ``text`` parses to, whether the stand-alone runtime served,
    and which of lark, platformdirs, hashlib were loaded."""
    out = _run(f"import calcml\nprint(calcml.parse({text!r}))\n{STATE}", cache)
    printed, _, state = out.partition("STANDALONE ")
    flag, _, loaded = state.partition("LOADED")
    return printed.strip(), flag.strip() == "True", set(loaded.split())


def _generated(cache: Path) -> Path:
    return cache / "calcml" / larkrt.standalone_path(larkrt.GRAMMAR, larkrt.LARK_VERSION).name


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder, also this process's (for the in-process tests)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def test_a_cold_cache_parses_on_lark_and_writes_the_module_the_next_process_uses(cache):
    assert not _generated(cache).exists()
    printed, standalone, loaded = _parse_state(cache)
    assert (printed, standalone, "lark" in loaded) == ("x**2 + 2*x", False, True)
    assert _generated(cache).is_file()
    assert list((cache / "calcml").glob(".*.tmp")) == []
    assert _parse_state(cache) == ("x**2 + 2*x", True, set())


def test_calcml_diff_with_a_warm_cache_loads_no_lark(cache):
    _parse_state(cache)
    code = ("import runpy\nsys.argv = ['calcml', 'diff', 'x^2', '--ascii']\n"
            "try:\n    runpy.run_module('calcml', run_name='__main__')\n"
            "except SystemExit:\n    pass\n" + STATE)
    out = _run(code, cache)
    assert out.splitlines()[0] == "d/dx (x^2) = 2*x"
    assert out.splitlines()[-1].split() == ["STANDALONE", "True", "LOADED"]


def test_a_cache_that_cannot_be_written_keeps_calcml_on_lark(tmp_path):
    blocked = tmp_path / "a-file"  # the cache folder would have to be made inside a file
    blocked.write_text("not a folder")
    for _ in range(2):
        printed, standalone, loaded = _parse_state(blocked, "2sin(pi/6) + |x - 1|")
        assert (printed, standalone, "lark" in loaded) == ("Abs(x - 1) + 1", False, True)


def test_a_module_in_a_cache_that_cannot_be_written_still_serves(cache):
    _parse_state(cache)
    os.chmod(cache / "calcml", 0o555)
    try:
        assert _parse_state(cache, "xy") == ("x*y", True, set())
    finally:
        os.chmod(cache / "calcml", 0o755)


@pytest.mark.parametrize("spoil", ["garbage", "cut", "another grammar", "no runtime"])
def test_a_corrupt_or_foreign_module_is_not_trusted_and_is_made_again(cache, spoil):
    _parse_state(cache)
    path = _generated(cache)
    good = path.read_text(encoding="utf-8")
    if spoil == "garbage":
        path.write_bytes(b"\x00\xff def (((\n")
    elif spoil == "cut":  # a file cut short loses its last line, the key
        path.write_text(good[:len(good) // 2].rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    elif spoil == "another grammar":
        other = larkrt.write_standalone(larkrt.GRAMMAR + "\n// changed\n", larkrt.LARK_VERSION,
                                        MathPostLex())
        shutil.copyfile(other, path)
    else:
        path.write_text(f"CALCML_KEY = {path.stem.split('-', 2)[2]!r}\n", encoding="utf-8")
    shutil.rmtree(cache / "calcml" / "__pycache__", ignore_errors=True)
    assert larkrt.load_standalone(larkrt.GRAMMAR, larkrt.LARK_VERSION) is None
    printed, standalone, loaded = _parse_state(cache, "x^2*x^3")
    assert (printed, standalone, "lark" in loaded) == ("x**5", False, True)
    assert larkrt.load_standalone(larkrt.GRAMMAR, larkrt.LARK_VERSION) is not None
    assert _parse_state(cache, "x^2*x^3") == ("x**5", True, set())


def test_a_new_grammar_or_lark_version_gets_a_file_of_its_own(cache):
    grammar, version = larkrt.GRAMMAR, larkrt.LARK_VERSION
    names = {larkrt.standalone_path(g, v).name
             for g in (grammar, grammar + "\n// changed\n") for v in (version, "9.9.9")}
    assert len(names) == 4
    first = larkrt.write_standalone(grammar, version, MathPostLex())
    changed = larkrt.write_standalone(grammar + "\n// changed\n", version, MathPostLex())
    assert first != changed and first.is_file() and changed.is_file()
    assert first.parent == changed.parent == cache / "calcml"
    module = larkrt.load_standalone(grammar + "\n// changed\n", version)
    assert changed.stem.removeprefix("grammar-standalone-") == module.CALCML_KEY
    assert larkrt.load_standalone(grammar, "9.9.9") is None


@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "/tmp/calcml-xdg-test"])
def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, xdg):
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert larkrt.cache_folder() == Path(platformdirs.user_cache_dir("calcml"))


TEXTS = [
    "x^2 + 2x", "2sin(pi/6)", "x^2*x^3", "-x^2", "|x - 1|", "log(x, 2)", "log_2(x)",
    "sin^2(x)", "√x", "e^x", "2x(x+1)", "xy", "theta^2 + θ", "yhat - y", "0.5x", "1e-3 x",
    "(x+1)(x-1)", "sigmoid(w x + b)", "x/x", "π r²", "3 × 4 − x", "x⁻¹", "||x| - 2|",
    "x^^2", "x +", "(x + 1", "x + 1)", "2 . x", "1/0", "sqrt(-1)", "x = 1", "foo(x)", "|x",
    "* x", "x 2", "()", "max(x, 0)", "9^9^9^9", "log(x, 2, 3)", "x,y",
]
READ = ("import json\nfrom calcml import parse\nfrom calcml.errors import ParseError\n"
        "from calcml.expr import larkrt, parse_typed\nfrom sympy import srepr\n"
        "def read(text):\n    try:\n        p = parse_typed(text)\n"
        "        return [srepr(p.value), srepr(p.typed)]\n"
        "    except ParseError as error:\n        return [error.column, str(error)]\n"
        "print(json.dumps([larkrt.STANDALONE, [read(t) for t in {texts!r}]]))\n")


def test_both_runtimes_read_every_text_alike_results_columns_and_hints(cache, tmp_path):
    _parse_state(cache)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    standalone, on_generated = json.loads(_run(READ.format(texts=TEXTS), cache))
    fallback, on_lark = json.loads(_run(READ.format(texts=TEXTS), blocked))
    assert (standalone, fallback, len(on_lark)) == (True, False, 40)
    assert on_generated == on_lark
    read = dict(zip(TEXTS, on_lark, strict=True))
    assert read["x^^2"] == [3, "unexpected '^' at column 3\n  x^^2\n    ^\n"
                               "hint: an exponent is missing after '^'"]
    assert read["x 2"][0] == 3 and "write * to multiply by a number" in read["x 2"][1]
    assert read["2 . x"][0] == 3 and read["x + 1)"][0] == 6
    assert read["x^2*x^3"] == ["Pow(Symbol('x', real=True), Integer(5))",
                               "Mul(Pow(Symbol('x', real=True), Integer(2)), "
                               "Pow(Symbol('x', real=True), Integer(3)))"]
    assert sum(isinstance(r[0], int) for r in on_lark) == 17
