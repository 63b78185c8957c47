"""calcml roc on real CSV files and on bad ones: the report, JSON, a figure, clear errors."""

import json
import subprocess
import sys

import pytest

from calcml.cli import main

HOTDOG = "photo,hotdog,score\na.jpg,1,0.9\nb.jpg,0,0.7\nc.jpg,1,0.6\nd.jpg,0,0.2\n"


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """The command in this process (fast): exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["calcml", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    return done.value.code or 0, out.out, out.err


@pytest.fixture
def hotdog(tmp_path):
    path = tmp_path / "hotdog.csv"
    path.write_text(HOTDOG)
    return str(path)


def test_the_report_shows_matrix_rates_curve_and_auc(monkeypatch, capsys, hotdog):
    code, out, _ = run(monkeypatch, capsys, "roc", hotdog, "--label", "hotdog",
                       "--score", "score", "--threshold", "0.65")
    assert code == 0
    assert "Threshold 0.65: positive when score >= 0.65" in out
    assert "actual 1 (positive)" in out and "fpr" in out and "ROC curve (5 points)" in out
    assert "(3 wins + 0 ties / 2) / 4 pairs" in out and "0.75" in out


def test_json_and_a_plot(monkeypatch, capsys, hotdog, tmp_path):
    figure = tmp_path / "roc.png"
    code, out, err = run(monkeypatch, capsys, "roc", hotdog, "-l", "hotdog", "-s", "score",
                         "--format", "json", "--plot", str(figure))
    assert code == 0 and f"figure saved to {figure}" in err
    data = json.loads(out)
    assert data["auc"]["trapezoid"] == data["auc"]["rank"] == 0.75
    assert data["confusion"]["matrix"] == [[1, 1], [0, 2]]
    assert data["roc"]["thresholds"][0] == "inf"
    assert figure.stat().st_size > 10_000


def test_pos_label_picks_the_positive_class(monkeypatch, capsys, tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("grade,score\n2,0.9\n4,0.7\n2,0.6\n4,0.2\n")
    code, out, _ = run(monkeypatch, capsys, "roc", str(path), "-l", "grade", "-s", "score",
                       "--pos-label", "2", "-f", "json")
    assert code == 0 and json.loads(out)["auc"]["rank"] == 0.75


@pytest.mark.parametrize(("text", "args", "message"), [
    (HOTDOG, ("-l", "hotdog", "-s", "nope"), "has no column 'nope'"),
    (HOTDOG, ("-l", "score", "-s", "hotdog"), "y_true[0] is 0.9, which is not a class label"),
    (HOTDOG, ("-l", "hotdog", "-s", "hotdog"), "both name the column 'hotdog'"),
    (HOTDOG, ("-l", "hotdog", "-s", "photo"), "'a.jpg'"),
    (HOTDOG, ("-l", "hotdog", "-s", "score", "-f", "latex"), "use --format text or json"),
    (HOTDOG, ("-l", "hotdog", "-s", "score", "--pos-label", "5"), "pos_label 5 is not among"),
    ("y,s\n1,0.5\n1,0.7\n", ("-l", "y", "-s", "s"), "only one class present in y_true: [1]"),
    ("y,s\n0,0.5\n2,0.7\n", ("-l", "y", "-s", "s"), "takes the values [0, 2]"),
    ("y,s\n0,0.5\n1,oops\n", ("-l", "y", "-s", "s"), "'oops'"),
    ("", ("-l", "y", "-s", "s"), "error:"),
])
def test_bad_files_columns_and_labels_exit_2_with_a_message(monkeypatch, capsys, tmp_path,
                                                            text, args, message):
    path = tmp_path / "data.csv"
    path.write_text(text)
    code, out, err = run(monkeypatch, capsys, "roc", str(path), *args)
    assert code == 2 and out == ""
    assert err.startswith("error:") and message in err


def test_a_missing_file_is_a_clear_error_and_never_a_traceback(tmp_path):
    out = subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()", "roc",
                          str(tmp_path / "missing.csv"), "-l", "y", "-s", "s"],
                         capture_output=True, text=True, timeout=120,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2
    assert "missing.csv" in out.stderr and "Traceback" not in out.stderr
