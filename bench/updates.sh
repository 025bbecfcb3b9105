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

# compile_generator: the generator (javac_generator), into the run directory.
compile_generator() {
  local classes=$run_dir/generator
  mkdir -p "$classes"
  javac_generator "$jar" "$classes"
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
  [[ -n ${receiver_pid:-} ]] && pids+=",receiver=$receiver_pid"
  local la0
  la0=$(loadavg_json)
  run_child "${gen[@]}" load --target "$base" --double "$double_url" --db-url "$db_url" --fleet "$fleet_file" \
    --webhook-key "$webhook_key" --connections "$connections" --warmup "$warmup" --duration "$duration" \
    --pids "$pids" --clk-tck "$clk_tck" "$@" >"$out" 2>"$out.log" \
    || { tail -n 30 "$out.log" >&2; die "the update generator failed ($out.log)"; }
  alive "$service_pid" || die "the service died during $key (log: $run_dir/service.log)"
  line=$(sed -n 's/^UPDATES_RESULT //p' "$out")
  [[ -n $line ]] || { cat "$out.log" >&2; die "the generator printed no result ($out)"; }
  record=$(jq -c -L "$here" --argjson round "$round" --arg key "$key" --argjson pct "$pct" \
    --argjson la0 "$la0" --argjson la1 "$(loadavg_json)" \
    'include "report"; updates_record($round; $key; $pct) + {loadavg: {start: $la0, end: $la1}}' <<<"$line")
  echo "$record" >>"$records"
  jq -r -L "$here" 'include "report"; updates_line' <<<"$record" | while read -r l; do log "$l"; done
}

# ingress_max ROUND: the acknowledged updates/s of the round's ingress run.
ingress_max() {
  jq -s --argjson round "$1" 'map(select(.route == "updates_ingress" and .round == $round)) | first | .acked_per_s' "$records"
}

