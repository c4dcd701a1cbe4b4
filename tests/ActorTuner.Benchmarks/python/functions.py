"""Synthetic benchmark functions, all minimised, with the same definitions as the C# runner.

Pure Python (the math module only) so the C#/Python agreement test needs nothing but /usr/bin/python3.

Names:
  branin                 x0 in [-5, 10], x1 in [0, 15]; optimum 0.397887
  hartmann3              [0, 1]^3; optimum -3.86278
  hartmann6              [0, 1]^6; optimum -3.32237
  ackleyD                [-32.768, 32.768]^D, a = 20, b = 0.2, c = 2 pi; optimum 0 at 0
  rosenbrockD            [-5, 10]^D; optimum 0 at (1, ..., 1)
  levyD                  [-10, 10]^D; optimum 0 at (1, ..., 1)
  hartmann6-int          hartmann6 with x0, x1, x2 integers k in [0, 20] read as x = k / 20; optimum -3.31713
  hartmann6-cat          hartmann6 plus categorical "shift" in a, b, c, d adding 0.0, 0.3, 0.6, 1.0
  NAME-noiseS            NAME observed with S * N(0, 1) added; scored by the noise-free value

Parameters are named x0 .. x{D-1} (plus "shift").

CLI:
  functions.py eval NAME     read JSON lines of parameter dicts on stdin, print the noise-free value of each
  functions.py space NAME    print the parameter space as JSON
"""

import json
import math
import re
import sys

_BRANIN_B = 5.1 / (4.0 * math.pi ** 2)
_BRANIN_C = 5.0 / math.pi
_BRANIN_T = 1.0 / (8.0 * math.pi)

_HARTMANN_ALPHA = (1.0, 1.2, 3.0, 3.2)

_HARTMANN3_A = (
    (3.0, 10.0, 30.0),
    (0.1, 10.0, 35.0),
    (3.0, 10.0, 30.0),
    (0.1, 10.0, 35.0),
)
_HARTMANN3_P = (
    (0.3689, 0.1170, 0.2673),
    (0.4699, 0.4387, 0.7470),
    (0.1091, 0.8732, 0.5547),
    (0.0381, 0.5743, 0.8828),
)

_HARTMANN6_A = (
    (10.0, 3.0, 17.0, 3.5, 1.7, 8.0),
    (0.05, 10.0, 17.0, 0.1, 8.0, 14.0),
    (3.0, 3.5, 1.7, 10.0, 17.0, 8.0),
    (17.0, 8.0, 0.05, 10.0, 0.1, 14.0),
)
_HARTMANN6_P = (
    (0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886),
    (0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991),
    (0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650),
    (0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381),
)

SHIFT_CHOICES = ("a", "b", "c", "d")
SHIFT_VALUES = (0.0, 0.3, 0.6, 1.0)
INT_STEPS = 20


def branin(x):
    x1, x2 = x
    return (x2 - _BRANIN_B * x1 * x1 + _BRANIN_C * x1 - 6.0) ** 2 + 10.0 * (1.0 - _BRANIN_T) * math.cos(x1) + 10.0


def _hartmann(x, a, p):
    total = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(len(x)):
            d = x[j] - p[i][j]
            inner += a[i][j] * d * d
        total += _HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


def hartmann3(x):
    return _hartmann(x, _HARTMANN3_A, _HARTMANN3_P)


def hartmann6(x):
    return _hartmann(x, _HARTMANN6_A, _HARTMANN6_P)


def ackley(x):
    d = len(x)
    sum_sq = sum(v * v for v in x)
    sum_cos = sum(math.cos(2.0 * math.pi * v) for v in x)
    return -20.0 * math.exp(-0.2 * math.sqrt(sum_sq / d)) - math.exp(sum_cos / d) + 20.0 + math.e


def rosenbrock(x):
    return sum(100.0 * (x[i + 1] - x[i] * x[i]) ** 2 + (1.0 - x[i]) ** 2 for i in range(len(x) - 1))


def levy(x):
    w = [1.0 + (v - 1.0) / 4.0 for v in x]
    head = math.sin(math.pi * w[0]) ** 2
    middle = sum((wi - 1.0) ** 2 * (1.0 + 10.0 * math.sin(math.pi * wi + 1.0) ** 2) for wi in w[:-1])
    tail = (w[-1] - 1.0) ** 2 * (1.0 + math.sin(2.0 * math.pi * w[-1]) ** 2)
    return head + middle + tail


