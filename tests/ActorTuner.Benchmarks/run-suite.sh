#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: runs ActorTuner's samplers and Optuna's (Debian's python3-optuna, run with
# /usr/bin/python3) on the same tabular tasks, budgets and seeds, the 8-worker asynchronous run, the
# suggestion-overhead grid beside Optuna's TPE, and writes the report with its plots.
#   bash tests/ActorTuner.Benchmarks/run-suite.sh [BENCHMARKS_DIR]
# BENCHMARKS_DIR defaults to ../shared/benchmarks beside the repository. On 2 cores the efficiency runs take
# about 10 minutes and the overhead grid about 10 more.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-../shared/benchmarks}"
out="${OUT:-benchmark-results}"
mkdir -p "$out"
/usr/bin/python3 -c "import optuna" 2>/dev/null || { echo "needs Debian's python3-optuna: apt-get install python3-optuna" >&2; exit 1; }

tasks=()
manifests=()
for m in "$data"/tabular/*.json; do
  tasks+=(--task "$m")
  manifests+=(--manifest "$m")
done

run() { dotnet run -c Release --no-build --project tests/ActorTuner.Benchmarks -- "$@"; }
dotnet build -c Release tests/ActorTuner.Benchmarks >/dev/null

# Sample efficiency, sequential: ActorTuner's samplers and Optuna's side by side (same tasks, budget, seeds);
# CMA-ES runs where it applies (no categorical parameters).
run efficiency "${tasks[@]}" --samplers gp,random,sobol,grid,optuna-tpe,optuna-tpe-mv,optuna-cmaes,optuna-random \
  --seeds 0-9 --budget 100 --jobs 2 --out "$out/efficiency.jsonl"
# Eight trials in flight (simulated asynchronous workers, heavy-tailed durations): the GP with its default
# kriging believer and with constant liar (mean), and Optuna's multivariate TPE with its constant liar.
run efficiency "${tasks[@]}" --samplers gp,gp:pending=mean,optuna-tpe-mv --parallelism 8 \
  --seeds 0-9 --budget 100 --jobs 2 --out "$out/efficiency-p8.jsonl"
# The realistic noisy objective: each trial observes one training seed's value, drawn at random; the
# incumbent is still scored by its seed mean.
run efficiency "${tasks[@]}" --samplers gp,optuna-tpe-mv,random --noise seed \
  --seeds 0-9 --budget 100 --jobs 2 --out "$out/efficiency-noisy.jsonl"
# Suggestion overhead beside Optuna's TPE, one process at a time so the two do not share the cores.
run overhead --dims 2,10,20 --n 100,500,1000 --pending 0,1,8 --repeats 9 --peer optuna-tpe --out "$out/overhead.jsonl"

run report --efficiency "$out/efficiency.jsonl" "$out/efficiency-p8.jsonl" "$out/efficiency-noisy.jsonl" --overhead "$out/overhead.jsonl" \
  "${manifests[@]}" --out docs/benchmarks.md --images docs/img \
  --regenerate-with "bash tests/ActorTuner.Benchmarks/run-suite.sh"

# Trials per second through one node (SQLite, PostgreSQL, memory) and a 3-node cluster, beside Optuna; the
# same table goes into benchmarks.md under its own heading.
run throughput --trials 1000 --workers 8 --storages sqlite,postgres,memory,cluster --peers optuna --out-md docs/throughput.md
{ echo; echo "## Trial throughput: one node and a 3-node cluster"; tail -n +2 docs/throughput.md; } >> docs/benchmarks.md
