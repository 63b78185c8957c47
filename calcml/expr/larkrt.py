"""The lark runtime calcml's parser runs on: a stand-alone parser made from lark, or lark.

Importing lark and loading its analysis of ``grammar.lark`` took a third of the start-up
overhead of ``calcml diff "x^2"``. Lark can write a *stand-alone* LALR parser: one Python
module that holds lark's runtime (``Token``, ``Tree``, ``Transformer_NonRecursive``,
``v_args``, ``PostLex``, the exceptions, the LALR parser) and the grammar's tables, and
imports without lark (it skips lark's grammar loader). calcml never ships that module: the
first parse on a machine generates it from the installed lark into the user's cache folder
(:func:`cache_folder`, beside lark's pickle cache), named by lark's version and the
grammar's checksum (:func:`standalone_path`). The folder is trusted as the pickle is.

The choice is made once, when this module is imported, because the builders subclass the
runtime's classes at import time (``SympyBuilder(Transformer_NonRecursive)``), and every
module of ``calcml.expr`` takes those names from here, so one process never mixes two:

- the generated module for this grammar and this lark version is in the cache, and its last
  line records that key (a half-written, corrupt or foreign file does not pass): every name
  comes from it and lark is never imported (:data:`STANDALONE` is true);
- otherwise every name comes from lark, exactly as before, and the first parser built
  (:func:`build_parser`) also writes the stand-alone module for the processes that follow: to
  a temporary file in the same folder, then renamed, so a concurrent process sees the whole
  file or none. When the folder cannot be written or generating fails, calcml simply keeps
  running on lark.

Both runtimes are the same lark code reading the same tables, so trees, columns and error
messages agree (``tests/test_parser_standalone.py`` compares them).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import sys
import zlib
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from calcml.errors import CalcmlError

# Options that shape the parser's tables: part of the key of the generated module.
_OPTIONS = {"parser": "lalr", "lexer": "basic", "propagate_positions": True}
# Lark's generator (1.3) leaves out this import, which its transformers use.
_PRELUDE = "from typing import cast\n"
_NAMES = ("Token", "Tree", "Transformer_NonRecursive", "v_args", "PostLex", "UnexpectedInput",
          "UnexpectedCharacters", "UnexpectedToken", "VisitError", "Lark_StandAlone")
_VERSION = re.compile(r"""^__version__\s*(?::\s*str\s*)?=\s*["']([^"']+)["']""", re.M)


def cache_folder() -> Path:
    """The user's cache folder for calcml, as ``platformdirs.user_cache_dir("calcml")`` gives
    it; on Linux computed directly (``$XDG_CACHE_HOME`` when it is an absolute path, else
    ``~/.cache``), which spares a command the import of platformdirs.

    >>> cache_folder().name
    'calcml'
    """
    if sys.platform == "linux":
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.expanduser("~/.cache")
        return Path(base, "calcml")
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("calcml"))


def lark_version() -> str | None:
    """The installed lark's version, read from its ``__init__.py`` without importing it;
    None when lark is not found or its version cannot be read.

    >>> lark_version().count(".") >= 1
    True
    """
    spec = importlib.util.find_spec("lark")
    if spec is None or not spec.origin:
        return None
    try:
        with open(spec.origin, encoding="utf-8") as source:
            found = _VERSION.search(source.read())
    except OSError:
        return None
    return found.group(1) if found else None


def standalone_path(grammar: str, version: str) -> Path:
    """Where the stand-alone parser of ``grammar`` made by lark ``version`` is cached: a new
    name whenever the grammar, the parser's options or lark's version change.

    >>> standalone_path("start: 'a'", "1.3.1").name
    'grammar-standalone-1.3.1-41117d19.py'
    """
    return cache_folder() / f"grammar-standalone-{_key(grammar, version)}.py"


def _key(grammar: str, version: str) -> str:
    made_with = grammar + repr(sorted(_OPTIONS.items())) + _PRELUDE
    checksum = zlib.crc32(made_with.encode("utf-8"))
    return f"{version}-{checksum:08x}"


def load_standalone(grammar: str, version: str) -> ModuleType | None:
    """The cached stand-alone parser of ``grammar`` for lark ``version``, or None when there is
    none or the file is not the one expected (corrupt, half-written, another grammar's)."""
    path = standalone_path(grammar, version)
    if not path.is_file():
        return None
    name = "calcml_standalone_" + re.sub(r"\W", "_", _key(grammar, version))
    try:
        module = _import(path, name)
    except Exception:  # not a module we can run: not trusted; lark's run regenerates it
        return None
    if getattr(module, "CALCML_KEY", None) != _key(grammar, version) \
            or not all(hasattr(module, attr) for attr in _NAMES):
        sys.modules.pop(name, None)
        return None
    return module


def _import(path: Path, name: str) -> ModuleType:
    """Run the Python file ``path`` as the module ``name`` (its bytecode cached as usual)."""
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def write_standalone(grammar: str, version: str, postlex: Any) -> Path | None:
    """Generate the stand-alone parser of ``grammar`` with the installed lark (whose version
    must be ``version``) into the cache; its path, or None when it could not be written or
    does not parse as lark does.

    ``postlex`` is the post-lexer the parser will run with: lark keeps the terminals it
    consumes (its ``always_accept``: the grammar's own LETTERS and BAR, which no rule uses)
    in the tables. It is passed again when the module is loaded; the module records only the
    key (on its last line, so a cut file fails)."""
    import tempfile

    path = standalone_path(grammar, version)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(suffix=".tmp", prefix=f".{path.stem}-", dir=path.parent)
        source, reference = _generate(grammar, version, postlex)
        with open(handle, "w", encoding="utf-8") as out:
            out.write(source + f"CALCML_KEY = {_key(grammar, version)!r}\n")
        if not _parses_as_lark(Path(tmp), postlex, reference):
            return None
        os.replace(tmp, path)
        tmp = None
        _compile(path)
    except CalcmlError:
        raise  # a time limit ran out: that is the caller's to report
    except Exception:  # a read-only cache, a lark without the tool: lark itself serves
        return None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path


# Text the parser itself reads (after calcml.expr.lexing.prepare): every kind of token.
_GOOD = "2x sin(x)^2 + |x - 1| / log_2(x) - √x^-3 * cos^2(x)"
_BAD = ("x + * 2", "2 . x", "x^")


def _generate(grammar: str, version: str, postlex: Any) -> tuple[str, str]:
    """The stand-alone module's source, from lark's own generator, and what lark makes of the
    sample texts (for :func:`_parses_as_lark`)."""
    import io

    import lark
    from lark.tools.standalone import gen_standalone

    if lark.__version__ != version:
        raise ValueError(f"lark {lark.__version__} is loaded, not {version}")
    analysed = lark.Lark(grammar, postlex=postlex, **_OPTIONS)
    reference = _sample(analysed, lark.Transformer_NonRecursive, lark.exceptions.UnexpectedInput)
    analysed.options.postlex = None  # an object, not data: given again to Lark_StandAlone
    out = io.StringIO()
    gen_standalone(analysed, out=out)
    return _PRELUDE + out.getvalue(), reference


def _parses_as_lark(path: Path, postlex: Any, reference: str) -> bool:
    """Whether the generated module at ``path`` reads the sample texts as lark does."""
    name = "calcml_standalone_candidate"
    try:
        module = _import(path, name)
        parser = module.Lark_StandAlone(postlex=postlex)
        return _sample(parser, module.Transformer_NonRecursive, module.UnexpectedInput) \
            == reference
    finally:
        sys.modules.pop(name, None)
        Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)


