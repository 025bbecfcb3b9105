#!/usr/bin/env bash
# BotFactory's load benchmark: one command, from a clean checkout.
#
#   bench/run.sh [--duration S] [--warmup S] [--connections N] [--runs K]
#                [--threads T] [--storm-connections N] [--build] [--keep-data]
#                [--only api|updates|compare|broadcast|integration] [--quick] [--bots N] [--chats N] [--e2e-loads P,P,...]
#                [--crash-duration S] [--crash-kill same|alternate] [--peer-grammy DIR]
#                [--peer-workers N] [--compare-chats N] [--compare-duration S]
#
#   --duration S           measured seconds of each run (15)
#   --warmup S             uncounted warm-up seconds before each run (5)
#   --connections N        HTTP connections of wrk, and pgbench connections of the floor (32)
#   --runs K               rounds of every measurement; the report gives medians (3)
#   --threads T            wrk and pgbench threads (2)
#   --storm-connections N  connections of the login storm in the mixed run (= --connections)
#   --build                rebuild target/botfactory.jar even when it exists
#   --keep-data            keep the embedded PostgreSQL data directory (removed by default)
#   --only api|updates|compare|broadcast|integration
#                          run only the API scenarios, only the update path's (the comparison
#                          included when a peer is given), only the comparison, only the
#                          broadcasts' or only the integration's (by default the API and the
#                          update path; broadcasts and integration only when asked for)
#   --quick                a quick look, not a measurement: 1 run of 5 s after 2 s of warm-up,
#                          a 30 s crash run, small broadcasts (3 bots x 1,000 subscribers,
#                          300 at Telegram's limits, 2,000 through the crash) and 100 bots
#                          for the integration (any option after it overrides)
#   --bots N, --chats N    the update fleet: N bots, each written to from N chats (1000, 100)
#   --e2e-loads P,...      arrival rates of the end-to-end runs, in % of the ingress maximum (25,50,75)
#   --crash-duration S     seconds of the crash run (60)
#   --crash-kill same|alternate
#                          which of the crash run's two handling nodes is killed: the same one
#                          twice (same), or one and then the other (alternate); each is
#                          restarted after its kill (same)
#   --peer-grammy DIR      the comparison's peer: a grammY multibot server (fastify + grammY 1.46,
#                          durable inbox in PostgreSQL), given by its directory (its run.sh,
#                          server.js, secret.js); copied to a temporary directory, where its
#                          run.sh installs its dependencies with npm ci. Without it, no
#                          comparison is run, unless --only compare asks for BotFactory's side alone
#   --peer-workers N       the peer's processes (its WORKERS: 1; > 1 is node:cluster on one port)
#   --compare-chats N      chats per bot in the comparison (20)
#   --compare-duration S   measured seconds of each comparison run (10; 5 with --quick)
#
# Broadcasts (issue 19), "broadcast" (bench/audience.sh): 10 bots x 10,000 subscribers broadcast at
# once with the rate limit lifted, against the pgbench floor of BroadcastSql.MARK and RECORD
# (bench/pgbench/broadcast.sql); one bot x 3,000 at the default rate through a Telegram double with
# flood control, with a light stream of commands meanwhile; 10,000 recipients on two nodes, the
# one sending killed with SIGKILL half-way. Integration (issue 20), "integration": the update
# fleet, one endpoint per bot (message.received) at a loopback receiver, every update a text
# message: acknowledged updates/s without and with the endpoints (closed loop), events
# delivered/s, and delivery latency (the update's 200 to the receiver) at half the maximum.
#
# The comparison (issue 17), "compare": the fleet's --bots bots (1,000) x --compare-chats chats,
# --connections connections (32), closed loop, every update a command, --compare-duration seconds
# measured after --warmup; in each of the --runs rounds BotFactory and the peer one after the
# other (the order alternating), each on its own emptied database (the peer's is a second
# database in the service's PostgreSQL server, durable inbox on: DURABLE=1), both with the same
# bots, tokens, commands, replies and webhook key, and the same Telegram double. Reported side by
# side: acknowledged updates/s, ack and reply latency (the peer answers its webhook after its
# reply was sent: its ack is comparable to BotFactory's reply), CPU of each server and of
# PostgreSQL, PostgreSQL transactions and WAL flushes per acknowledged update, and the ratios
# BotFactory / peer.
#
# What it does (details in docs/performance.md):
#  1. installs wrk, pgbench (postgresql-client), jq, curl and ss (iproute2) with apt-get when
#     missing, and builds target/botfactory.jar when missing;
#  2. starts the jar with -Xmx256m on 127.0.0.1 and a free port: against DATABASE_URL when it is
#     set (with generated BOTFACTORY_JWT_SECRET / BOTFACTORY_TOKEN_KEY unless given), otherwise
#     with the service's embedded PostgreSQL in a fresh temporary data directory; times the
#     start to the first 200 of /health/live (and /health/ready when the route exists), then
#     times K more starts of a second process against that same database as an external one;
#  3. sets up, through the public API, a client with 10 bots (read by GET /bots/me) and a
#     second client that POST /bots adds bots to (so the first one keeps exactly 10);
#  4. K rounds of: GET /bots/me, GET /clients/me, POST /bots, POST /auth/token, GET /bots/me
#     during a login storm (each wrk run after an uncounted warm-up), the pgbench floors of
#     GET /bots/me and POST /bots (bench/floor.sh), and Argon2id alone (bench/Argon2Baseline.java),
#     sampling the service's CPU and resident memory during every measured run;
#  5. the update path (bench/updates.sh, the generator in bench/updates/): a fleet of bots with
#     commands and webhooks, then K rounds of: ingress (closed loop), duplicates (10 % redelivered),
#     end to end at fixed arrival rates (open loop), the pgbench floor of storing an update;
#     then the comparison with the peer (--peer-grammy; below), then the crash run (an ingress node
#     and two handling nodes, one of them killed with SIGKILL and restarted twice);
#  6. prints a Markdown table and one JSON line of medians (bench/report.sh), and appends the
#     JSON line to bench/results/results.jsonl; draws the update path's plots (SVG) beside the
#     raw outputs. Raw outputs stay in bench/results/tmp/<time>/: records.jsonl (one record per
#     run) and run.json (the run's context) are what the report reads, so
#     `bench/report.sh bench/results/tmp/<time>` renders it again.
#
# The service always talks to the Telegram double (bench/updates.sh), its own process: POST /bots
# asks it getMe, the service sets every bot's webhook at it, and replies reach it.
#
# Everything it starts is stopped on exit, Ctrl-C included.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
# shellcheck source-path=SCRIPTDIR source=updates.sh
source "$here/updates.sh"
# shellcheck source-path=SCRIPTDIR source=compare.sh
source "$here/compare.sh"
# shellcheck source-path=SCRIPTDIR source=audience.sh
source "$here/audience.sh"

