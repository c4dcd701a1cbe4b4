"""Optuna 3.1 peers on the ActorTuner benchmark tasks, writing the same JSON lines as the C# runner.

Run with Debian's interpreter, which has python3-optuna and numpy:

  /usr/bin/python3 optuna_peer.py efficiency --task TASK --sampler tpe|tpe-mv|cmaes|random \
      --seeds 0-9 --budget 100 --parallelism 1 --noise mean|seed --out FILE
  /usr/bin/python3 optuna_peer.py overhead [--sampler tpe] --dims 2,10,20 --n 100,500,1000 --pending 0,8 \
      --repeats 7 --out FILE

TASK is a tabular manifest (NAME.json with NAME.csv.gz beside it) or a synthetic function name from
functions.py. One efficiency line per (task, sampler, seed):
  {"task", "sampler", "seed", "budget", "parallelism", "noise", "best_trace", "seconds"}
where best_trace[i] is the noise-free value (seed mean, or the function without noise) of the incumbent,
the trial with the best observed value, after i + 1 finished trials.

With --parallelism P the run simulates P asynchronous workers: trial durations are drawn from a seeded
lognormal (sigma 1), a trial is asked whenever a worker is free while the others stay running (pending in
Optuna's storage), and results are told in completion order. Exactly budget trials are started and finish.

Overhead: a study holding n completed random trials on [0, 1]^d (inserted with add_trials) and `pending`
asked-but-not-told trials; each of `repeats` consecutive ask() calls is timed and then told, so n grows by
one per call. One line per cell: {"dims", "n", "pending", "median_ms", "p90_ms", "sampler"}, p90 by linear
interpolation between closest ranks.
"""

import argparse
import csv
import gzip
import heapq
import json
import logging
import math
import os
import random
import statistics
import sys
import time
import warnings

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

sys.dont_write_bytecode = True  # no __pycache__ beside the script in the repository or the build output
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import functions  # noqa: E402  (sits beside this script)

SAMPLERS = ("tpe", "tpe-mv", "cmaes", "random")


