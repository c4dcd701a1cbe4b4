#!/usr/bin/env bash
# The cluster of docker-compose.yml (repository top) as local processes on loopback: a PostgreSQL server
# from this machine's binaries for the journal, two coordinators (they host the studies and are the seed
# nodes) and three workers with 2 slots each, every node configured only by the same ACTORTUNER_* variables
# as its container. tests/ActorTuner.Cli.Tests/Deploy/DeploymentTests.cs checks that the two agree.
#
#   local-cluster.sh start  [--state DIR] [--base-port 4053] [--pg-port N] [--bin DIR] [--timeout 180]
#   local-cluster.sh status [--state DIR]
#   local-cluster.sh stop   [--state DIR] [--purge]
#   local-cluster.sh plan   [--base-port 4053] [--pg-port N]   # each node's environment; starts nothing
#
# start publishes the CLI once into STATE/bin (dotnet publish -c Release), unless --bin names a folder that
# holds actortuner.dll already; initialises PostgreSQL in STATE/postgres the first time (as user postgres
# when run as root: PostgreSQL refuses root) on a free port from 15432 up, or --pg-port; starts the nodes on
# ports BASE..BASE+4; and waits until `actortuner status` shows all five Up. PIDs are in STATE/pids, logs in
# STATE/logs. stop leaves the cluster gracefully (workers first, handing their trials back), then stops
# PostgreSQL; the journal stays, so the next start brings the studies back. --purge deletes STATE.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/../../.." && pwd)"

# The topology; keep it in step with docker-compose.yml. Ports are --base-port + the offset.
nodes=(coordinator-1 coordinator-2 worker-1 worker-2 worker-3)
declare -A node_roles=([coordinator-1]=coordinator [coordinator-2]=coordinator [worker-1]=worker [worker-2]=worker [worker-3]=worker)
declare -A node_offsets=([coordinator-1]=0 [coordinator-2]=1 [worker-1]=2 [worker-2]=3 [worker-3]=4)
seed_nodes=(coordinator-1 coordinator-2)
worker_slots=2
stable_after=20s
database=actortuner

state="${TMPDIR:-/tmp}/actortuner-local-cluster"
base_port=4053
pg_port=""
bin=""
timeout=180
purge=false
dotnet="${DOTNET:-dotnet}"

