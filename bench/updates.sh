# shellcheck shell=bash
# The update path's steps of bench/run.sh (sourced by it, not run): the Telegram double as its
# own process, the load generator (bench/updates/*.java), the fleet of bots, and the scenarios:
# ingress, duplicates, end to end at fixed arrival rates, the floor of the ingress and the crash.
# They use run.sh's helpers and variables (log, die, run_child, free_port, alive, stop_pid,
# $run_dir, $records, $jar, $here, $base, $db_url, ...). docs/performance.md describes them.

double_pid=""     # the Telegram double's process
double_url=""     # its base URL (the service's BOTFACTORY_TELEGRAM_API_URL)
gen=()            # the generator's command line (java ... UpdateBench), after compile_generator
fleet_file=""     # the fleet written by the set-up: bots, their ids and client
fleet_client=""   # the fleet's client id (for the floor of the ingress)

# ---------------------------------------------------------------------------------------------
# The Telegram double and the generator
# ---------------------------------------------------------------------------------------------
# build_test_classes: the double lives in src/test (it is a test double); built when missing.
build_test_classes() {
  if [[ $build -eq 1 || ! -f $root/target/test-classes/io/botfactory/telegram/TelegramDouble.class ]]; then
    log "building the Telegram double (target/test-classes)"
    mvn -q -B -DskipTests test-compile >&2
  fi
}

