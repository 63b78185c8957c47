"""The CSV reader: real files give their columns; every bad file gives a clear InputError."""

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.errors import InputError
from calcml.learn.csvdata import column_names, read_columns

COURSE = ("x,y\n0,1.86\n1,1.31\n2,0.62\n3,0.33\n4,0.09\n5,-0.67\n6,-1.23\n7,-1.37\n")


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_the_course_data_reads_as_two_float_columns(tmp_path):
    data = read_columns(write(tmp_path, COURSE), ["x", "y"])
    assert data["x"].tolist() == [0, 1, 2, 3, 4, 5, 6, 7]
    assert data["y"].tolist() == [1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37]
    assert data["x"].dtype == np.float64


def test_columns_are_chosen_by_name_and_other_columns_may_be_text(tmp_path):
    path = write(tmp_path, "\ufeffname, y ,x\r\nann,1,2\r\n\r\nbob, 3 ,4e1\r\n")
    assert column_names(path) == ["name", "y", "x"]
    data = read_columns(path, ["x", "y"])
    assert list(data) == ["x", "y"]
    assert data["x"].tolist() == [2.0, 40.0] and data["y"].tolist() == [1.0, 3.0]
    assert read_columns(path, "y")["y"].tolist() == [1.0, 3.0]


def test_quoted_fields_are_read_by_the_csv_rules(tmp_path):
    path = write(tmp_path, 'label,"value"\n"a, b",1.5\n"c",2.5\n')
    assert read_columns(path, ["value"])["value"].tolist() == [1.5, 2.5]


@pytest.mark.parametrize(("text", "columns", "message"), [
    ("", ["x"], "is empty"),
    ("\n\n  \n", ["x"], "only blank lines"),
    ("1,2\n3,4\n", ["x"], "has no header"),
    ("x,y,x\n1,2,3\n4,5,6\n", ["y"], "names column 'x' twice"),
    (COURSE, ["x", "z"], "has no column 'z'; the columns are: 'x', 'y'"),
    ("x;y\n1;2\n3;4\n", ["x"], "separate the values with commas"),
    ("x,y\n0,1\n1,abc\n", ["y"], "line 3, column 'y': 'abc' is not a number"),
    ("x,y\n0,1\n1,\n", ["y"], "line 3, column 'y': the value is empty"),
    ("x,y\n0,1\n1,2,3\n", ["y"], "line 3: 3 fields where the header has 2"),
    ("x,y\n0,1\n1\n", ["x"], "line 3: 1 field where the header has 2 ('1')"),
    ("x,y\n0,1\n1,nan\n", ["y"], "'nan' (not a number)"),
    ("x,y\n0,inf\n1,2\n", ["y"], "'inf' is infinite"),
    ("x,y\n0,1e400\n1,2\n", ["y"], "'1e400' is infinite"),
    ("x,y\n0,1\n", ["y"], "found 1 data row under the header; at least 2"),
    ("x,y\n", ["y"], "found 0 data rows"),
])
def test_bad_content_is_reported_with_line_column_and_value(tmp_path, text, columns, message):
    with pytest.raises(InputError, match="data.csv") as err:
        read_columns(write(tmp_path, text), columns)
    assert message in str(err.value)


@pytest.mark.parametrize(("columns", "message"), [
    ([], "name at least one column"), ([""], "non-empty text"), ([3], "non-empty text"),
])
def test_the_columns_asked_for_are_checked(tmp_path, columns, message):
    with pytest.raises(InputError, match=message):
        read_columns(write(tmp_path, COURSE), columns)


def test_a_missing_file_a_folder_and_a_device_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_columns(tmp_path / "nope.csv", ["x"])
    with pytest.raises(InputError, match="is a folder"):
        column_names(tmp_path)
    with pytest.raises(InputError, match="not a regular file"):
        read_columns("/dev/zero", ["x"])
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_columns(fifo, ["x"])


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="not a text file"):
        read_columns(binary, ["x"])
    latin = write(tmp_path, "x,caf\xe9\n1,2\n3,4\n", encoding="latin-1")
    with pytest.raises(InputError, match="not UTF-8 text.*save it as UTF-8"):
        read_columns(latin, ["x"])


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = write(tmp_path, COURSE)
    with pytest.raises(InputError, match="more than the limit of 50"):
        read_columns(path, ["x"], max_bytes=50)
    with pytest.raises(InputError, match="more than the limit"):
        column_names(path, max_bytes=50)


def test_one_enormous_field_is_a_csv_error_not_a_hang(tmp_path):
    path = write(tmp_path, "x,y\n" + "9" * 1_000_000 + ",1\n2,3\n")
    with pytest.raises(InputError, match="not a readable CSV file"):
        read_columns(path, ["x"])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=2, max_size=40))
def test_any_finite_floats_round_trip_exactly(tmp_path_factory, values):
    folder = tmp_path_factory.mktemp("prop")
    path = write(folder, "v\n" + "\n".join(repr(v) for v in values) + "\n")
    assert read_columns(path, ["v"])["v"].tolist() == values