usage() { awk 'NR > 1 { if (!/^#/) exit; print }' "$0"; }  # the comment above

duration=15 warmup=5 connections=32 runs=3 threads=2 storm_connections="" build=0 keep_data=0
only="" bots=1000 chats=100 e2e_loads=25,50,75 crash_duration=60
peer_dir="" peer_workers=1 compare_chats=20 compare_duration=10 crash_kill=same
# The broadcasts' sizes (bench/audience.sh): bots broadcasting at once, each one's subscribers;
# subscribers of the broadcast at Telegram's limits; recipients of the one through a crash. The
# floor: as many connections as the engine's marks have (a quarter of the pool, 8), recipients per
# MARK as the engine batches them (its lanes, one mark each in flight, over its 2 statements in
# flight), marks per RECORD (the outcomes of two rounds of marks).
broadcast_bots=10 broadcast_subscribers=10000 paced_subscribers=3000 crash_recipients=10000
broadcast_floor_connections=2 marks_per_record=2 integration_quick_bots=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) duration=5; warmup=2; runs=1; crash_duration=30; compare_duration=5
      broadcast_bots=3; broadcast_subscribers=1000; paced_subscribers=300; crash_recipients=2000; integration_quick_bots=100; shift ;;
    --only) only=$2; shift 2 ;;
    --peer-grammy) peer_dir=$2; shift 2 ;;
    --peer-workers) peer_workers=$2; shift 2 ;;
    --compare-chats) compare_chats=$2; shift 2 ;;
    --compare-duration) compare_duration=$2; shift 2 ;;
    --bots) bots=$2; shift 2 ;;
    --chats) chats=$2; shift 2 ;;
    --e2e-loads) e2e_loads=$2; shift 2 ;;
    --crash-duration) crash_duration=$2; shift 2 ;;
    --crash-kill) crash_kill=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --storm-connections) storm_connections=$2; shift 2 ;;
    --build) build=1; shift ;;
    --keep-data) keep_data=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
storm_connections=${storm_connections:-$connections}
login_accounts=$((2 * connections))  # the logins' accounts, taken in turn (wrk/login.lua)
require_int --duration "$duration"
require_int --connections "$connections"
require_int --runs "$runs"
require_int --threads "$threads"
require_int --storm-connections "$storm_connections"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a whole number of seconds"
[[ $threads -le $connections ]] || die "--threads must not exceed --connections"
[[ $threads -le 99 ]] || die "--threads must be below 100 (Telegram bot id layout)"
[[ $connections -le 100 ]] || die "--connections must be at most 100 (floor's Telegram bot id layout)"
[[ -z $only || $only =~ ^(api|updates|compare|broadcast|integration)$ ]] \
  || die "--only takes api, updates, compare, broadcast or integration"