die() {
  echo "local-cluster: $*" >&2
  exit 1
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

number() {
  [[ $2 =~ ^[0-9]+$ ]] || die "$1: expected a whole number, got '$2'"
}

parse_options() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --state) [[ $# -ge 2 ]] || die "--state: give a folder"; state="$2"; shift 2 ;;
      --base-port) [[ $# -ge 2 ]] || die "--base-port: give a port"; number --base-port "$2"; base_port="$2"; shift 2 ;;
      --pg-port) [[ $# -ge 2 ]] || die "--pg-port: give a port"; number --pg-port "$2"; pg_port="$2"; shift 2 ;;
      --bin) [[ $# -ge 2 ]] || die "--bin: give the folder that holds actortuner.dll"; bin="$2"; shift 2 ;;
      --timeout) [[ $# -ge 2 ]] || die "--timeout: give seconds"; number --timeout "$2"; timeout="$2"; shift 2 ;;
      --purge) purge=true; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option '$1'; see local-cluster.sh --help" ;;
    esac
  done
  if [[ $base_port -lt 1 || $base_port -gt 65531 ]]; then
    die "--base-port: expected 1 to 65531 (the nodes take 5 ports from it), got $base_port"
  fi
  state="$(realpath -m -- "$state")"
}

port_of() {
  echo $((base_port + node_offsets[$1]))
}

contacts() {
  local seed list=()
  for seed in "${seed_nodes[@]}"; do
    list+=("127.0.0.1:$(port_of "$seed")")
  done
  local IFS=,
  echo "${list[*]}"
}

storage() {
  echo "postgres:Host=127.0.0.1;Port=${pg_port};Username=postgres;Database=${database}"
}

# One node's environment, one NAME=VALUE a line: the same variables as its service in docker-compose.yml,
# with loopback where the containers have their service names.
node_env() {
  local name="$1"
  echo "ACTORTUNER_ROLES=${node_roles[$name]}"
  echo "ACTORTUNER_HOST=127.0.0.1"
  echo "ACTORTUNER_PUBLIC_HOST=127.0.0.1"
  echo "ACTORTUNER_PORT=$(port_of "$name")"
  echo "ACTORTUNER_SEED_NODES=$(contacts)"
  echo "ACTORTUNER_STORAGE=$(storage)"
  echo "ACTORTUNER_STABLE_AFTER=${stable_after}"
  echo "ACTORTUNER_CLUSTER=$(contacts)"
  if [[ ${node_roles[$name]} == *worker* ]]; then
    echo "ACTORTUNER_SLOTS=${worker_slots}"
  fi
}

# True when something listens on the loopback port $1.
listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_bin() {
  local dir dirs=()
  shopt -s nullglob
  dirs=(/usr/lib/postgresql/*/bin)
  shopt -u nullglob
  # The newest major version first.
  for dir in $(printf '%s\n' "${dirs[@]}" | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
      echo "$dir"
      return
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  die "PostgreSQL's server binaries (initdb, pg_ctl) are not under /usr/lib/postgresql/*/bin or on PATH; install them (Debian: apt-get install postgresql)"
}

# Runs a PostgreSQL program as the user postgres when we are root (the server refuses to run as root).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

save_config() {
  {
    echo "base_port=$base_port"
    echo "pg_port=$pg_port"
    echo "bin=$bin"
    echo "dotnet=$dotnet"
  } >"$state/cluster.conf"
}

load_config() {
  [[ -f $state/cluster.conf ]] || die "no cluster in $state (no cluster.conf); start one with: local-cluster.sh start --state $(printf '%q' "$state")"
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      base_port) base_port="$value" ;;
      pg_port) pg_port="$value" ;;
      bin) bin="$value" ;;
      dotnet) dotnet="$value" ;;
    esac
  done <"$state/cluster.conf"
}

# The PID recorded for $1 if that process is still an actortuner node; nothing otherwise.
live_pid() {
  local file="$state/pids/$1.pid" pid
  [[ -f $file ]] || return 0
  pid="$(<"$file")"
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'actortuner.* node'; then
    echo "$pid"
  fi
}

choose_pg_port() {
  if [[ -z $pg_port ]]; then
    pg_port=15432
    while listening "$pg_port"; do
      pg_port=$((pg_port + 1))
      [[ $pg_port -lt 15532 ]] || die "no free port for PostgreSQL in 15432-15531; give one with --pg-port"
    done
  elif listening "$pg_port"; then
    die "--pg-port $pg_port: something already listens there"
  fi
}

start_postgres() {
  local pgbin data="$state/postgres"
  pgbin="$(pg_bin)"
  if [[ -f $data/PG_VERSION ]] && as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    die "PostgreSQL of an earlier start still runs in $data; stop it first (local-cluster.sh stop --state $(printf '%q' "$state"))"
  fi
  if [[ ! -f $data/PG_VERSION ]]; then
    mkdir -p "$data"
    chmod 700 "$data"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres "$data"
      runuser -u postgres -- test -w "$data" ||
        die "the user postgres cannot write $data (a parent folder is closed to it); give --state under /tmp"
    fi
    echo "initialising PostgreSQL in $data"
    as_pg "$pgbin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >"$state/logs/initdb.log" 2>&1 ||
      die "initdb failed; see $state/logs/initdb.log"
  fi

  # Settings go in the configuration file, not through pg_ctl -o (which pg_ctl hands to a shell).
  {
    echo "# written by local-cluster.sh at each start"
    echo "port = $pg_port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = ''"
  } >"$data/local-cluster.conf"
  if ! grep -q "^include_if_exists = 'local-cluster.conf'" "$data/postgresql.conf"; then
    echo "include_if_exists = 'local-cluster.conf'" >>"$data/postgresql.conf"
  fi
  [[ $(id -u) -ne 0 ]] || chown postgres "$data/local-cluster.conf"

  echo "starting PostgreSQL on 127.0.0.1:$pg_port"
  as_pg "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >"$state/logs/pg_ctl.log" 2>&1 ||
    die "PostgreSQL did not start; see $data/server.log"
  if ! as_pg "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$database"
  fi
}

stop_postgres() {
  local data="$state/postgres"
  if [[ -f $data/postmaster.pid ]]; then
    echo "stopping PostgreSQL"
    as_pg "$(pg_bin)/pg_ctl" -D "$data" -m fast -w -t 60 stop >>"$state/logs/pg_ctl.log" 2>&1 ||
      echo "local-cluster: pg_ctl stop failed; see $state/logs/pg_ctl.log" >&2
  fi
}

publish() {
  if [[ -n $bin ]]; then
    bin="$(realpath -- "$bin")"
    [[ -f $bin/actortuner.dll ]] || die "--bin $bin: no actortuner.dll there"
    return
  fi
  bin="$state/bin"
  echo "publishing the CLI into $bin (dotnet publish -c Release)"
  "$dotnet" publish "$repo/src/ActorTuner.Cli/ActorTuner.Cli.csproj" -c Release -o "$bin" --nologo >"$state/logs/publish.log" 2>&1 ||
    die "dotnet publish failed; see $state/logs/publish.log"
}

launch() {
  local name="$1" assignments
  mapfile -t assignments < <(node_env "$name")
  (
    # The node sees exactly the variables of its container: none of the caller's ACTORTUNER_* leak in.
    while IFS= read -r variable; do
      unset "$variable"
    done < <(compgen -e | grep '^ACTORTUNER_' || true)
    # setsid: the node has a session of its own, so a Ctrl+C in this terminal later does not reach it.
    exec env "${assignments[@]}" setsid "$dotnet" "$bin/actortuner.dll" node
  ) </dev/null >>"$state/logs/$name.log" 2>&1 &
  echo "$!" >"$state/pids/$name.pid"
  echo "started $name (pid $!, 127.0.0.1:$(port_of "$name"), ${node_roles[$name]})"
}

# `actortuner status` of the cluster, through the seed nodes.
cluster_status() {
  NO_COLOR=1 "$dotnet" "$bin/actortuner.dll" status --cluster "$(contacts)"
}

wait_up() {
  local deadline=$((SECONDS + timeout)) output up name pid workers slots
  workers=0
  for name in "${nodes[@]}"; do
    [[ ${node_roles[$name]} != *worker* ]] || workers=$((workers + 1))
  done
  slots=$((workers * worker_slots))
  echo "waiting for ${#nodes[@]} nodes Up, $workers worker nodes with $slots slots (at most $timeout s)"
  while true; do
    for name in "${nodes[@]}"; do
      pid="$(live_pid "$name")"
      if [[ -z $pid ]]; then
        echo "local-cluster: $name exited; the end of $state/logs/$name.log:" >&2
        tail -n 20 "$state/logs/$name.log" >&2 || true
        die "the cluster did not come up; stop what started with: $0 stop --state $(printf '%q' "$state")"
      fi
    done
    if output="$(cluster_status 2>&1)"; then
      up="$(grep -cE '(\||│) *Up *(\||│) *yes *(\||│)' <<<"$output" || true)"
      if [[ $up -eq ${#nodes[@]} ]] && grep -qE "^${#nodes[@]} node\(s\), $workers worker node\(s\), [0-9]+/$slots slot\(s\)" <<<"$output"; then
        echo "$output"
        return
      fi
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      echo "$output" >&2
      die "the cluster was not up after $timeout s; logs in $state/logs; stop it with: $0 stop --state $(printf '%q' "$state")"
    fi
    sleep 2
  done
}

start() {
  local name running=()
  for name in "${nodes[@]}"; do
    [[ -z $(live_pid "$name") ]] || running+=("$name")
  done
  [[ ${#running[@]} -eq 0 ]] || die "already running in $state: ${running[*]}; stop it first (local-cluster.sh stop --state $(printf '%q' "$state"))"
  for name in "${nodes[@]}"; do
    ! listening "$(port_of "$name")" || die "port $(port_of "$name") (for $name) is taken; give another --base-port"
  done
  command -v "$dotnet" >/dev/null || die "'$dotnet' not found; install the .NET SDK or set DOTNET to the dotnet host"

  mkdir -p "$state/pids" "$state/logs"
  publish
  choose_pg_port
  save_config
  start_postgres
  for name in "${nodes[@]}"; do
    launch "$name"
  done
  wait_up
  local cli
  cli="$(printf '%q ' "$dotnet" "$bin/actortuner.dll")"
  cat <<EOF

The cluster is up: coordinators at $(contacts), workers on ports $(port_of worker-1)-$(port_of worker-3) with $worker_slots slots each,
the journal in PostgreSQL at 127.0.0.1:$pg_port (database $database). Logs: $state/logs

Submit a study and follow it:
  ${cli}submit $(printf '%q' "$repo/hocon/examples/quadratic.conf") --cluster $(contacts) --wait
Show the cluster, or one study:
  ${cli}status --cluster $(contacts)
  $(printf '%q' "$0") status --state $(printf '%q' "$state")
Stop (the journal stays; add --purge to delete $state):
  $(printf '%q' "$0") stop --state $(printf '%q' "$state")
EOF
}

status() {
  load_config
  local name pid
  for name in "${nodes[@]}"; do
    pid="$(live_pid "$name")"
    if [[ -n $pid ]]; then
      pid="running (pid $pid)"
    else
      pid="not running"
    fi
    printf '%-14s %-12s 127.0.0.1:%-6s %s\n' "$name" "${node_roles[$name]}" "$(port_of "$name")" "$pid"
  done
  if [[ -f $state/postgres/postmaster.pid ]]; then
    echo "postgres       journal      127.0.0.1:$pg_port running"
  else
    echo "postgres       journal      127.0.0.1:$pg_port not running"
  fi
  cluster_status
}

# SIGTERM to the named nodes at once (each leaves the cluster gracefully), then waits for them; SIGKILL
# to any still there after 60 s.
stop_nodes() {
  local name pid waiting=() deadline=$((SECONDS + 60))
  for name in "$@"; do
    pid="$(live_pid "$name")"
    if [[ -n $pid ]]; then
      echo "stopping $name (pid $pid)"
      kill -TERM "$pid"
      waiting+=("$name:$pid")
    fi
    rm -f "$state/pids/$name.pid"
  done
  local entry
  for entry in "${waiting[@]}"; do
    pid="${entry#*:}"
    while kill -0 "$pid" 2>/dev/null && [[ $SECONDS -lt $deadline ]]; do
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "local-cluster: ${entry%%:*} (pid $pid) did not leave within 60 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

stop() {
  load_config
  local workers=() name
  for name in "${nodes[@]}"; do
    [[ ${node_roles[$name]} != worker ]] || workers+=("$name")
  done
  # Workers first: they hand their running trials back while the studies are still hosted. Then the
  # coordinators one at a time, so each one's studies move to a coordinator that stays.
  stop_nodes "${workers[@]}"
  for ((i = ${#seed_nodes[@]} - 1; i >= 0; i--)); do
    stop_nodes "${seed_nodes[$i]}"
  done
  stop_nodes "${nodes[@]}"
  stop_postgres
  if $purge; then
    echo "deleting $state"
    rm -rf -- "$state"
  fi
  echo "stopped"
}

plan() {
  [[ -n $pg_port ]] || pg_port=15432
  local name
  for name in "${nodes[@]}"; do
    echo "[$name]"
    node_env "$name"
  done
}

[[ $# -ge 1 ]] || {
  usage
  exit 2
}
command="$1"
shift
parse_options "$@"
case "$command" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  plan) plan ;;
  -h | --help | help) usage ;;
  *) die "unknown command '$command'; expected start, status, stop or plan" ;;
esac
