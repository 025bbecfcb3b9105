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
# --inbox-client (with --inbox-payload FILE): floor of the update ingress (InboxSql.STORE).
# --broadcast-node NODE: floor of broadcasting (BroadcastSql.MARK and RECORD, bench/pgbench/
#   broadcast.sql) on the running broadcasts with text "bench floor" held by NODE under epoch 1,
#   one per connection, of --recipients chats each (1 ..); --mark-batch K recipients a MARK, one
#   RECORD every --marks-per-record marks. Its line adds sends_per_s (transactions/s x K) and
#   whether the recipients ran out (exhausted: the floor would then be too high).
# Prints one JSON line per floor on stdout; pgbench's own output goes to --log-dir (or a temp
# directory), and in full to stderr when pgbench fails.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

db_url="" list_client="" insert_client="" inbox_client="" inbox_payload="" connections=32 threads=2 duration=15 warmup=5 log_dir=""
broadcast_node="" mark_batch=5 marks_per_record=2 recipients=0
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
    --broadcast-node) broadcast_node=$2; shift 2 ;;
    --mark-batch) mark_batch=$2; shift 2 ;;
    --marks-per-record) marks_per_record=$2; shift 2 ;;
    --recipients) recipients=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ -n $db_url ]] || die "--db-url is required"
[[ -n $list_client || -n $insert_client || -n $inbox_client || -n $broadcast_node ]] \
  || die "give --list-client, --insert-client, --inbox-client and/or --broadcast-node"
[[ -z $broadcast_node || $broadcast_node =~ ^[a-z0-9-]+$ ]] || die "--broadcast-node: letters, digits and dashes"
require_int --mark-batch "$mark_batch"
require_int --marks-per-record "$marks_per_record"
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
  if [[ $script == broadcast.sql ]]; then
    vars+=(-D "node=$broadcast_node" -D epoch=1 -D "mark_batch=$mark_batch" -D "marks_per_record=$marks_per_record"
      -D "recipients=$recipients")
  fi
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
if [[ -n $broadcast_node ]]; then
  # The most recipients one connection marked (the warm-up's too): none may have run out.
  line=$(floor broadcast broadcast.sql none)
  marked=$(psql "$db_url" -AtqX -c "SELECT COALESCE(max(n), 0) FROM (SELECT count(*) AS n FROM broadcast_recipients r
    JOIN broadcasts b ON b.id = r.broadcast_id WHERE b.text = 'bench floor' AND r.status <> 'pending' GROUP BY b.id) x") \
    || die "could not count the floor's recipients"
  [[ $marked -lt $recipients ]] || log "WARNING: the broadcast floor ran out of recipients: its figure is too high"
  jq -c --argjson k "$mark_batch" --argjson r "$marks_per_record" --argjson marked "$marked" --argjson all "$recipients" \
    '. + {sends_per_s: (.tps * $k | . * 100 | round / 100), mark_batch: $k, record_batch: ($k * $r),
          most_marked_by_one: $marked, recipients_each: $all, exhausted: ($marked >= $all)}' <<<"$line"
fi
