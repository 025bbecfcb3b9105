#!/usr/bin/env bash
# A quick A/B of the update path, for tuning: starts the Telegram double and target/botfactory.jar
# (-Xmx256m, one event loop, embedded PostgreSQL in a temporary directory) with whatever
# BOTFACTORY_* variables you set, registers a fleet, then runs one load of bench/updates three
# times (after one uncounted) and prints, per run, what it gave and what it cost: acknowledged/s,
# latencies, and the CPU time of the service and of PostgreSQL per acknowledged update (which
# moves less than throughput on a machine shared with other work).
#
#   bench/quick-updates.sh [--bots N] [--chats N] [--seconds S] [GENERATOR LOAD OPTIONS...]
#   bench/quick-updates.sh --mode closed                               # the ingress maximum (default)
#   bench/quick-updates.sh --mode open --rate 500 --commands-only      # end to end at 500/s
#   BOTFACTORY_UPDATE_LEASE_S=30 bench/quick-updates.sh --mode open --rate 500 --commands-only
#
# KEEP=1 keeps the temporary directory (logs, generator outputs) and says where it is;
# BENCH_JAR=path runs another build of the service (to compare two in turns).
#
# The "tuning steps" of the update path in docs/performance.md were measured with it; the
# recorded results come from bench/run.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
# shellcheck source-path=SCRIPTDIR source=updates.sh
source "$here/updates.sh"

bots=200 chats=100 seconds=10 load=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --bots) bots=$2; shift 2 ;;
    --chats) chats=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) load+=("$1"); shift ;;
  esac
done
[[ ${#load[@]} -gt 0 ]] || load=(--mode closed)

jar=${BENCH_JAR:-$root/target/botfactory.jar} build=0 heap=-Xmx256m
[[ -f $jar ]] || (cd "$root" && mvn -q -B -DskipTests package)
build_test_classes
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/botfactory-quick-updates.XXXXXX")
compile_generator

service_pid="" fg_pid=""
stop_all() {
  [[ -n $fg_pid ]] && kill "$fg_pid" 2>/dev/null
  if [[ -n $service_pid ]]; then kill "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null; fi
  stop_double
  if [[ -n ${KEEP:-} ]]; then log "kept $run_dir"; else rm -rf "$run_dir"; fi
}
trap stop_all EXIT
# run_child, alive and stop_pid as bench/run.sh has them (updates.sh uses them).
run_child() { "$@" & fg_pid=$!; local rc=0; wait "$fg_pid" || rc=$?; fg_pid=""; return "$rc"; }
alive() { kill -0 "$1" 2>/dev/null; }
stop_pid() { kill "-$2" "$1" 2>/dev/null || true; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_double
port=$(free_port)
webhook_key=$(head -c 32 /dev/urandom | base64 -w0)
BOTFACTORY_EVENT_LOOPS=${BOTFACTORY_EVENT_LOOPS:-1} BOTFACTORY_DATA_DIR=$run_dir/data BOTFACTORY_HTTP_HOST=127.0.0.1 \
  BOTFACTORY_HTTP_PORT=$port BOTFACTORY_TELEGRAM_API_URL=$double_url BOTFACTORY_TELEGRAM_ALLOW_HTTP=true BOTFACTORY_PUBLIC_URL=http://127.0.0.1:$port \
  BOTFACTORY_WEBHOOK_KEY=$webhook_key java "$heap" -jar "$jar" >"$run_dir/service.log" 2>&1 &
service_pid=$!
base=http://127.0.0.1:$port
until curl -fs -o /dev/null "$base/health/ready"; do
  alive "$service_pid" || { tail -n 30 "$run_dir/service.log"; exit 1; }
  sleep 0.2
done
db_port=$(sed -n 's/.*Embedded PostgreSQL running on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$run_dir/service.log" | head -n 1)
db_url=postgresql://postgres:$(jq -r .embedded_postgres_password "$run_dir/data/secrets.json")@127.0.0.1:$db_port/postgres
postmaster_pid=$(head -n 1 "$run_dir/data/postgres/postmaster.pid")
set_up_fleet

for run in 0 1 2 3; do
  out=$run_dir/run$run.txt
  run_child "${gen[@]}" load --target "$base" --double "$double_url" --db-url "$db_url" --fleet "$fleet_file" \
    --webhook-key "$webhook_key" --connections 32 --warmup 3 --duration "$seconds" --drain-timeout 30 \
    --pids "service=$service_pid,double=$double_pid,db=$postmaster_pid" --clk-tck "$(getconf CLK_TCK)" "${load[@]}" \
    >"$out" 2>"$out.log" || { tail "$out.log"; exit 1; }
  [[ $run -eq 0 ]] && continue  # warm-up
  sed -n 's/^UPDATES_RESULT //p' "$out" | jq -r --arg run "$run" '
    def per($cpu): if .acked_per_s > 0 and $cpu != null then ($cpu * 10 / .acked_per_s | . * 1000 | round / 1000) else null end;
    "run \($run): \(.acked_per_s) acked/s, ack p50 \(.ack_ms.p50) p99 \(.ack_ms.p99) ms, e2e p50 \(.replies.e2e_ms.p50) p99 \(.replies.e2e_ms.p99) ms, "
    + "non-2xx \(.non2xx), errors \(.errors_total), lost \(.replies.missing) dup \(.replies.duplicates), inbox max \(.inbox.max_depth) "
    + "0 after \(.inbox.depth_zero_after_ms) ms; CPU ms/update: service \(per(.cpu_pct.service)) db \(per(.cpu_pct.db)); "
    + "DB transactions/update \(.db.transactions_per_update), WAL flushes/update \(.db.wal_syncs_per_update); all CPU \(.cpu_pct.machine)%"
    + (if (.replies.unmatched_examples // []) == [] then "" else "\n  unmatched: \(.replies.unmatched_examples | tojson)" end)'
done
