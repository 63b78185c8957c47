"""Practice on the confusion matrix, the rates and the AUC (lesson 8): every generated
exercise's answer is accepted and agrees with scikit-learn; the course's hot-dog curve has
AUC 0.75; swapped TPR and FPR are diagnosed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from calcml.errors import InputError
from calcml.exercises import check as check_answer
from calcml.exercises import generate
from calcml.exercises.checking import solve
from calcml.exercises.model import get_skill, mistakes_for, skills
from calcml.metrics.worked import HOTDOG, HOTDOG_CURVE

SEEDS = range(30)
LEVELS = (1, 2, 3)
SKILLS = ("confusion-matrix", "tpr-fpr-at-threshold", "auc-trapezoids")


def check(task: dict, answer: str):
    """The verdict, with a time limit generous enough for a loaded test machine (the
    2 s default is for a learner; these tests are about the verdicts, not the time)."""
    return check_answer(task, answer, seconds=30)


def hotdog(problem: str, **extra) -> dict:
    labels, scores = HOTDOG
    return {"kind": "value", "problem": problem, "labels": labels.tolist(),
            "scores": scores.tolist(), **extra}


def _sklearn_answer(task: dict) -> tuple[float, ...]:
    """The answer by scikit-learn, independently of calcml's metrics."""
    problem = task["problem"]
    if problem == "auc-trapezoids":
        return (skm.auc(task["fpr"], task["tpr"]),)
    if problem == "auc-from-scores":
        return (skm.roc_auc_score(task["labels"], task["scores"]),)
    predicted = (np.asarray(task["scores"]) >= task["threshold"]).astype(int)
    tn, fp, fn, tp = skm.confusion_matrix(task["labels"], predicted, labels=[0, 1]).ravel()
    if problem == "confusion-counts":
        return tp, fp, fn, tn
    return tp / (tp + fn), fp / (fp + tn)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("skill", SKILLS)
def test_generated_exercises(skill: str, level: int) -> None:
    for seed in SEEDS:
        ex = generate(skill, seed=seed, level=level)
        feedback = check(ex.task, ex.answer_text)
        assert feedback.correct and feedback.mistake is None, (ex.task, ex.answer_text)
        answer = ex.answer if isinstance(ex.answer, tuple) else (ex.answer,)
        assert [float(v) for v in answer] == pytest.approx(_sklearn_answer(ex.task), abs=1e-12)
        assert [float(v) for v in solve(ex.task)] == pytest.approx(
            [float(v) for v in answer], abs=1e-12)
        ET.fromstring(f"<div>{ex.prompt.html}</div>")
        assert ex.prompt.text and ex.prompt.latex.count("{") == ex.prompt.latex.count("}")
        assert len(ex.hints) == 3
        assert str(ex.solution()).strip()


def test_every_sample_appears_in_the_prompt_and_scores_differ_from_the_threshold() -> None:
    for seed in range(20):
        ex = generate("confusion-matrix", seed=seed, level=1)
        assert ex.task["threshold"] == 0.5
        assert all(s != 0.5 for s in ex.task["scores"])
        assert len(ex.prompt.text.splitlines()[2].split()) == len(ex.task["labels"]) + 2
    on_threshold = [generate("confusion-matrix", seed=s, level=3) for s in range(30)]
    assert any(ex.task["threshold"] in ex.task["scores"] for ex in on_threshold)


def test_the_worked_solutions_agree_with_the_answers() -> None:
    ex = generate("confusion-matrix", seed=3, level=2)
    cm = ex.solution().confusion
    assert (cm.tp, cm.fp, cm.fn, cm.tn) == ex.answer
    ex = generate("auc-trapezoids", seed=3, level=1)
    worked = ex.solution()
    assert worked.table.notes[0] == f"sum of the areas = {float(ex.answer):g}"
    assert worked.area == pytest.approx(float(ex.answer))
    ex = generate("auc-trapezoids", seed=3, level=3)
    assert ex.solution().trapezoid == pytest.approx(float(ex.answer))


def test_the_skills_build_on_each_other() -> None:
    known = {s.id for s in skills()}
    assert get_skill("tpr-fpr-at-threshold").prerequisites == ("confusion-matrix",)
    assert "tpr-fpr-at-threshold" in get_skill("auc-trapezoids").prerequisites
    for skill in SKILLS:
        assert get_skill(skill).lesson == 8
        assert set(get_skill(skill).prerequisites) <= known


def test_the_course_hot_dog_curve_has_auc_three_quarters() -> None:
    fpr, tpr = HOTDOG_CURVE
    task = {"kind": "value", "problem": "auc-trapezoids", "fpr": fpr.tolist(),
            "tpr": tpr.tolist()}
    assert solve(task) == (0.75,)
    for answer in ("0.75", "3/4", "75/100"):
        assert check(task, answer).correct
    assert not check(task, "0.7").correct
    assert solve(hotdog("auc-from-scores")) == (0.75,)


def test_the_hot_dog_classifier_at_a_threshold() -> None:
    assert solve(hotdog("confusion-counts", threshold=0.65)) == (1, 1, 1, 1)
    assert solve(hotdog("confusion-counts", threshold=0.5)) == (2, 1, 0, 1)
    assert check(hotdog("confusion-counts", threshold=0.5), "(2, 1, 0, 1)").correct
    assert check(hotdog("confusion-counts", threshold=0.5), "[2, 1, 0, 1]").correct
    assert not check(hotdog("confusion-counts", threshold=0.5), "(1, 2, 0, 1)").correct
    # a score equal to the threshold is predicted positive
    assert solve(hotdog("confusion-counts", threshold=0.6)) == (2, 1, 0, 1)