# measure_inbox_floor ROUND: InboxSql.STORE alone, with pgbench, as many connections. The floor
# stores real updates for the fleet's bots; so that the service neither handles them during the
# floor (its sweep would find them) nor after, the fleet's bots are held by an engine node that does
# not exist for the floor's time, and the floor's updates (update_id from 2 * 10^18, floor.sh's
# id_base) are deleted after it.
measure_inbox_floor() {
  local round=$1 out=$run_dir/round$1-floor-inbox.jsonl
  psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "BEGIN;
    INSERT INTO engine_nodes (node_id, lease_until) VALUES ('bench-floor', 'infinity') ON CONFLICT (node_id) DO NOTHING;
    INSERT INTO bot_workers (bot_id, node_id) SELECT id, 'bench-floor' FROM bots WHERE client_id = '$fleet_client'
    ON CONFLICT (bot_id) DO UPDATE SET node_id = 'bench-floor'; COMMIT;" >/dev/null \
    || die "could not keep the service's workers off the floor's bots"
  run_child "$here/floor.sh" --db-url "$db_url" --inbox-client "$fleet_client" \
    --inbox-payload "$run_dir/update-sample.json" --connections "$connections" --threads "$threads" \
    --duration "$duration" --warmup "$warmup" --log-dir "$run_dir/round$round-floor" >"$out"
  psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "BEGIN;
    DELETE FROM updates WHERE update_id >= 2000000000000000000 AND bot_id IN (SELECT id FROM bots WHERE client_id = '$fleet_client');
    UPDATE bot_workers SET node_id = NULL WHERE node_id = 'bench-floor';
    DELETE FROM engine_nodes WHERE node_id = 'bench-floor'; COMMIT;" >/dev/null \
    || die "could not remove the floor's updates"
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

# ---------------------------------------------------------------------------------------------
# The crash run (scenario 5): an ingress node and two handling nodes, one of them killed
# ---------------------------------------------------------------------------------------------
# The single node of the other scenarios both stores and handles, and owns the embedded
# PostgreSQL. For the crash run the work is split as a cluster deploys it: the main service is
# stopped, its database started again on the same data directory by a process of its own
# (bench/updates/DatabaseHolder.java, the service's own embedded database), an ingress node
# (roles http, auth, storage) takes the main service's port (so every webhook stays as set) and two
# handling nodes (role webhook) join it in a Hazelcast cluster on 127.0.0.1 (nudges cross the
# event bus). While updates arrive a handling node is killed with SIGKILL twice, and restarted
# after each kill: node a both times (--crash-kill same, the default), the other, b, running
# throughout and expected to take a's bots; or a, then b (--crash-kill alternate). A restarted
# node holds no bot while the other renews its holds under load, so a second kill of a takes
# nothing from anyone; killing b the second time makes the restarted a take every bot.

holder_pid="" holds_pid=""
declare -A handler_pids=() handler_envs=() handler_starts=()  # per handling node (a, b): pid, settings, starts

# ---- The crash run's one query on the update engine's tables ------------------------------------
# Which engine node holds which bot, until when (its node's lease): one line per held bot, "now
# (ms since the epoch) TAB holder TAB bot id TAB held until (ms since the epoch)". It tells which
# bots the killed node held (bench/report.jq, crash_bot_gaps). If bot_workers or engine_nodes
# change shape, adapt this query only.
holds_sql="SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint, w.node_id, w.bot_id,
  (extract(epoch FROM n.lease_until) * 1000)::bigint
  FROM bot_workers w JOIN engine_nodes n ON n.node_id = w.node_id WHERE isfinite(n.lease_until)"

# snapshot_holds LABEL: the query's lines, each prefixed with LABEL ("sample", "kill1", ...).
snapshot_holds() {
  psql "$db_url" -AtqX -F $'\t' -c "$holds_sql" 2>/dev/null | sed "s/^/$1\t/" || true
}

# start_holds_sampler FILE: the holds every second, into FILE, until stop_holds_sampler.
start_holds_sampler() {
  local file=$1
  ( while :; do snapshot_holds sample >>"$file"; sleep 1; done ) &
  holds_pid=$!
}
stop_holds_sampler() {
  if [[ -n $holds_pid ]]; then stop_pid "$holds_pid" TERM 2; wait "$holds_pid" 2>/dev/null || true; holds_pid=""; fi
}

# start_database_holder DATA_DIR: PostgreSQL on a stopped node's data directory; sets db_url and
# postmaster_pid.
start_database_holder() {
  local data=$1 log=$run_dir/database-holder.log deadline password port
  password=$(jq -r .embedded_postgres_password "$data/secrets.json")
  BENCH_DB_PASSWORD=$password "${gen[@]}" database --dir "$data/postgres" >"$log" 2>&1 &
  holder_pid=$!
  service_pids+=("$holder_pid")
  deadline=$(($(now_ms) + 120000))
  until grep -q '^DATABASE_PORT=' "$log"; do
    alive "$holder_pid" || { cat "$log" >&2; die "the database holder exited"; }
    [[ $(now_ms) -lt $deadline ]] || die "the database holder did not start within 120 s"
    sleep 0.1
  done
  port=$(sed -n 's/^DATABASE_PORT=//p' "$log")
  db_url=postgresql://postgres:$password@127.0.0.1:$port/postgres
  postmaster_pid=$(head -n 1 "$data/postgres/postmaster.pid")
  log "database holder: pid $holder_pid, PostgreSQL on 127.0.0.1:$port, postmaster pid $postmaster_pid"
}

# start_node NAME ENV...: the jar with these settings; waits for "BotFactory node started" in its
# log (a node without the http role has no health route). Sets node_pid.
start_node() {
  local name=$1 log=$run_dir/$1.log deadline t0
  shift
  t0=$(now_ms)
  env -u DATABASE_URL "$@" java "$heap" -jar "$jar" >"$log" 2>&1 &
  node_pid=$!
  service_pids+=("$node_pid")
  deadline=$((t0 + 180000))
  until grep -qs 'BotFactory node started' "$log"; do
    alive "$node_pid" || { tail -n 30 "$log" >&2; die "$name exited during start-up (log: $log)"; }
    [[ $(now_ms) -lt $deadline ]] || die "$name did not start within 180 s"
    sleep 0.05
  done
  log "$name: pid $node_pid, started after $(($(now_ms) - t0)) ms"
}

# cluster_certificates DIR: the cluster's CA and one node certificate in DIR, made with the
# commands of docs/deploy.md, so the crash run's nodes talk over the event bus as a deployed
# cluster does (mutual TLS).
cluster_certificates() {
  local dir=$1
  mkdir -p "$dir"
  (
    cd "$dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
      -subj "/CN=BotFactory bench CA" -keyout ca.key -out ca.crt \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -subj "/CN=botfactory-node" -keyout node.key -out node.csr
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' > node.ext
    openssl x509 -req -in node.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
      -extfile node.ext -out node.crt
    chmod 600 ca.key node.key
  ) >"$dir/openssl.log" 2>&1 || { cat "$dir/openssl.log" >&2; die "could not make the cluster's certificates"; }
}

# start_crash_cluster: stops the main service and starts the database holder, the ingress node
# (the main service's port) and the two handling nodes a and b. Sets handler_pids, handler_envs
# (each node's settings, for its restarts, one per line) and handler_starts.
start_crash_cluster() {
  local data=$service_data port=$service_port pa pb pc ea eb ec
  log "crash run: stopping the single node; an ingress node and two handling nodes take over its database"
  stop_service "$service_pid"
  start_database_holder "$data"
  pa=$(free_port); pb=$(free_port); pc=$(free_port); ea=$(free_port); eb=$(free_port); ec=$(free_port)
  cluster_certificates "$run_dir/certs"
  local -a common=("DATABASE_URL=$db_url" "BOTFACTORY_JWT_SECRET=$jwt_secret" "BOTFACTORY_TOKEN_KEY=$token_key"
    "BOTFACTORY_WEBHOOK_KEY=$webhook_key" "BOTFACTORY_TELEGRAM_API_URL=$double_url" "BOTFACTORY_TELEGRAM_ALLOW_HTTP=true"
    "BOTFACTORY_PUBLIC_URL=http://127.0.0.1:$port" BOTFACTORY_CLUSTER=true BOTFACTORY_CLUSTER_HOST=127.0.0.1
    "BOTFACTORY_CLUSTER_MEMBERS=127.0.0.1:$pa,127.0.0.1:$pb,127.0.0.1:$pc" "BOTFACTORY_CLUSTER_TLS_CA=$run_dir/certs/ca.crt"
    "BOTFACTORY_CLUSTER_TLS_CERT=$run_dir/certs/node.crt" "BOTFACTORY_CLUSTER_TLS_KEY=$run_dir/certs/node.key")
  start_node ingress "${common[@]}" BOTFACTORY_ROLES=http,auth,storage BOTFACTORY_HTTP_HOST=127.0.0.1 \
    "BOTFACTORY_HTTP_PORT=$port" "BOTFACTORY_DATA_DIR=$data" "BOTFACTORY_CLUSTER_PORT=$pa" "BOTFACTORY_EVENTBUS_PORT=$ea"
  service_pid=$node_pid
  handler_envs[a]=$(printf '%s\n' "${common[@]}" BOTFACTORY_ROLES=webhook "BOTFACTORY_DATA_DIR=$data" \
    "BOTFACTORY_CLUSTER_PORT=$pb" "BOTFACTORY_EVENTBUS_PORT=$eb")
  handler_envs[b]=$(printf '%s\n' "${common[@]}" BOTFACTORY_ROLES=webhook "BOTFACTORY_DATA_DIR=$data" \
    "BOTFACTORY_CLUSTER_PORT=$pc" "BOTFACTORY_EVENTBUS_PORT=$ec")
  handler_starts=([a]=0 [b]=0)
  start_handler b
  start_handler a
}

# start_handler NODE: handling node NODE (a or b) started, or started again; its log
# handler-NODE-N.log for its N-th start.
start_handler() {
  local node=$1 env
  mapfile -t env <<<"${handler_envs[$node]}"
  handler_starts[$node]=$((handler_starts[$node] + 1))
  start_node "handler-$node-${handler_starts[$node]}" "${env[@]}"
  handler_pids[$node]=$node_pid
}

# measure_crash: scenario 3 at 50 % of the median ingress maximum for --crash-duration seconds;
# at a third and two thirds of it a handling node (--crash-kill) is killed with SIGKILL and started
# again. The
# holds are read just before each kill and every second (holds_sql), the generator logs every
# reply: bench/report.jq (crash_bot_gaps) finds the bots the killed node held and when each was
# answered again.
measure_crash() {
  local max rate out=$run_dir/crash.txt window_start kill_at i killed restarted kills=() line record analysis victim
  local holds=$run_dir/crash-holds.tsv replies=$run_dir/crash-replies.jsonl
  max=$(jq -s 'map(select(.route == "updates_ingress") | .acked_per_s) | sort | .[length / 2 | floor]' "$records")
  rate=$(jq -n --argjson max "$max" '$max / 2 | floor')
  start_crash_cluster
  log "crash run: $rate updates/s for ${crash_duration} s, a handling node of 2 killed twice ($crash_kill)"
  : >"$holds"
  "${gen[@]}" load --target "$base" --double "$double_url" --db-url "$db_url" --fleet "$fleet_file" \
    --webhook-key "$webhook_key" --connections "$connections" --warmup "$warmup" --duration "$crash_duration" \
    --mode open --rate "$rate" --commands-only --retry-failed --drain-timeout 120 --bucket-ms 250 --reply-log "$replies" \
    --pids "service=$service_pid,double=$double_pid,db=$postmaster_pid" --clk-tck "$clk_tck" >"$out" 2>"$out.log" &
  fg_pid=$!
  start_holds_sampler "$holds"
  until window_start=$(sed -n 's/^WINDOW_START_MS //p' "$out.log") && [[ -n $window_start ]]; do
    alive "$fg_pid" || { cat "$out.log" >&2; die "the generator exited before the crash run began"; }
    sleep 0.05
  done
  for i in 1 2; do
    kill_at=$((window_start + crash_duration * 1000 * i / 3))
    while [[ $(now_ms) -lt $kill_at ]]; do sleep 0.02; done
    victim=a
    [[ $crash_kill == alternate && $i -eq 2 ]] && victim=b
    snapshot_holds "kill$i" >>"$holds"
    kill -KILL "${handler_pids[$victim]}" 2>/dev/null || true
    killed=$(now_ms)
    wait "${handler_pids[$victim]}" 2>/dev/null || true
    log "crash run: handling node $victim killed (SIGKILL) at +$(((killed - window_start) / 1000)) s"
    start_handler "$victim"
    restarted=$(now_ms)
    kills+=("{\"node\": \"$victim\", \"killed_ms\": $killed, \"restarted_ms\": $restarted}")
  done
  local rc=0
  wait "$fg_pid" || rc=$?
  fg_pid=""
  stop_holds_sampler
  [[ $rc -eq 0 ]] || { tail -n 30 "$out.log" >&2; die "the generator failed in the crash run ($out.log)"; }
  line=$(sed -n 's/^UPDATES_RESULT //p' "$out")
  [[ -n $line ]] || { cat "$out.log" >&2; die "the generator printed no result ($out)"; }
  analysis=$(jq -n -c -L "$here" --argjson kills "[$(IFS=,; echo "${kills[*]}")]" --rawfile holds "$holds" \
    --slurpfile replies "$replies" --slurpfile fleet "$fleet_file" --argjson load "$(jq -c '{rate, window_end_ms}' <<<"$line")" \
    'include "report"; crash_bot_gaps($kills; $holds; $replies; $fleet[0]; $load)')
  record=$(jq -c -L "$here" --argjson crash "$analysis" 'include "report"; crash_record(1; $crash)' <<<"$line")
  echo "$record" >>"$records"
  jq -r -L "$here" 'include "report"; updates_line, crash_line' <<<"$record" | while read -r l; do log "$l"; done
}