mark_batch=$(((broadcast_bots + 1) / 2))  # 5 for 10 bots
# --quick's 100 bots for the integration, unless --bots said otherwise.
if [[ $only == integration && -n $integration_quick_bots && $bots -eq 1000 ]]; then bots=$integration_quick_bots; fi
require_int --bots "$bots"
require_int --chats "$chats"
require_int --crash-duration "$crash_duration"
[[ $bots -le 10000 ]] || die "--bots must be at most 10000 (the fleet's Telegram bot id layout)"
[[ $e2e_loads =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--e2e-loads takes percentages, such as 25,50,75"
[[ $crash_kill == same || $crash_kill == alternate ]] || die "--crash-kill takes same or alternate"
require_int --peer-workers "$peer_workers"
require_int --compare-chats "$compare_chats"
require_int --compare-duration "$compare_duration"
if [[ -n $peer_dir ]]; then
  [[ -d $peer_dir ]] || die "--peer-grammy $peer_dir is not a directory"
  peer_dir=$(cd "$peer_dir" && pwd)
fi
run_api() { [[ -z $only || $only == api ]]; }
run_updates() { [[ -z $only || $only == updates ]]; }
# The comparison: asked for alone, or with the update path when a peer is given.
run_compare() { [[ $only == compare ]] || { [[ -n $peer_dir ]] && [[ -z $only || $only == updates ]]; }; }
run_broadcast() { [[ $only == broadcast ]]; }
run_integration() { [[ $only == integration ]]; }

jar=$root/target/botfactory.jar
heap=-Xmx256m  # the service's heap (params.heap of the JSON line)

# ---------------------------------------------------------------------------------------------
# Tools, jar, run directory
# ---------------------------------------------------------------------------------------------
install_missing_tools() {
  command -v java >/dev/null 2>&1 || die "java (17) is required"
  ensure_tool wrk wrk
  ensure_tool pgbench postgresql-client
  ensure_tool psql postgresql-client
  ensure_tool jq jq
  ensure_tool curl curl
  ensure_tool ss iproute2
  ensure_tool openssl openssl
}

build_jar() {  # when missing, or always with --build
  if [[ $build -eq 1 || ! -f $jar ]]; then
    command -v mvn >/dev/null 2>&1 || die "mvn is required to build $jar"
    log "building $jar"
    mvn -q -B -DskipTests package >&2
  fi
  [[ -f $jar ]] || die "$jar was not built"
}

# Anything else running competes for the same cores: say so (run.json records the load average).
warn_if_busy() {
  if awk -v l="$loadavg" 'BEGIN { exit !(l > 0.5) }'; then
    log "WARNING: the machine is not idle (load average $loadavg): numbers will be lower and noisier"
  fi
}

# ---------------------------------------------------------------------------------------------
# Processes we start, and their cleanup
# ---------------------------------------------------------------------------------------------
service_pids=()   # every java process of the service we started
data_dirs=()      # temporary BOTFACTORY_DATA_DIRs
storm_pid=""      # the background login-storm wrk
fg_pid=""         # the child being waited for: wrk, floor.sh or the Argon2 baseline
sampler_pid=""    # the background memory sampler
sampler_stop=""   # the file that tells the sampler to stop (in the run directory)

# alive PID: true while PID runs (a zombie, exited but not yet reaped, does not count).
alive() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  [[ ${s:0:1} != Z ]]
}

# stop_pid PID SIGNAL SECONDS: sends SIGNAL, waits up to SECONDS, then SIGKILL.
stop_pid() {
  local pid=$1 sig=$2 seconds=$3 i
  alive "$pid" || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < seconds * 10; i++)); do
    alive "$pid" || return 0
    sleep 0.1
  done
  log "process $pid did not stop after SIG$sig within ${seconds}s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# The embedded PostgreSQL is a child of the service's JVM, which stops it on SIGTERM; if the JVM
# had to be killed, the postmaster would be left behind: stop it by the pid in its data directory.
stop_embedded_postgres() {
  local pidfile=$1/postgres/postmaster.pid pid
  [[ -f $pidfile ]] || return 0
  pid=$(head -n 1 "$pidfile")
  # Only if that pid is still this data directory's postmaster (the file may be stale).
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$1/postgres"; then
    log "stopping the embedded PostgreSQL left running (pid $pid)"
    stop_pid "$pid" INT 30  # SIGINT: PostgreSQL's fast shutdown
  fi
}

stop_service() {
  local pid=$1 p kept=()
  stop_pid "$pid" TERM 60  # the service finishes requests in flight, then stops PostgreSQL
  wait "$pid" 2>/dev/null || true
  # Forget it, so that cleanup never signals another process that reuses the pid.
  for p in "${service_pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  service_pids=("${kept[@]}")
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ $rc -eq 0 ]] || log "stopping everything this run started (exit code $rc)"
  touch "$sampler_stop" 2>/dev/null || true
  if [[ -n $sampler_pid ]]; then stop_pid "$sampler_pid" TERM 2; fi
  if [[ -n $storm_pid ]]; then stop_pid "$storm_pid" TERM 5; fi
  if [[ -n $holds_pid ]]; then stop_pid "$holds_pid" TERM 2; fi
  if [[ -n $fg_pid ]]; then stop_pid "$fg_pid" TERM 10; fi
  stop_audience_extras
  local pid dir
  for pid in "${service_pids[@]}"; do stop_service "$pid"; done
  stop_double
  for dir in "${data_dirs[@]}"; do
    stop_embedded_postgres "$dir"
    if [[ $keep_data -eq 1 ]]; then log "kept data directory $dir"; else rm -rf "$dir"; fi
  done
  rm -f "$sampler_stop"
  if [[ -n $peer_copy ]]; then rm -rf "$peer_copy"; fi
  exit "$rc"
}

# run_child COMMAND...: runs COMMAND in the background and waits for it. Bash runs a trap only
# after its foreground command ends; "wait" is interrupted at once, so Ctrl-C or SIGTERM stops
# everything now rather than after the current run.
run_child() {
  "$@" &
  fg_pid=$!
  local rc=0
  wait "$fg_pid" || rc=$?
  fg_pid=""
  return "$rc"
}

# ---------------------------------------------------------------------------------------------
# Starting the service
# ---------------------------------------------------------------------------------------------
free_port() {
  local p _
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 40000))
    if [[ -z $(ss -Htln "sport = :$p") ]]; then echo "$p"; return 0; fi
  done
  die "no free TCP port found"
}