class Param:
    """One dimension: kind is "float", "int" or "categorical"; low/high for numbers, choices otherwise."""

    def __init__(self, name, kind, low=None, high=None, choices=None):
        self.name = name
        self.kind = kind
        self.low = low
        self.high = high
        self.choices = choices

    def to_json(self):
        if self.kind == "categorical":
            return {"name": self.name, "kind": self.kind, "choices": list(self.choices)}
        return {"name": self.name, "kind": self.kind, "low": self.low, "high": self.high}


class Function:
    """A named synthetic task: its space, its noise-free value and its noise scale."""

    def __init__(self, name, space, value, optimum, noise=0.0):
        self.name = name
        self.space = space
        self._value = value
        self.optimum = optimum
        self.noise = noise

    def value(self, params):
        """The noise-free value of a parameter dict (names as in space)."""
        return self._value(params)

    def observe(self, params, rng):
        """The observed value: the noise-free value plus noise * N(0, 1) drawn from rng (a random.Random)."""
        v = self._value(params)
        return v + self.noise * rng.gauss(0.0, 1.0) if self.noise > 0.0 else v


def _floats(d, low, high):
    return [Param(f"x{i}", "float", low, high) for i in range(d)]


def _vector(params, d):
    return [float(params[f"x{i}"]) for i in range(d)]


def _hartmann6_int(params):
    x = [int(params[f"x{i}"]) / INT_STEPS for i in range(3)] + [float(params[f"x{i}"]) for i in range(3, 6)]
    return hartmann6(x)


def _hartmann6_cat(params):
    return hartmann6(_vector(params, 6)) + SHIFT_VALUES[SHIFT_CHOICES.index(params["shift"])]


_DIMENSIONED = {
    "ackley": (ackley, -32.768, 32.768),
    "rosenbrock": (rosenbrock, -5.0, 10.0),
    "levy": (levy, -10.0, 10.0),
}


def get(name):
    """The Function called name (see the module docstring); raises ValueError for an unknown name."""
    base, noise = name, 0.0
    m = re.fullmatch(r"(.+)-noise([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)", name)
    if m:
        base, noise = m.group(1), float(m.group(2))
    f = _base(base)
    if f is None:
        raise ValueError(
            f"unknown function '{name}': use branin, hartmann3, hartmann6, hartmann6-int, hartmann6-cat, "
            "ackleyD, rosenbrockD, levyD (D a dimension), optionally with a -noiseS suffix")
    return Function(name, f.space, f._value, f.optimum, noise)


def _base(name):
    if name == "branin":
        return Function(name, [Param("x0", "float", -5.0, 10.0), Param("x1", "float", 0.0, 15.0)],
                        lambda p: branin(_vector(p, 2)), 0.397887)
    if name == "hartmann3":
        return Function(name, _floats(3, 0.0, 1.0), lambda p: hartmann3(_vector(p, 3)), -3.86278)
    if name == "hartmann6":
        return Function(name, _floats(6, 0.0, 1.0), lambda p: hartmann6(_vector(p, 6)), -3.32237)
    if name == "hartmann6-int":
        space = [Param(f"x{i}", "int", 0, INT_STEPS) for i in range(3)] + \
                [Param(f"x{i}", "float", 0.0, 1.0) for i in range(3, 6)]
        # Grid optimum at k = (4, 3, 10), x3..x5 = (0.27444, 0.31207, 0.65725), found by L-BFGS-B over the
        # continuous coordinates from every grid point near the continuous optimum.
        return Function(name, space, _hartmann6_int, -3.317133687506598)
    if name == "hartmann6-cat":
        space = _floats(6, 0.0, 1.0) + [Param("shift", "categorical", choices=SHIFT_CHOICES)]
        return Function(name, space, _hartmann6_cat, -3.32237)
    m = re.fullmatch(r"(ackley|rosenbrock|levy)([1-9][0-9]*)", name)
    if m:
        fn, low, high = _DIMENSIONED[m.group(1)]
        d = int(m.group(2))
        if m.group(1) == "rosenbrock" and d < 2:
            return None
        return Function(name, _floats(d, low, high), lambda p, fn=fn, d=d: fn(_vector(p, d)), 0.0)
    return None


def _main(argv):
    if len(argv) != 3 or argv[1] not in ("eval", "space"):
        print("usage: functions.py eval NAME < params.jsonl | functions.py space NAME", file=sys.stderr)
        return 2
    try:
        f = get(argv[2])
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    if argv[1] == "space":
        print(json.dumps([p.to_json() for p in f.space]))
        return 0
    for line_no, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            value = f.value(json.loads(line))
        except (ValueError, KeyError, TypeError) as e:
            print(f"stdin line {line_no}: cannot evaluate {argv[2]} at {line.strip()}: {e!r}", file=sys.stderr)
            return 1
        print(repr(value))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