# compile_generator: bench/updates/*.java against the service's jar (Vert.x, HdrHistogram and the
# service's own WebhookSecrets come from it), into the run directory.
compile_generator() {
  local classes=$run_dir/generator
  mkdir -p "$classes"
  javac -nowarn -Xlint:none -d "$classes" -cp "$jar" "$here"/updates/*.java 2>&1 | grep -v 'GenIgnore' >&2 || true
  [[ -f $classes/UpdateBench.class ]] || die "the generator (bench/updates) did not compile"
  # Its heap is its own, not the service's.
  gen=(java -Xmx768m -cp "$classes:$jar" UpdateBench)
}

# start_double: the Telegram Bot API double in its own process (so the service's numbers are not
# charged with it): lenient (any well-formed token), http webhooks allowed, any chat reachable.
start_double() {
  local port deadline
  port=$(free_port)
  java -Xmx1g -cp "$jar:$root/target/test-classes" io.botfactory.telegram.TelegramDouble \
    "--port=$port" --lenient --allow-http-webhooks --any-chat >"$run_dir/double.log" 2>&1 &
  double_pid=$!
  double_url=http://127.0.0.1:$port
  deadline=$(($(now_ms) + 60000))
  until curl -fs -o /dev/null --max-time 1 "$double_url/_double/stats"; do
    alive "$double_pid" || { cat "$run_dir/double.log" >&2; die "the Telegram double exited during start-up"; }
    [[ $(now_ms) -lt $deadline ]] || die "the Telegram double did not answer within 60 s"
    sleep 0.1
  done
  log "Telegram double: pid $double_pid on $double_url"
}

stop_double() {
  if [[ -n $double_pid ]]; then
    stop_pid "$double_pid" TERM 10
    wait "$double_pid" 2>/dev/null || true
    double_pid=""
  fi
}

# ---------------------------------------------------------------------------------------------
# The fleet
# ---------------------------------------------------------------------------------------------
# set_up_fleet: $bots bots of one client through the public API, with the benchmark's commands;
# waits until the service has set every webhook at the double.
set_up_fleet() {
  fleet_file=$run_dir/fleet.json
  log "setting up the update fleet: $bots bots x $chats chats, commands, webhooks"
  run_child "${gen[@]}" setup --api "$base" --out "$fleet_file" --bots "$bots" --chats "$chats" \
    2>"$run_dir/fleet-setup.log" || { cat "$run_dir/fleet-setup.log" >&2; die "the fleet set-up failed"; }
  fleet_client=$(jq -r '.bots[0].client_id' "$fleet_file")
  "${gen[@]}" sample >"$run_dir/update-sample.json"
  log "fleet ready: $(jq '.bots | length' "$fleet_file") bots of client $fleet_client ($(tail -n 1 "$run_dir/fleet-setup.log"))"
}

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------
# settle_updates: as settle, for the inbox (the scenarios store hundreds of thousands of updates).
settle_updates() {
  psql "$db_url" -qX -c 'VACUUM (ANALYZE) updates' >/dev/null 2>&1 || log "WARNING: VACUUM ANALYZE updates failed"
  psql "$db_url" -qX -c 'CHECKPOINT' >/dev/null 2>&1 || log "WARNING: CHECKPOINT failed (not a superuser?)"
}

# measure_updates ROUND KEY LOAD_PCT GENERATOR_ARGS...: one load of the generator against the
# service (warm-up, measured window, drain), with the CPU of every process over the window;
# appends one record to $records. LOAD_PCT: the arrival rate in % of the round's ingress
# maximum (null for the closed loops).
measure_updates() {
  local round=$1 key=$2 pct=$3
  shift 3
  local out=$run_dir/round$round-$key.txt line record
  local pids="service=$service_pid,double=$double_pid"
  [[ -n $postmaster_pid ]] && pids+=",db=$postmaster_pid"
  run_child "${gen[@]}" load --target "$base" --double "$double_url" --db-url "$db_url" --fleet "$fleet_file" \
    --webhook-key "$webhook_key" --connections "$connections" --warmup "$warmup" --duration "$duration" \
    --pids "$pids" --clk-tck "$clk_tck" "$@" >"$out" 2>"$out.log" \
    || { tail -n 30 "$out.log" >&2; die "the update generator failed ($out.log)"; }
  alive "$service_pid" || die "the service died during $key (log: $run_dir/service.log)"
  line=$(sed -n 's/^UPDATES_RESULT //p' "$out")
  [[ -n $line ]] || { cat "$out.log" >&2; die "the generator printed no result ($out)"; }
  record=$(jq -c -L "$here" --argjson round "$round" --arg key "$key" --argjson pct "$pct" \
    'include "report"; updates_record($round; $key; $pct)' <<<"$line")
  echo "$record" >>"$records"
  jq -r -L "$here" 'include "report"; updates_line' <<<"$record" | while read -r l; do log "$l"; done
}

# ingress_max ROUND: the acknowledged updates/s of the round's ingress run.
ingress_max() {
  jq -s --argjson round "$1" 'map(select(.route == "updates_ingress" and .round == $round)) | first | .acked_per_s' "$records"
}

# measure_inbox_floor ROUND: InboxSql.STORE alone, with pgbench, as many connections.
measure_inbox_floor() {
  local round=$1 out=$run_dir/round$1-floor-inbox.jsonl
  run_child "$here/floor.sh" --db-url "$db_url" --inbox-client "$fleet_client" \
    --inbox-payload "$run_dir/update-sample.json" --connections "$connections" --threads "$threads" \
    --duration "$duration" --warmup "$warmup" --log-dir "$run_dir/round$round-floor" >"$out"
  jq -c -L "$here" --argjson round "$round" 'include "report"; floor_record($round)' "$out" >>"$records"
}

# run_update_round ROUND: scenarios 1 to 4 once.
run_update_round() {
  local round=$1 max pct rate
  log "round $round of $runs: the update path"
  settle_updates
  measure_updates "$round" updates_ingress null --mode closed
  settle_updates
  measure_updates "$round" updates_duplicates null --mode closed --duplicates 0.1
  max=$(ingress_max "$round")
  for pct in ${e2e_loads//,/ }; do
    settle_updates
    rate=$(jq -n --argjson max "$max" --argjson pct "$pct" '$max * $pct / 100 | floor')
    measure_updates "$round" "updates_e2e_$pct" "$pct" --mode open --rate "$rate" --commands-only
  done
  settle_updates
  measure_inbox_floor "$round"
}