class TabularTask:
    """A tabular landscape: every configuration of the grid with its seed columns."""

    def __init__(self, manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.name = self.manifest["name"]
        self.direction = self.manifest["direction"]
        self.params = self.manifest["params"]
        table_path = manifest_path[: -len(".json")] + ".csv.gz" if manifest_path.endswith(".json") \
            else manifest_path + ".csv.gz"
        self.table = self._load(table_path)
        self.distributions = {p["name"]: self._distribution(p) for p in self.params}

    @staticmethod
    def _distribution(p):
        if p["type"] == "categorical":
            return CategoricalDistribution(p["values"])
        if p["type"] == "ordinal":
            # The index keeps the order, as on the C# side; Optuna sees an ordered integer.
            return IntDistribution(0, len(p["values"]) - 1)
        raise ValueError(f"parameter '{p['name']}' has type '{p['type']}'; expected categorical or ordinal")

    def _load(self, table_path):
        """Map the tuple of value indices of each configuration to its seed values."""
        lookups = []
        for p in self.params:
            if p["type"] == "ordinal":
                lookups.append({float(v): i for i, v in enumerate(p["values"])})
            else:
                lookups.append({str(v): i for i, v in enumerate(p["values"])})
        table = {}
        with gzip.open(table_path, "rt", encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            k = len(self.params)
            if header[:k] != [p["name"] for p in self.params]:
                raise ValueError(f"{table_path}: header {header[:k]} does not match the manifest's parameters")
            for row_no, row in enumerate(reader, start=2):
                key = []
                for j, p in enumerate(self.params):
                    cell = float(row[j]) if p["type"] == "ordinal" else row[j]
                    if cell not in lookups[j]:
                        raise ValueError(f"{table_path} row {row_no}: value {row[j]!r} of '{p['name']}' "
                                         "is not in the manifest")
                    key.append(lookups[j][cell])
                table[tuple(key)] = [float(v) for v in row[k:]]
        if len(table) != self.manifest["configurations"]:
            raise ValueError(f"{table_path}: {len(table)} configurations, manifest says "
                             f"{self.manifest['configurations']}")
        return table

    def has_categorical(self):
        return any(p["type"] == "categorical" for p in self.params)

    def evaluate(self, params, noise, rng):
        """(observed, true): true is the seed mean; observed is one random seed column if noise == 'seed'."""
        key = []
        for p in self.params:
            v = params[p["name"]]
            key.append(v if p["type"] == "ordinal" else p["values"].index(v))
        seeds = self.table[tuple(key)]
        true = sum(seeds) / len(seeds)
        observed = seeds[rng.randrange(len(seeds))] if noise == "seed" else true
        return observed, true


class FunctionTask:
    """A synthetic function from functions.py, minimised."""

    def __init__(self, name):
        self.function = functions.get(name)
        self.name = name
        self.direction = "minimize"
        self.distributions = {}
        for p in self.function.space:
            if p.kind == "float":
                self.distributions[p.name] = FloatDistribution(p.low, p.high)
            elif p.kind == "int":
                self.distributions[p.name] = IntDistribution(p.low, p.high)
            else:
                self.distributions[p.name] = CategoricalDistribution(list(p.choices))

    def has_categorical(self):
        return any(p.kind == "categorical" for p in self.function.space)

    def evaluate(self, params, noise, rng):
        # Noise of a function comes from its name (NAME-noiseS); --noise only matters for tabular tasks.
        return self.function.observe(params, rng), self.function.value(params)


def load_task(task):
    if task.endswith(".json") or os.path.exists(task + ".json"):
        return TabularTask(task if task.endswith(".json") else task + ".json")
    return FunctionTask(task)


def make_sampler(kind, seed):
    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if kind == "tpe-mv":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, constant_liar=True)
    if kind == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(f"unknown sampler '{kind}'; expected one of {', '.join(SAMPLERS)}")


def run_once(task, sampler_kind, seed, budget, parallelism, noise):
    """One run; returns the best_trace (true value of the incumbent after each finished trial)."""
    study = optuna.create_study(direction=task.direction, sampler=make_sampler(sampler_kind, seed))
    sign = 1.0 if task.direction == "minimize" else -1.0
    # Separate streams, so the observation noise does not depend on the schedule and vice versa.
    noise_rng = random.Random(seed * 7919 + 1)
    duration_rng = random.Random(seed * 7919 + 2)

    running = []  # heap of (finish time, ask order, trial, observed, true)
    started = 0
    now = 0.0

    def start():
        nonlocal started
        trial = study.ask(task.distributions)
        observed, true = task.evaluate(trial.params, noise, noise_rng)
        heapq.heappush(running, (now + duration_rng.lognormvariate(0.0, 1.0), started, trial, observed, true))
        started += 1

    for _ in range(min(parallelism, budget)):
        start()
    best_observed = math.inf
    best_true = None
    trace = []
    while running:
        now, _, trial, observed, true = heapq.heappop(running)
        study.tell(trial, observed)
        if sign * observed < best_observed:
            best_observed = sign * observed
            best_true = true
        trace.append(best_true)
        if started < budget:
            start()
    return trace


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part[1:]:
            lo, hi = part.split("-", 1)
            seeds.extend(range(int(lo), int(hi) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


def parse_ints(text):
    return [int(v) for v in text.split(",") if v.strip()]


def efficiency(args):
    task = load_task(args.task)
    if args.sampler == "cmaes" and task.has_categorical():
        print(f"optuna_peer: skipping cmaes on {task.name}: CMA-ES does not apply to categorical parameters",
              file=sys.stderr)
        if not args.append:
            open(args.out, "w", encoding="utf-8").close()  # no runs: an empty result file, not a stale one
        return 0
    with open(args.out, "a" if args.append else "w", encoding="utf-8") as out:
        for seed in parse_seeds(args.seeds):
            t0 = time.perf_counter()
            trace = run_once(task, args.sampler, seed, args.budget, args.parallelism, args.noise)
            seconds = time.perf_counter() - t0
            record = {
                "task": task.name, "sampler": f"optuna-{args.sampler}", "seed": seed, "budget": args.budget,
                "parallelism": args.parallelism, "noise": args.noise, "best_trace": trace, "seconds": seconds,
            }
            out.write(json.dumps(record) + "\n")
            out.flush()
            print(f"optuna_peer: {task.name} optuna-{args.sampler} seed {seed}: best {trace[-1]:.6g} "
                  f"in {seconds:.1f} s", file=sys.stderr)
    return 0


def percentile(values, q):
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def overhead_cell(d, n, pending, repeats, sampler_kind="tpe", seed=0):
    """Median and p90 milliseconds of one ask() after n completed trials with `pending` running."""
    rng = random.Random(seed)
    dists = {f"x{i}": FloatDistribution(0.0, 1.0) for i in range(d)}

    def objective(params):
        return sum((v - 0.3) ** 2 for v in params.values())

    study = optuna.create_study(direction="minimize", sampler=make_sampler(sampler_kind, seed))
    completed = []
    for _ in range(n):
        params = {name: rng.random() for name in dists}
        completed.append(optuna.trial.create_trial(params=params, distributions=dists, value=objective(params)))
    study.add_trials(completed)
    for _ in range(pending):
        study.ask(dists)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        trial = study.ask(dists)
        times.append((time.perf_counter() - t0) * 1000.0)
        study.tell(trial, objective(trial.params))
    return statistics.median(times), percentile(times, 90)


def overhead(args):
    with open(args.out, "a" if args.append else "w", encoding="utf-8") as out:
        for d in parse_ints(args.dims):
            for n in parse_ints(args.n):
                for p in parse_ints(args.pending):
                    median_ms, p90_ms = overhead_cell(d, n, p, args.repeats, args.sampler)
                    record = {"dims": d, "n": n, "pending": p, "median_ms": median_ms, "p90_ms": p90_ms,
                              "sampler": f"optuna-{args.sampler}"}
                    out.write(json.dumps(record) + "\n")
                    out.flush()
                    print(f"optuna_peer: overhead optuna-{args.sampler} d={d} n={n} pending={p}: median {median_ms:.1f} ms, "
                          f"p90 {p90_ms:.1f} ms", file=sys.stderr)
    return 0


def main(argv):
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    optuna.logging.disable_default_handler()
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
    logging.getLogger("optuna").setLevel(logging.ERROR)

    parser = argparse.ArgumentParser(description="Optuna peers for the ActorTuner benchmarks.")
    sub = parser.add_subparsers(dest="mode", required=True)
    e = sub.add_parser("efficiency", help="best-so-far traces on one task")
    e.add_argument("--task", required=True, help="tabular manifest path (NAME.json) or function name")
    e.add_argument("--sampler", required=True, choices=SAMPLERS)
    e.add_argument("--seeds", default="0-9", help="e.g. 0-9 or 0,3,5")
    e.add_argument("--budget", type=int, default=100)
    e.add_argument("--parallelism", type=int, default=1)
    e.add_argument("--noise", choices=("mean", "seed"), default="mean",
                   help="tabular: observe the seed mean, or one random seed column")
    e.add_argument("--out", required=True)
    e.add_argument("--append", action="store_true", help="append to --out instead of overwriting it")
    o = sub.add_parser("overhead", help="time of one suggestion")
    o.add_argument("--sampler", choices=SAMPLERS, default="tpe", help="default settings, as in efficiency")
    o.add_argument("--dims", default="2,10,20")
    o.add_argument("--n", default="100,500,1000")
    o.add_argument("--pending", default="0,8")
    o.add_argument("--repeats", type=int, default=7)
    o.add_argument("--out", required=True)
    o.add_argument("--append", action="store_true", help="append to --out instead of overwriting it")
    args = parser.parse_args(argv)
    if args.mode == "efficiency":
        if args.budget < 1 or args.parallelism < 1:
            parser.error("--budget and --parallelism must be at least 1")
        return efficiency(args)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return overhead(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
