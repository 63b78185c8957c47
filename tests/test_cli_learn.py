"""calcml fit and calcml train on real files and data sets, and on bad input."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from calcml.cli import app
from calcml.errors import CalcmlError, InputError
from calcml.learn import TrainingDiverged

COURSE = "x,y\n0,1.86\n1,1.31\n2,0.62\n3,0.33\n4,0.09\n5,-0.67\n6,-1.23\n7,-1.37\n"
runner = CliRunner()


@pytest.fixture
def course_csv(tmp_path):
    path = tmp_path / "course.csv"
    path.write_text(COURSE)
    return str(path)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def fails(*args, error=InputError):
    """The command raises ``error`` (a CalcmlError: main() prints 'error: ...', exit 2)."""
    result = run(*args)
    assert isinstance(result.exception, error) and issubclass(error, CalcmlError), result.output
    return str(result.exception)


def calcml(*args):
    return subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                               "HOME": os.environ.get("HOME", "/tmp")})


def test_fit_a_line_to_the_course_data_gives_the_course_answer(course_csv, tmp_path):
    history = tmp_path / "history.csv"
    plot = tmp_path / "fit.png"
    out = run("fit", course_csv, "--x", "x", "--y", "y", "--start", "0.9,0.1",
              "--history", history, "--plot", plot)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[1:5] == ["gd, lr=0.01, 1000 epochs, full batch", "  m = -0.468119",
                          "  b = 1.75426", "line: y = -0.468119 x + 1.75426"]
    assert lines[5] == "final cost (mse) = 0.019476"
    rows = history.read_text().splitlines()
    assert rows[0] == "epoch,cost,lr,m,b,grad_m,grad_b" and len(rows) == 1001
    assert rows[1] == "0,19.675475,0.01,0.9,0.1,36.305,6.265"
    assert plot.stat().st_size > 20_000


def test_fit_json_reports_the_parameters_and_final_cost(course_csv):
    out = run("fit", course_csv, "--x", "x", "--y", "y", "--optimizer", "adam", "--lr", "0.1",
              "--epochs", "500", "--format", "json")
    data = json.loads(out.stdout)
    slope, intercept = np.polyfit(range(8), [1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23,
                                             -1.37], 1)
    assert data["parameters"]["m"] == pytest.approx(slope, abs=1e-3)
    assert data["parameters"]["b"] == pytest.approx(intercept, abs=1e-3)
    assert data["final_cost"] == pytest.approx(0.01947, abs=1e-4)
    assert (data["model"], data["optimizer"], data["rows"]) == ("line", "adam", 8)


def test_fit_linear_and_logistic_models_by_column_name(tmp_path):
    rng = np.random.default_rng(0)
    x1, x2 = rng.normal(size=60), rng.normal(size=60)
    label = (x1 - x2 > 0).astype(int)
    lines = [f"{a:.6f},{b:.6f},{2 * a - b + 0.5:.6f},{c},text"
             for a, b, c in zip(x1, x2, label, strict=True)]
    path = tmp_path / "two.csv"
    path.write_text("x1,x2,target,label,note\n" + "\n".join(lines) + "\n")
    plot = tmp_path / "cost.png"
    out = run("fit", path, "--x", "x1, x2", "--y", "target", "--model", "linear", "--lr", "0.1",
              "-f", "json", "--plot", plot)
    params = json.loads(out.stdout)["parameters"]
    assert plot.stat().st_size > 10_000
    assert params == pytest.approx({"w[x1]": 2.0, "w[x2]": -1.0, "b": 0.5}, abs=1e-4)
    out = run("fit", path, "--x", "x1,x2", "--y", "label", "--model", "logistic", "--lr", "1",
              "--optimizer", "sgd", "--batch-size", "16", "--epochs", "200")
    assert out.exit_code == 0, out.output
    assert "final cost (binary_cross_entropy)" in out.stdout
    assert "accuracy on these rows = 100.0%" in out.stdout


@pytest.mark.parametrize(("text", "args", "message"), [
    ("", ("--x", "x", "--y", "y"), "is empty"),
    (COURSE, ("--x", "x", "--y", "z"), "has no column 'z'; the columns are: 'x', 'y'"),
    ("x,y\n0,1\n1,two\n", ("--x", "x", "--y", "y"), "line 3, column 'y': 'two' is not a "
                                                   "number"),
    (COURSE, ("--x", "x", "--y", "x"), "--y names one column, not among --x"),
    (COURSE, ("--x", "x,,y", "--y", "y"), "column names separated by commas"),
    (COURSE, ("--x", "x,x", "--y", "y"), "--x names column 'x' twice"),
    (COURSE, ("--x", "x", "--y", "y", "--model", "logistic"), "0/1 class labels; it holds 1.86"),
    ("a,b,y\n0,1,2\n1,0,3\n", ("--x", "a,b", "--y", "y"), "one --x column, got 2 (a, b)"),
    (COURSE, ("--x", "x", "--y", "y", "--start", "0.9"), "as 'm,b'"),
    (COURSE, ("--x", "x", "--y", "y", "--model", "linear", "--start", "1,2"), "line only"),
    (COURSE, ("--x", "x", "--y", "y", "--batch-size", "4"), "leave --batch-size out"),
    (COURSE, ("--x", "x", "--y", "y", "--format", "latex"), "use --format text or json"),
    (COURSE, ("--x", "x", "--y", "y", "--lr", "-1"), "lr must be a positive number"),
    (COURSE, ("--x", "x", "--y", "y", "--epochs", "0"), "epochs must be a whole number"),
])
def test_fit_bad_input_is_a_clear_error(tmp_path, text, args, message):
    path = tmp_path / "data.csv"
    path.write_text(text)
    assert message in fails("fit", path, *args)


def test_fit_reports_a_divergence_and_keeps_its_history(course_csv, tmp_path):
    history = tmp_path / "diverged.csv"
    message = fails("fit", course_csv, "--x", "x", "--y", "y", "--lr", "0.09",
                    "--history", history, error=TrainingDiverged)
    assert "try a smaller learning rate such as lr=0.009" in message
    assert "inf" in history.read_text().splitlines()[-1]


def test_a_divergence_reaches_the_terminal_as_one_line_with_exit_code_2(course_csv):
    out = calcml("fit", course_csv, "--x", "x", "--y", "y", "--lr", "0.09")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == ("error: cost became inf at epoch 431 with lr=0.09; the steps "
                          "overshoot the minimum: try a smaller learning rate such as "
                          "lr=0.009\n")


def test_train_prints_accuracy_as_it_learns_and_the_final_test_accuracy(tmp_path):
    plot = tmp_path / "accuracy.png"
    out = run("train", "--dataset", "breast-cancer", "--model", "logistic", "--optimizer",
              "gd", "--epochs", "40", "--plot", plot)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[1].split() == ["epoch", "cost", "train", "acc", "test", "acc"]
    assert [line.split()[0] for line in lines[2:-1]] == [str(k) for k in range(0, 41, 4)]
    final = float(lines[-1].split()[3].rstrip("%"))
    assert lines[-1].startswith("final test accuracy:") and final > 95
    assert "(143 test samples), trained in" in lines[-1]
    assert plot.stat().st_size > 15_000


def test_train_an_mlp_on_digits_quietly_and_as_json():
    out = run("train", "-d", "digits", "-e", "3", "--quiet", "--hidden", "16")
    assert len(out.stdout.splitlines()) == 1 and out.stdout.startswith("final test accuracy")
    data = json.loads(run("train", "-d", "digits", "-m", "logistic", "-e", "3", "-f",
                          "json").stdout)
    assert data["model"].startswith("MLP([64, 10]") and data["test_accuracy"] > 0.9
    assert [row["epoch"] for row in data["rows"]] == [0, 1, 2, 3]


@pytest.mark.parametrize(("args", "message"), [
    (("--dataset", "iris"), "'iris' is not one of 'digits', 'breast-cancer'"),
    (("--dataset", "digits", "--model", "forest"), "'forest' is not one of 'mlp', 'logistic'"),
])
def test_train_unknown_data_set_or_model_is_a_usage_error(args, message):
    out = run("train", *args)
    assert out.exit_code == 2
    assert message in " ".join(out.output.replace("│", " ").split())


def test_train_bad_options_are_clear_errors():
    assert "layer sizes" in fails("train", "-d", "digits", "--hidden", "big")
    assert "layer sizes" in fails("train", "-d", "digits", "--hidden", "0")
    assert "1,000,000 at most" in fails("train", "-d", "digits", "-e", "2000000000")
    assert "layer sizes" in fails("train", "-d", "digits", "--hidden", "99999999")
    assert "has none" in fails("train", "-d", "breast-cancer", "-m", "logistic",
                               "--hidden", "8")
    assert "leave --batch-size out" in fails("train", "-d", "digits", "-o", "gd", "-b", "8")
    assert "epochs" in fails("train", "-d", "digits", "-e", "0")