def test_rates_in_equivalent_forms() -> None:
    task = hotdog("tpr-fpr", threshold=0.5, tolerance=0.005)
    for answer in ("(1, 1/2)", "(1, 0.5)", "[1.0, 0.50]", "1, 2/4"):
        assert check(task, answer).correct, answer
    thirds = {"kind": "value", "problem": "tpr-fpr", "labels": [1, 1, 1, 0, 0, 0],
              "scores": [0.9, 0.8, 0.2, 0.7, 0.3, 0.1], "threshold": 0.5, "tolerance": 0.005}
    assert check(thirds, "(2/3, 1/3)").correct
    assert check(thirds, "(0.67, 0.33)").correct
    assert not check(thirds, "(0.6, 0.3)").correct


def _swapped_text(task: dict) -> str | None:
    mistake = next(m for m in mistakes_for("value") if m.id == "tpr-fpr-swapped")
    wrong = mistake.wrong(task)
    if wrong is None:
        return None
    values = wrong if isinstance(wrong, tuple) else (wrong,)
    return "(" + ", ".join(str(v) for v in values) + ")"


def _symmetric(answer) -> bool:
    if isinstance(answer, tuple):
        return answer[0] == answer[1]
    return answer == 0.5


def test_swapped_rates_are_diagnosed_and_right_ones_are_not() -> None:
    diagnosed = 0
    for seed in range(40):
        for skill in ("tpr-fpr-at-threshold", "auc-trapezoids"):
            ex = generate(skill, seed=seed, level=2)
            if _symmetric(ex.answer):
                continue  # swapping changes nothing
            feedback = check(ex.task, _swapped_text(ex.task))
            assert not feedback.correct and feedback.mistake == "tpr-fpr-swapped", ex.task
            assert check(ex.task, ex.answer_text).mistake is None
            diagnosed += 1
    assert diagnosed >= 5


def test_the_swap_by_hand() -> None:
    task = hotdog("tpr-fpr", threshold=0.5)
    feedback = check(task, "(1/2, 1)")
    assert feedback.mistake == "tpr-fpr-swapped" and "TPR = TP / (TP + FN)" in feedback.message
    fpr, tpr = HOTDOG_CURVE
    lopsided = {"kind": "value", "problem": "auc-trapezoids", "fpr": [0, 0, 0.5, 1],
                "tpr": [0, 0.5, 1, 1]}
    assert check(lopsided, "0.125").mistake == "tpr-fpr-swapped"  # 1 - 0.875
    assert _swapped_text(hotdog("confusion-counts", threshold=0.5)) is None
    mistake = next(m for m in mistakes_for("value") if m.id == "tpr-fpr-swapped")
    assert check(*mistake.example).mistake == "tpr-fpr-swapped"


@pytest.mark.parametrize("task", [
    hotdog("confusion-counts"),                                  # no threshold
    hotdog("confusion-counts", threshold="high"),
    {"kind": "value", "problem": "tpr-fpr", "labels": [1, 2], "scores": [0.1, 0.2],
     "threshold": 0.5},
    {"kind": "value", "problem": "auc-trapezoids", "fpr": [0, 1, 0.5], "tpr": [0, 1, 1]},
    {"kind": "value", "problem": "auc-from-scores", "labels": [1, 1], "scores": [0.1, 0.2]},
])
def test_bad_tasks_are_input_errors(task: dict) -> None:
    with pytest.raises(InputError):
        check(task, "1")


samples = st.lists(st.tuples(st.sampled_from([0, 1]), st.integers(0, 20)), min_size=2,
                   max_size=12).filter(lambda s: len({label for label, _ in s}) == 2)


@settings(max_examples=60, deadline=None)
@given(samples=samples, cut=st.integers(0, 21))
def test_every_value_problem_agrees_with_scikit_learn(samples, cut: int) -> None:
    labels = [label for label, _ in samples]
    scores = [score / 20 for _, score in samples]
    task = {"kind": "value", "labels": labels, "scores": scores, "threshold": cut / 20}
    for problem in ("confusion-counts", "tpr-fpr", "auc-from-scores"):
        task["problem"] = problem
        assert [float(v) for v in solve(dict(task))] == pytest.approx(
            [float(v) for v in _sklearn_answer(task)], abs=1e-12)
    fpr, tpr, _ = skm.roc_curve(labels, scores)
    curve = {"kind": "value", "problem": "auc-trapezoids", "fpr": fpr.tolist(),
             "tpr": tpr.tolist()}
    assert solve(curve)[0] == pytest.approx(skm.auc(fpr, tpr), abs=1e-12)


def test_false_positives_and_negatives_swapped_is_diagnosed() -> None:
    diagnosed = 0
    for seed in range(30):
        ex = generate("confusion-matrix", seed=seed, level=2)
        tp, fp, fn, tn = ex.answer
        if fp == fn:
            continue  # swapping changes nothing
        feedback = check(ex.task, str((tp, fn, fp, tn)))
        assert feedback.mistake == "false-positive-negative-swapped", ex.task
        assert check(ex.task, ex.answer_text).mistake is None
        diagnosed += 1
    assert diagnosed >= 5
    assert check(hotdog("confusion-counts", threshold=0.5), "(2, 0, 1, 1)").mistake == \
        "false-positive-negative-swapped"
    mistake = next(m for m in mistakes_for("value")
                   if m.id == "false-positive-negative-swapped")
    assert check(*mistake.example).mistake == mistake.id