def _sample(parser: Any, transformer: type, unexpected: type) -> str:
    tree = parser.parse(_GOOD)
    read = [f"{tree.pretty()}{transformer().transform(tree) == tree}"]
    for text in _BAD:
        try:
            parser.parse(text)
        except unexpected as error:
            read.append(f"{type(error).__name__} {error.line}:{error.column}")
    return " ".join(read)


def _compile(path: Path) -> None:
    """Write the module's bytecode now, so a later process only unmarshals it (Python would
    not write it where PYTHONDONTWRITEBYTECODE is set)."""
    import py_compile

    py_compile.compile(str(path), cfile=importlib.util.cache_from_source(str(path)),
                       doraise=True)


def build_parser(postlex: Any) -> Any:
    """The grammar's LALR parser on this process's runtime, with ``postlex`` between its lexer
    and parser. On lark, Lark's analysis of the grammar is cached as a pickle in the cache
    folder (no cache when that folder cannot be made; never the shared temporary directory),
    and the stand-alone parser is written for the processes that follow.

    >>> from calcml.expr.lexing import MathPostLex
    >>> str(build_parser(MathPostLex()).parse("2x + 1").data)
    'sum'
    """
    if STANDALONE:
        return _runtime.Lark_StandAlone(postlex=postlex)
    import lark

    parser = lark.Lark(GRAMMAR, postlex=postlex, cache=_pickle_file(), **_OPTIONS)
    if LARK_VERSION is not None:
        write_standalone(GRAMMAR, LARK_VERSION, postlex)
    return parser


def _pickle_file() -> str | bool:
    import lark

    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return str(folder / f"grammar-lark-{lark.__version__}.cache")


def _lark_runtime() -> SimpleNamespace:
    import lark
    import lark.exceptions
    import lark.lark

    return SimpleNamespace(
        Token=lark.Token, Tree=lark.Tree, Transformer_NonRecursive=lark.Transformer_NonRecursive,
        v_args=lark.v_args, PostLex=lark.lark.PostLex, VisitError=lark.exceptions.VisitError,
        UnexpectedInput=lark.exceptions.UnexpectedInput,
        UnexpectedCharacters=lark.exceptions.UnexpectedCharacters,
        UnexpectedToken=lark.exceptions.UnexpectedToken)


with open(os.path.join(os.path.dirname(__file__), "grammar.lark"), encoding="utf-8") as _file:
    GRAMMAR = _file.read()
LARK_VERSION = lark_version()
_standalone = load_standalone(GRAMMAR, LARK_VERSION) if LARK_VERSION else None
STANDALONE = _standalone is not None
_runtime = _standalone or _lark_runtime()

Token = _runtime.Token
Tree = _runtime.Tree
Transformer_NonRecursive = _runtime.Transformer_NonRecursive
v_args = _runtime.v_args
PostLex = _runtime.PostLex
UnexpectedInput = _runtime.UnexpectedInput
UnexpectedCharacters = _runtime.UnexpectedCharacters
UnexpectedToken = _runtime.UnexpectedToken
VisitError = _runtime.VisitError