# start_service NAME DB_URL: starts the jar (embedded PostgreSQL when DB_URL is empty) on a free
# port of 127.0.0.1, in a new temporary data directory. Sets svc_pid, svc_port, svc_data,
# svc_live_ms (process start to the first 200 of /health/live) and svc_ready_ms (to the first
# 200 of /health/ready; "null" when the route does not exist).
start_service() {
  local name=$1 url=$2 t0 code deadline
  svc_port=$(free_port)
  svc_data=$(mktemp -d "${TMPDIR:-/tmp}/botfactory-bench.XXXXXX")
  data_dirs+=("$svc_data")
  # The secrets are the bench's, also with the embedded database, so that every node of the run
  # (the restarts, the crash run's nodes) reads what the first one wrote.
  local -a vars=(BOTFACTORY_HTTP_HOST=127.0.0.1 "BOTFACTORY_HTTP_PORT=$svc_port" "BOTFACTORY_DATA_DIR=$svc_data"
    "BOTFACTORY_TELEGRAM_API_URL=$double_url" "BOTFACTORY_TELEGRAM_ALLOW_HTTP=true" "BOTFACTORY_PUBLIC_URL=http://127.0.0.1:$svc_port"
    "BOTFACTORY_WEBHOOK_KEY=$webhook_key" "BOTFACTORY_JWT_SECRET=$jwt_secret" "BOTFACTORY_TOKEN_KEY=$token_key"
    # The set-up signs up more accounts from 127.0.0.1 than the sign-up throttle lets one address
    # make in an hour (20); nothing measured signs up.
    "BOTFACTORY_REGISTER_MAX_PER_SOURCE=${BOTFACTORY_REGISTER_MAX_PER_SOURCE:-100000}")
  if [[ -n $url ]]; then
    vars+=("DATABASE_URL=$url")
  fi
  t0=$(now_ms)
  env -u DATABASE_URL "${vars[@]}" java "$heap" -jar "$jar" >"$run_dir/$name.log" 2>&1 &
  svc_pid=$!
  service_pids+=("$svc_pid")
  deadline=$((t0 + 180000))
  until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$svc_port/health/live"; do
    if ! alive "$svc_pid"; then
      tail -n 30 "$run_dir/$name.log" >&2
      die "the service ($name) exited during start-up; log: $run_dir/$name.log"
    fi
    [[ $(now_ms) -lt $deadline ]] || die "the service ($name) did not answer /health/live within 180 s"
    sleep 0.02
  done
  svc_live_ms=$(($(now_ms) - t0))
  svc_ready_ms=null
  deadline=$(($(now_ms) + 30000))
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$svc_port/health/ready" || true)
    if [[ $code == 200 ]]; then svc_ready_ms=$(($(now_ms) - t0)); break; fi
    [[ $code == 404 ]] && break  # no readiness route in this version
    if [[ $(now_ms) -ge $deadline ]]; then log "WARNING: /health/ready still answers $code after 30 s"; break; fi
    sleep 0.02
  done
  log "$name: pid $svc_pid on 127.0.0.1:$svc_port, live after ${svc_live_ms} ms, ready after ${svc_ready_ms} ms"
}

