"""Optuna's trial throughput with its SQLite storage: the peer of `ActorTuner.Benchmarks throughput`.

    /usr/bin/python3 optuna_throughput.py --trials 2000 --seed 0 --jobs 1 --db /tmp/x.db

Creates a study in a fresh SQLite file with a seeded RandomSampler and optimises x^2, x in [-1, 1], for
--trials trials with --jobs threads (Optuna's n_jobs). Prints one JSON line: {"trials": N, "seconds": S,
"jobs": J}; seconds covers create_study and optimize, not the interpreter's start or the imports.
"""
import argparse
import json
import os
import sys
import time

import optuna


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    if os.path.exists(args.db):
        os.remove(args.db)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    start = time.perf_counter()
    study = optuna.create_study(
        storage=f"sqlite:///{args.db}",
        study_name="throughput",
        sampler=optuna.samplers.RandomSampler(seed=args.seed),
    )
    study.optimize(lambda t: t.suggest_float("x", -1, 1) ** 2, n_trials=args.trials, n_jobs=args.jobs)
    seconds = time.perf_counter() - start
    finished = sum(1 for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE)
    print(json.dumps({"trials": finished, "seconds": seconds, "jobs": args.jobs}))


if __name__ == "__main__":
    main(sys.argv[1:])
