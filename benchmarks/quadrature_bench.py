"""calcml's adaptive integrator against scipy.integrate.quad on the 20 integrands of
:mod:`calcml.numeric.quad_cases` (smooth, oscillatory, peaked, a kink, end-point
singularities, infinite intervals).

Both get the same NumPy function. calcml aims at a relative error of 1e-10 (its default);
quad runs with its defaults (epsabs = epsrel = 1.49e-8). Each row's note gives calcml's
evaluations and quad's, their ratio, and calcml's relative error against the exact value;
the last task sums the times over all 20 and gives the worst ratio and error. Every result
is checked before it is timed. ``run(quick=True)`` times each integral once.
"""

from __future__ import annotations

from scipy import integrate as scipy_integrate

from benchmarks.harness import Timing, measure, timing
from calcml.numeric import integrate
from calcml.numeric.quad_cases import CASES, Integrand

TITLE = "calcml's adaptive integrator (tol 1e-10) against scipy.integrate.quad (defaults)"


def _checked(case: Integrand) -> tuple[int, int, float]:
    """calcml's and quad's evaluations and calcml's relative error; fails loudly if calcml
    misses 1e-10."""
    mine = integrate(case.fn, case.a, case.b)
    neval = scipy_integrate.quad(case.fn, case.a, case.b, full_output=1)[2]["neval"]
    error = abs(mine.estimate - case.exact) / abs(case.exact)
    if not mine.converged or error > 1e-10:
        raise AssertionError(f"{case.name}: calcml's relative error {error:.1e} "
                             f"(converged: {mine.converged})")
    return mine.evaluations, neval, error


def run(quick: bool) -> list[Timing]:
    """One task per integrand, calcml and quad timed on each, plus the sum over all."""
    repeats = 1 if quick else 7
    rows: list[Timing] = []
    totals = {"calcml": 0.0, "scipy quad": 0.0}
    worst_ratio, worst_error = 0.0, 0.0
    for case in CASES:
        mine, theirs, error = _checked(case)
        worst_ratio, worst_error = max(worst_ratio, mine / theirs), max(worst_error, error)
        contenders = {
            "calcml": lambda c=case: integrate(c.fn, c.a, c.b),
            "scipy quad": lambda c=case: scipy_integrate.quad(c.fn, c.a, c.b),
        }
        for name, fn in contenders.items():
            times = measure(fn, repeats=repeats, warmup=0 if quick else 1)
            note = (f"evaluations {mine} vs quad {theirs} ({mine / theirs:.2f}x), "
                    f"rel. error {error:.1e}") if name == "calcml" else ""
            rows.append(timing(f"{case.name} [{case.kind}]", name, times, note))
            totals[name] += rows[-1].median
    summary = f"worst evaluations ratio {worst_ratio:.2f}x, worst rel. error {worst_error:.1e}"
    for name, total in totals.items():
        rows.append(Timing("all 20 integrals (sum of medians)", name, total, total, repeats,
                           summary if name == "calcml" else ""))
    return rows