# locate_database: the database the service runs on. Sets db_url, postmaster_pid (empty when
# PostgreSQL is not on this machine or not visible: its CPU is then not sampled) and db_version.
locate_database() {
  local db_port
  if [[ $db_mode == embedded ]]; then
    db_port=$(sed -n 's/.*Embedded PostgreSQL running on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$run_dir/service.log" | head -n 1)
    [[ -n $db_port ]] || die "could not find the embedded PostgreSQL's port in $run_dir/service.log"
    # Dev mode admits the node only, with the password it generated into secrets.json.
    db_url=postgresql://postgres:$(jq -r .embedded_postgres_password "$svc_data/secrets.json")@127.0.0.1:$db_port/postgres
    postmaster_pid=$(head -n 1 "$svc_data/postgres/postmaster.pid")
  else
    db_url=$DATABASE_URL
    # The database's CPU is sampled when it runs on this machine and we can see its postmaster.
    db_port=$(sed -E -n 's#^[a-z]+://([^@/]*@)?(127\.0\.0\.1|localhost)(:([0-9]+))?/.*#\4#p' <<<"$db_url")
    postmaster_pid=""
    if [[ -n $(sed -E -n 's#^[a-z]+://([^@/]*@)?(127\.0\.0\.1|localhost)[:/].*#local#p' <<<"$db_url") ]]; then
      postmaster_pid=$(ss -Htlnp "sport = :${db_port:-5432}" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
    fi
  fi
  db_version=$(psql "$db_url" -Atc 'SHOW server_version' 2>/dev/null || echo unknown)
  # Durable commits (both on) are what every figure here assumes; recorded in run.json.
  db_durability=$(psql "$db_url" -AtF ' ' -c "SELECT current_setting('fsync'), current_setting('synchronous_commit')" 2>/dev/null || echo "unknown unknown")
  log "database: PostgreSQL $db_version ($db_mode), postmaster pid ${postmaster_pid:-not visible}, fsync/synchronous_commit $db_durability"
}

# time_restarts: start-up on an external database: K more processes against the same database
# (for the embedded mode, the first process's PostgreSQL acts as the external one), each
# stopped once ready. Each finds the schema already migrated, as a production restart or a new
# node does. Sets restart_live and restart_ready (milliseconds, one per start).
time_restarts() {
  local i
  restart_live=() restart_ready=()
  for ((i = 1; i <= runs; i++)); do
    start_service "restart-$i" "$db_url"
    restart_live+=("$svc_live_ms")
    restart_ready+=("$svc_ready_ms")
    stop_service "$svc_pid"
  done
}

# ---------------------------------------------------------------------------------------------
# Set-up through the public API
# ---------------------------------------------------------------------------------------------
# api EXPECTED_STATUS METHOD PATH [curl args...]: prints the body; dies on any other status.
api() {
  local expected=$1 method=$2 path=$3 body code
  shift 3
  body=$(mktemp "$run_dir/api.XXXXXX")
  code=$(curl -sS -o "$body" -w '%{http_code}' -X "$method" "$base$path" "$@") || { rm -f "$body"; die "$method $path: curl failed"; }
  if [[ $code != "$expected" ]]; then
    cat "$body" >&2; echo >&2; rm -f "$body"
    die "$method $path answered $code, expected $expected"
  fi
  cat "$body"; rm -f "$body"
}

login() {  # login EMAIL → access token
  api 200 POST /auth/token --data-urlencode "username=$1" --data-urlencode "password=$password" | jq -r .access_token
}

# set_up_clients: the reader (a client with 10 bots, for GET /bots/me and GET /clients/me), the
# writer (the client POST /bots adds bots to) and $login_accounts accounts the logins take in
# turn (login.lua). Sets password, reader_email, writer_email, reader_id, writer_id, login_pattern.
set_up_clients() {
  local seed email reader_token writer_token n tg count
  seed=$(now_ms)
  password="bench-password-$seed"
  reader_email="bench-$seed-reader@bench.local"
  writer_email="bench-$seed-writer@bench.local"
  login_pattern="bench-$seed-login-{n}@bench.local"
  for email in "$reader_email" "$writer_email" $(seq 1 "$login_accounts" | sed "s/.*/bench-$seed-login-&@bench.local/"); do
    api 201 POST /auth/register -H 'Content-Type: application/json' \
      -d "{\"email\": \"$email\", \"password\": \"$password\", \"full_name\": \"bench\"}" >/dev/null
  done
  reader_token=$(login "$reader_email")
  writer_token=$(login "$writer_email")
  reader_id=$(api 200 GET /clients/me -H "Authorization: Bearer $reader_token" | jq -r .id)
  writer_id=$(api 200 GET /clients/me -H "Authorization: Bearer $writer_token" | jq -r .id)
  # The reader's 10 bots; Telegram bot ids 3 | seed | 00 | n, 16 digits (below 2^54, as Telegram's;
  # wrk's start with 1, the floor's with 2, the update fleet's with 4).
  for n in $(seq 1 10); do
    tg=$(printf '3%07d00%06d' $((seed % 10000000)) "$n")
    api 201 POST /bots -H "Authorization: Bearer $reader_token" -H 'Content-Type: application/json' \
      -d "{\"name\": \"bench bot $n\", \"token\": \"$tg:AAbenchbenchbenchbenchbenchbench$(printf '%04d' "$n")\", \"description\": \"bench/run.sh\"}" >/dev/null
  done
  count=$(api 200 GET /bots/me -H "Authorization: Bearer $reader_token" | jq length)
  [[ $count -eq 10 ]] || die "the benchmark client should have 10 bots, GET /bots/me lists $count"
  log "set up: client $reader_id with 10 bots (GET /bots/me), client $writer_id (POST /bots)"
}

# ---------------------------------------------------------------------------------------------
# Measuring (each run appends one record to $records: bench/report.jq turns raw outputs into
# records, and records into the report)
# ---------------------------------------------------------------------------------------------
# proc_ticks PID: CPU time (user + system) of a process, in clock ticks.
proc_ticks() {
  local s f
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  s=${s##*) }
  read -r -a f <<<"$s"
  echo $((f[11] + f[12]))
}

# db_ticks: CPU time of PostgreSQL: the postmaster, its live children (the backends: the pools'
# connections and pgbench's stay open during a run) and its reaped children. 0 when not visible.
db_ticks() {
  [[ -n $postmaster_pid ]] || { echo 0; return; }
  local s f total child
  s=$(cat "/proc/$postmaster_pid/stat" 2>/dev/null) || { echo 0; return; }
  s=${s##*) }
  read -r -a f <<<"$s"
  total=$((f[11] + f[12] + f[13] + f[14]))
  for child in $(ps -o pid= --ppid "$postmaster_pid" 2>/dev/null); do
    total=$((total + $(proc_ticks "$child")))
  done
  echo "$total"
}

# machine_ticks: "busy total" ticks of all cores, from /proc/stat.
machine_ticks() {
  local _cpu user nice system idle iowait irq softirq steal _rest
  read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}

# The service's resident memory: the largest VmRSS seen every 0.2 s while the sampler runs.
start_sampler() {
  rm -f "$sampler_stop"
  echo 0 >"$run_dir/rss.max"
  (
    max=0
    while [[ ! -e $sampler_stop ]] && alive "$service_pid"; do
      while read -r key value _; do
        if [[ $key == VmRSS: && $value -gt $max ]]; then max=$value; echo "$max" >"$run_dir/rss.max"; fi
      done <"/proc/$service_pid/status"
      sleep 0.2
    done
  ) &
  sampler_pid=$!
}
stop_sampler() {
  touch "$sampler_stop"
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
}

vm_hwm_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$service_pid/status"; }

# wrk_result FILE: the JSON that bench/wrk/common.lua's done() printed.
wrk_result() {
  local line
  line=$(sed -n 's/^BENCH_RESULT //p' "$1")
  [[ -n $line ]] || { cat "$1" >&2; die "wrk printed no result ($1)"; }
  echo "$line"
}

# run_wrk OUT SECONDS CONNECTIONS THREADS SCRIPT PATH [ENV=VALUE...]: one wrk run.
run_wrk() {
  local out=$1 seconds=$2 conns=$3 thr=$4 script=$5 path=$6
  shift 6
  if ! run_child env "$@" BENCH_ID_SEED="$(now_ms)" wrk -t "$thr" -c "$conns" -d "${seconds}s" --timeout 5s \
      -s "$here/wrk/$script" "$base$path" >"$out" 2>&1; then
    cat "$out" >&2
    die "wrk failed ($out)"
  fi
}

# measure ROUND KEY SCRIPT PATH [ENV=VALUE...]: warm-up, then the measured run with CPU and
# memory sampling; appends one record to $records.
measure() {
  local round=$1 key=$2 script=$3 path=$4
  shift 4
  local out=$run_dir/round$round-$key
  local warm='null'
  if [[ $warmup -gt 0 ]]; then
    run_wrk "$out-warmup.txt" "$warmup" "$connections" "$threads" "$script" "$path" "$@"
    warm=$(wrk_result "$out-warmup.txt")
  fi
  local t0 t1 svc0 svc1 db0 db1 m0 m1
  start_sampler
  t0=$(now_ms); svc0=$(proc_ticks "$service_pid"); db0=$(db_ticks); m0=$(machine_ticks)
  run_wrk "$out.txt" "$duration" "$connections" "$threads" "$script" "$path" "$@"
  t1=$(now_ms); svc1=$(proc_ticks "$service_pid"); db1=$(db_ticks); m1=$(machine_ticks)
  stop_sampler
  alive "$service_pid" || die "the service died during $key (log: $run_dir/service.log)"
  local record
  record=$(wrk_result "$out.txt" | jq -c -L "$here" \
    --argjson round "$round" --arg key "$key" --arg path "$path" --argjson warm "$warm" \
    --argjson wall_ms $((t1 - t0)) --argjson hz "$clk_tck" --argjson cores "$cores" \
    --argjson svc $((svc1 - svc0)) --argjson db $((db1 - db0)) --argjson db_visible "$([[ -n $postmaster_pid ]] && echo true || echo false)" \
    --argjson m0 "[${m0/ /,}]" --argjson m1 "[${m1/ /,}]" \
    --argjson rss_kb "$(cat "$run_dir/rss.max")" --argjson hwm_kb "$(vm_hwm_kb)" \
    'include "report"; wrk_record($ARGS.named)')
  echo "$record" >>"$records"
  jq -r -L "$here" 'include "report"; record_line' <<<"$record" | while read -r l; do log "$l"; done
}

# measure_during_login_storm ROUND: GET /bots/me while a login storm runs. The storm starts a
# second before the GET warm-up and ends a second after the measured GET run, so it covers all
# of it; its own record covers its whole run.
measure_during_login_storm() {
  local round=$1 out=$run_dir/round$1-login_storm.txt
  env "BENCH_USERNAME=$login_pattern" "BENCH_ACCOUNTS=$login_accounts" "BENCH_PASSWORD=$password" \
    wrk -t 1 -c "$storm_connections" -d "$((warmup + duration + 2))s" --timeout 5s \
    -s "$here/wrk/login.lua" "$base/auth/token" >"$out" 2>&1 &
  storm_pid=$!
  sleep 1
  measure "$round" get_bots_me_storm get.lua /bots/me "BENCH_TOKEN=$reader_token"
  wait "$storm_pid" || { cat "$out" >&2; die "the login-storm wrk failed"; }
  storm_pid=""
  wrk_result "$out" | jq -c -L "$here" --argjson round "$round" 'include "report"; storm_record($round)' >>"$records"
}

# measure_floors ROUND: the same SQL on the same database with as many connections, from pgbench.
measure_floors() {
  local round=$1 out=$run_dir/round$1-floor.jsonl
  run_child "$here/floor.sh" --db-url "$db_url" --list-client "$reader_id" --insert-client "$writer_id" \
    --connections "$connections" --threads "$threads" --duration "$duration" --warmup "$warmup" \
    --log-dir "$run_dir/round$round-floor" >"$out"
  jq -c -L "$here" --argjson round "$round" 'include "report"; floor_record($round)' "$out" >>"$records"
}

# measure_argon2_alone ROUND: Argon2id alone, at the configured cost, on as many threads as the
# service uses.
measure_argon2_alone() {
  local round=$1 out=$run_dir/round$1-argon2.txt
  log "round $round: Argon2id alone (bench/Argon2Baseline.java)"
  run_child java -Xmx256m -cp "$jar" "$here/Argon2Baseline.java" "$duration" "$warmup" >"$out"
  jq -c -L "$here" --argjson round "$round" 'include "report"; argon2_record($round)' "$out" >>"$records"
  log "round $round: Argon2id alone: $(jq -r .verifications_per_s "$out") verifications/s"
}

# settle: after a run that wrote hundreds of thousands of bots (POST /bots, the insert floor),
# vacuum and analyze the table and write a checkpoint now, so that autovacuum and the
# checkpointer do not run during, and charge their CPU to, the next measurement. Before that the
# bots those runs created are deleted, with their webhook work, by SQL: each new bot is work for
# the webhook workers (setWebhook at the double), which would otherwise go on for minutes and be
# charged to the next measurements. (How long that catch-up takes is not measured here.)
settle() {
  forget_created_bots
  psql "$db_url" -qX -c 'VACUUM (ANALYZE) bots' >/dev/null || log "WARNING: VACUUM ANALYZE bots failed"
  psql "$db_url" -qX -c 'CHECKPOINT' >/dev/null 2>&1 || log "WARNING: CHECKPOINT failed (not a superuser?)"
}

# forget_created_bots: the writer client's bots (POST /bots, the insert floor) and their rows of
# webhook work, gone; the reader's 10 bots stay.
forget_created_bots() {
  [[ -n ${writer_id:-} ]] || return 0
  psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "BEGIN; DELETE FROM webhooks WHERE bot_id IN (SELECT id FROM bots WHERE client_id = '$writer_id');
    DELETE FROM bots WHERE client_id = '$writer_id'; COMMIT;" >/dev/null || log "WARNING: could not delete the bots POST /bots created"
}

# run_round ROUND: every measurement once.
run_round() {
  local round=$1
  log "round $round of $runs"
  settle
  # Fresh tokens every round, so a long run never outlives their 30-minute lifetime.
  reader_token=$(login "$reader_email")
  writer_token=$(login "$writer_email")

  measure "$round" get_bots_me get.lua /bots/me "BENCH_TOKEN=$reader_token"
  measure "$round" get_clients_me get.lua /clients/me "BENCH_TOKEN=$reader_token"
  measure "$round" post_bots post_bots.lua /bots "BENCH_TOKEN=$writer_token"
  settle
  measure "$round" auth_token login.lua /auth/token "BENCH_USERNAME=$login_pattern" "BENCH_ACCOUNTS=$login_accounts" \
    "BENCH_PASSWORD=$password"
  measure_during_login_storm "$round"
  settle
  measure_floors "$round"
  measure_argon2_alone "$round"
}

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
# compare_params: the comparison's parameters for run.json (null when it did not run); the peer by
# what it is and its versions, not by where it was.
compare_params() {
  if ! run_compare; then echo null; return; fi
  jq -n --argjson bots "$bots" --argjson chats "$compare_chats" --argjson duration "$compare_duration" \
    --argjson workers "$peer_workers" --arg versions "$peer_versions" --argjson peer "$([[ -n $peer_dir ]] && echo true || echo false)" '
    {bots: $bots, chats_per_bot: $chats, duration_s: $duration, mode: "closed", commands_only: true,
     peer: (if $peer then {server: "grammy-multibot", workers: $workers, durable: true, versions: $versions} else null end)}'
}

# broadcast_params: the broadcasts' sizes for run.json (null when they did not run).
broadcast_params() {
  if ! run_broadcast; then echo null; return; fi
  jq -n --argjson bots "$broadcast_bots" --argjson subscribers "$broadcast_subscribers" --argjson paced "$paced_subscribers" \
    --argjson crash "$crash_recipients" --argjson fc "$broadcast_floor_connections" --argjson k "$mark_batch" \
    --argjson r "$marks_per_record" '{bots: $bots, subscribers_per_bot: $subscribers, paced_subscribers: $paced,
      crash_recipients: $crash, floor: {connections: $fc, mark_batch: $k, record_batch: ($k * $r)}}'
}

# write_run_json: what the report needs besides the records, in $run_dir/run.json: when, the
# commit, the machine, the parameters (with the service's BOTFACTORY_* environment, secrets
# left out), the database and the start-up times. bench/report.sh reads it.
write_run_json() {
  local commit dirty=false pool_size
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]] && dirty=true
  pool_size=${BOTFACTORY_DB_POOL_SIZE:-$(jq -r .BOTFACTORY_DB_POOL_SIZE conf/config.json)}
  jq -n \
    --arg ts "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg commit "$commit" --argjson dirty "$dirty" \
    --argjson cores "$cores" --arg cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    --arg mem "$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)" --arg kernel "$(uname -r)" \
    --arg java "$(java -version 2>&1 | head -n 1)" --argjson loadavg "$loadavg" \
    --arg db_mode "$db_mode" --arg db_version "$db_version" --arg fsync "${db_durability% *}" --arg sync "${db_durability#* }" \
    --argjson duration "$duration" --argjson warmup "$warmup" --argjson connections "$connections" \
    --argjson threads "$threads" --argjson runs "$runs" --argjson storm "$storm_connections" \
    --arg heap "$heap" --argjson pool "$pool_size" --arg only "${only:-all}" --argjson bots "$bots" \
    --argjson chats "$chats" --arg e2e_loads "$e2e_loads" --argjson crash_duration "$crash_duration" \
    --argjson compare "$(compare_params)" --arg crash_kill "$crash_kill" \
    --argjson broadcast "$(broadcast_params)" \
    --argjson first_live "$first_live_ms" --argjson first_ready "$first_ready_ms" \
    --argjson restart_live "[$(IFS=,; echo "${restart_live[*]}")]" \
    --argjson restart_ready "[$(IFS=,; echo "${restart_ready[*]}")]" '
    {timestamp: $ts, git: {commit: $commit, dirty: $dirty},
     machine: {cores: $cores, cpu: $cpu, mem_gib: ($mem | tonumber), kernel: $kernel, java: $java,
               loadavg_at_start: $loadavg},
     params: {duration_s: $duration, warmup_s: $warmup, connections: $connections, threads: $threads,
              runs: $runs, storm_connections: $storm, heap: $heap, db_pool_size: $pool,
              scenarios: $only, update_fleet: {bots: $bots, chats_per_bot: $chats},
              e2e_loads_pct: ($e2e_loads | split(",") | map(tonumber)), crash_duration_s: $crash_duration,
              crash_handlers: 2, crash_kill: $crash_kill, compare: $compare, broadcast: $broadcast,
              service_env: (env | with_entries(select((.key | test("^BOTFACTORY_"))
                and (.key | test("SECRET|TOKEN_KEY$|WEBHOOK_KEY$") | not))))},
     database: {mode: $db_mode, version: $db_version, fsync: $fsync, synchronous_commit: $sync},
     start: {first: {live_ms: $first_live, ready_ms: $first_ready},
             external_db: {live_ms_runs: $restart_live, ready_ms_runs: $restart_ready}}}' >"$run_dir/run.json"
}

# =============================================================================================
# The run: set up, start, measure, report
# =============================================================================================
install_missing_tools
build_jar
build_test_classes

stamp=$(date -u +%Y%m%dT%H%M%SZ)
run_dir=$root/bench/results/tmp/$stamp
mkdir -p "$run_dir"
results_file=$root/bench/results/results.jsonl
records=$run_dir/records.jsonl
: >"$records"
sampler_stop=$run_dir/.sampler-stop
clk_tck=$(getconf CLK_TCK)
cores=$(nproc)
log "raw outputs in ${run_dir#"$root"/}"
if run_updates || run_compare || run_broadcast || run_integration; then compile_generator; fi
read -r loadavg _ </proc/loadavg
warn_if_busy
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if run_compare && [[ -n $peer_dir ]]; then prepare_peer; fi

# The service's secrets (on an external database it refuses to start without them).
# One event loop for the service unless told otherwise: on a 2-core machine that also runs
# PostgreSQL and wrk, a second event-loop thread only adds contention (measured in
# docs/performance.md: ~9.7k -> ~11.1k req/s on GET /bots/me, p99 7 -> 5 ms). The product's
# default (one per core) is right where the service has its cores to itself.
export BOTFACTORY_EVENT_LOOPS=${BOTFACTORY_EVENT_LOOPS:-1}
# The integration's endpoints are at the loopback receiver, over plain http: allowed for the
# benchmark only (the product refuses both by default).
if run_integration; then
  export BOTFACTORY_ENDPOINTS_ALLOW_HTTP=true BOTFACTORY_ENDPOINTS_ALLOW_PRIVATE=true
fi
jwt_secret=${BOTFACTORY_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 -w0)}
token_key=${BOTFACTORY_TOKEN_KEY:-$(head -c 32 /dev/urandom | base64 -w0)}
# The key of every bot's webhook secret: the generator derives the secrets from it, as Telegram
# holds them after setWebhook.
webhook_key=${BOTFACTORY_WEBHOOK_KEY:-$(head -c 32 /dev/urandom | base64 -w0)}

