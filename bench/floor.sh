#!/usr/bin/env bash
# The floor: what PostgreSQL alone achieves for the SQL behind a route, with pgbench, against
# the same database and with as many connections as the HTTP load. bench/run.sh divides each
# route's requests/s by its floor. Runs exactly the statements of BotSql (see
# bench/pgbench/*.sql for how, and BenchSqlTest for the check that they are the same).
#
#   bench/floor.sh --db-url postgresql://user@host:port/db \
#     [--list-client UUID] [--insert-client UUID] \
#     [--connections 32] [--threads 2] [--duration 15] [--warmup 5] [--log-dir DIR]
#
# --list-client: floor of GET /bots/me (BotSql.LIST), reading that client's first page.
# --insert-client: floor of POST /bots (BotSql.INSERT), adding bots to that client (they stay).
# Prints one JSON line per floor on stdout; pgbench's own output goes to --log-dir (or a temp
# directory), and in full to stderr when pgbench fails.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

db_url="" list_client="" insert_client="" inbox_client="" inbox_payload="" connections=32 threads=2 duration=15 warmup=5 log_dir=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --db-url) db_url=$2; shift 2 ;;
    --list-client) list_client=$2; shift 2 ;;
    --insert-client) insert_client=$2; shift 2 ;;
    --inbox-client) inbox_client=$2; shift 2 ;;
    --inbox-payload) inbox_payload=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --log-dir) log_dir=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ -n $db_url ]] || die "--db-url is required"
[[ -n $list_client || -n $insert_client || -n $inbox_client ]] || die "give --list-client, --insert-client and/or --inbox-client"
require_int --connections "$connections"
require_int --threads "$threads"
require_int --duration "$duration"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a whole number of seconds"
# insert.sql packs pgbench's client number into 2 digits of the Telegram bot id.
[[ $connections -le 100 ]] || die "--connections must be at most 100 (Telegram bot id layout)"
[[ $threads -le $connections ]] || threads=$connections
uuid_re='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
for c in "$list_client" "$insert_client" "$inbox_client"; do
  [[ -z $c || $c =~ $uuid_re ]] || die "not a client uuid: $c"
done
payload=""
if [[ -n $inbox_client ]]; then
  [[ -f $inbox_payload ]] || die "--inbox-client needs --inbox-payload FILE (a Telegram update's JSON)"
  payload=$(<"$inbox_payload")
  [[ $payload != *"'"* ]] || die "the payload of $inbox_payload must not contain a single quote"
fi

ensure_tool pgbench postgresql-client
ensure_tool jq jq

# pgbench runs in the background and is waited for, so that a signal (Ctrl-C, or run.sh's
# cleanup) reaches the trap at once, and the trap stops it.
pgbench_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $pgbench_pid ]] && kill -0 "$pgbench_pid" 2>/dev/null; then
    kill -TERM "$pgbench_pid" 2>/dev/null || true
    wait "$pgbench_pid" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z $log_dir ]]; then
  log_dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-floor.XXXXXX")
fi
mkdir -p "$log_dir"

# run_pgbench NAME SCRIPT SECONDS CLIENT: one pgbench run; its output in $log_dir/NAME.log.
# pgbench exits non-zero when a client aborts: that is fatal, never hidden.
# Variables of the scripts: prepared/n start at 0 on every connection; id_base lays out
# insert.sql's Telegram bot ids, 2 | ms seed (10 digits) | client (2) | counter (6), with a new
# seed at each pgbench start (runs last at least a second, so seeds never repeat); inbox.sql
# adds its own connection * 10^8 + counter to it for update_ids, and reads payload.
run_pgbench() {
  local name=$1 script=$2 seconds=$3 client=$4
  local out="$log_dir/$name.log"
  local id_base=$(( 2000000000000000000 + ($(now_ms) % 10000000000) * 100000000 ))
  local -a vars=(-D prepared=0 -D n=0 -D "id_base=$id_base" -D "bench_client=$client")
  # pgbench refuses an empty definition; only inbox.sql reads the payload.
  [[ -z $payload ]] || vars+=(-D "payload=$payload")
  # The session settings of the service's pool (io.botfactory.db.Pools): the same plans.
  PGOPTIONS="-c plan_cache_mode=force_generic_plan" pgbench -n -M simple -c "$connections" -j "$threads" -T "$seconds" \
    "${vars[@]}" -f "$here/pgbench/$script" "$db_url" >"$out" 2>&1 &
  pgbench_pid=$!
  local rc=0
  wait "$pgbench_pid" || rc=$?
  pgbench_pid=""
  if [[ $rc -ne 0 ]]; then
    cat "$out" >&2
    die "pgbench $script failed (exit code $rc, log: $out)"
  fi
}

# floor ROUTE SCRIPT CLIENT: uncounted warm-up, then the measured run; prints the JSON line.
floor() {
  local route=$1 script=$2 client=$3
  if [[ $warmup -gt 0 ]]; then
    run_pgbench "$route-warmup" "$script" "$warmup" "$client"
  fi
  run_pgbench "$route" "$script" "$duration" "$client"
  local out="$log_dir/$route.log" tps latency processed failed
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
  latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")
  processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
  [[ -n $tps && -n $processed ]] || { cat "$out" >&2; die "could not read pgbench's report ($out)"; }
  log "floor $route: $tps transactions/s, ${failed:-0} failed, $connections connections"
  jq -cn --arg route "$route" --arg script "bench/pgbench/$script" \
    --argjson tps "$tps" --argjson latency "${latency:-null}" --argjson processed "$processed" \
    --argjson failed "${failed:-0}" --argjson connections "$connections" --argjson threads "$threads" \
    --argjson duration "$duration" \
    '{route: $route, script: $script, tps: $tps, latency_avg_ms: $latency, transactions: $processed,
      failed: $failed, connections: $connections, threads: $threads, duration_s: $duration}'
}

if [[ -n $list_client ]]; then
  floor list list.sql "$list_client"
fi
if [[ -n $insert_client ]]; then
  floor insert insert.sql "$insert_client"
fi
if [[ -n $inbox_client ]]; then
  floor inbox inbox.sql "$inbox_client"
fi