start_double
db_mode=embedded
[[ -n ${DATABASE_URL:-} ]] && db_mode=external
log "starting the service ($db_mode PostgreSQL)"
start_service service "${DATABASE_URL:-}"
service_pid=$svc_pid base=http://127.0.0.1:$svc_port service_data=$svc_data service_port=$svc_port
first_live_ms=$svc_live_ms first_ready_ms=$svc_ready_ms
locate_database
time_restarts

if run_api; then
  set_up_clients
  for ((round = 1; round <= runs; round++)); do
    run_round "$round"
  done
  settle  # the last floor's bots, before the update path
fi
if run_updates || run_compare || run_integration; then
  set_up_fleet
fi
if run_integration; then
  measure_integration
fi
if run_broadcast; then
  measure_broadcasts  # stops the single node: its nodes run on its database
fi
if run_updates; then
  for ((round = 1; round <= runs; round++)); do
    run_update_round "$round"
  done
fi
if run_compare; then
  measure_comparison  # before the crash run, which stops the single node
fi
if run_updates; then
  measure_crash
fi
# A scenario asked for that left no record ran nothing: say so rather than print an empty report.
if run_broadcast; then grep -q '"route":"broadcast_' "$records" || die "the broadcasts left no record in $records"; fi
if run_integration; then grep -q '"route":"integration_' "$records" || die "the integration left no record in $records"; fi

write_run_json
"$here/report.sh" --append "$results_file" "$run_dir"
log "appended to ${results_file#"$root"/}; raw outputs in ${run_dir#"$root"/} (bench/report.sh renders them again)"
