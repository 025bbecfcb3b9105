# shellcheck shell=bash
# The broadcast and integration scenarios of bench/run.sh (--only broadcast, --only integration;
# sourced by it, not run): broadcasts at the lifted rate against their floor, at Telegram's limits
# against a double with flood control, and through a node killed half-way; event deliveries to a
# loopback receiver, and what they cost the update path. They use run.sh's and updates.sh's
# helpers and variables (log, die, run_child, free_port, alive, start_node, start_database_holder,
# cluster_certificates, measure_updates, $gen, $run_dir, $records, ...). docs/performance.md
# ("Broadcasts", "Integration") describes them.

flood_double_pid=""  # the Telegram double with flood control (the broadcast at Telegram's limits)
receiver_pid=""      # the event endpoints' receiver
stream_pid=""        # the commands sent during the broadcast at Telegram's limits

stop_audience_extras() {
  if [[ -n $stream_pid ]]; then stop_pid "$stream_pid" TERM 5; stream_pid=""; fi
  if [[ -n $flood_double_pid ]]; then stop_pid "$flood_double_pid" TERM 10; wait "$flood_double_pid" 2>/dev/null || true; flood_double_pid=""; fi
  if [[ -n $receiver_pid ]]; then stop_pid "$receiver_pid" TERM 5; wait "$receiver_pid" 2>/dev/null || true; receiver_pid=""; fi
}

# =============================================================================================
# Broadcasts (issue 19)
# =============================================================================================
# The fleet: bots 0 .. N-1 broadcast at once (scenario 1), bot N broadcasts at Telegram's limits
# (scenario 2), bot N+1 through the crash (scenario 3). Their subscribers are written by SQL
# straight into `subscribers` (chat ids from 10^9: private chats, none of the generator's), as
# many active subscribers as /start updates would leave, without the minutes those would take.
broadcast_fleet=""

set_up_broadcast_fleet() {
  broadcast_fleet=$run_dir/broadcast-fleet.json
  log "broadcasts: $((broadcast_bots + 2)) bots through the API, then their subscribers by SQL"
  run_child "${gen[@]}" setup --api "$base" --out "$broadcast_fleet" --bots $((broadcast_bots + 2)) --chats 100 \
    2>"$run_dir/broadcast-fleet.log" || { cat "$run_dir/broadcast-fleet.log" >&2; die "the broadcast fleet's set-up failed"; }
  seed_subscribers 0 $((broadcast_bots - 1)) "$broadcast_subscribers"
  seed_subscribers "$broadcast_bots" "$broadcast_bots" "$paced_subscribers"
  seed_subscribers $((broadcast_bots + 1)) $((broadcast_bots + 1)) "$crash_recipients"
}

# seed_subscribers FROM TO COUNT: COUNT active subscribers for each of the fleet's bots FROM..TO.
seed_subscribers() {
  local ids
  ids=$(jq -r --argjson from "$1" --argjson to "$2" '[.bots[$from:$to + 1][] | "'"'"'" + .id + "'"'"'"] | join(",")' "$broadcast_fleet")
  psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "INSERT INTO subscribers (bot_id, chat_id, first_name, started, status,
    first_seen_at, last_seen_at, status_changed_at)
    SELECT b, 1000000000 + g, 'Bench', true, 'active', now(), now(), now()
    FROM unnest(ARRAY[$ids]::uuid[]) AS b, generate_series(1, $3) AS g" >/dev/null \
    || die "could not write the broadcast fleet's subscribers"
}

# broadcast_env PORT DOUBLE_URL: the settings of a node of the broadcast scenarios (one a line), on
# the database holder's PostgreSQL.
broadcast_env() {
  printf '%s\n' "DATABASE_URL=$db_url" "BOTFACTORY_JWT_SECRET=$jwt_secret" "BOTFACTORY_TOKEN_KEY=$token_key" \
    "BOTFACTORY_WEBHOOK_KEY=$webhook_key" "BOTFACTORY_TELEGRAM_API_URL=$2" BOTFACTORY_TELEGRAM_ALLOW_HTTP=true \
    "BOTFACTORY_PUBLIC_URL=http://127.0.0.1:$service_port" BOTFACTORY_HTTP_HOST=127.0.0.1 "BOTFACTORY_HTTP_PORT=$1" \
    "BOTFACTORY_DATA_DIR=$service_data"
}

# The rate limit lifted: 1,000 messages a second per bot, for broadcasts and for all its messages.
lifted=(BOTFACTORY_BROADCAST_RATE=1000 BOTFACTORY_REPLY_BOT_PER_SECOND=1000)

# node_name LOG: the name the node's update engine holds bots under.
node_name() {
  local log=$1 name deadline
  deadline=$(($(now_ms) + 60000))
  until name=$(sed -n 's/.*Update engine joined as \(node-[0-9a-f-]*\).*/\1/p' "$log" | tail -n 1) && [[ -n $name ]]; do
    [[ $(now_ms) -lt $deadline ]] || die "no engine name in $log"
    sleep 0.1
  done
  echo "$name"
}

# start_flood_double: a second Telegram double, with Telegram's flood control (429 above 30
# messages a second per bot, 1 a second per private chat). Sets flood_double_url.
start_flood_double() {
  local port deadline
  port=$(free_port)
  java -Xmx512m -cp "$jar:$root/target/test-classes" io.botfactory.telegram.TelegramDouble \
    "--port=$port" --lenient --allow-http-webhooks --any-chat --flood-control >"$run_dir/flood-double.log" 2>&1 &
  flood_double_pid=$!
  flood_double_url=http://127.0.0.1:$port
  deadline=$(($(now_ms) + 60000))
  until curl -fs -o /dev/null --max-time 1 "$flood_double_url/_double/stats"; do
    alive "$flood_double_pid" || { cat "$run_dir/flood-double.log" >&2; die "the flood-control double exited"; }
    [[ $(now_ms) -lt $deadline ]] || die "the flood-control double did not answer within 60 s"
    sleep 0.1
  done
  log "Telegram double with flood control: pid $flood_double_pid on $flood_double_url"
}

# run_broadcast_tool KEY OUT ARGS...: the broadcast tool (bench/updates/Broadcasts.java) with the
# CPU of the node(s) (unknown when one was killed) and of PostgreSQL over its run; appends one
# record (route broadcast_KEY).
run_broadcast_tool() {
  local key=$1 out=$2 pids=$3 la0 t0 m0 db0 svc0=0 svc1=0 p line
  shift 3
  la0=$(loadavg_json); t0=$(now_ms); m0=$(machine_ticks); db0=$(db_ticks)
  for p in $pids; do svc0=$((svc0 + $(proc_ticks "$p"))); done
  run_child "${gen[@]}" broadcast --api "http://127.0.0.1:$service_port" --fleet "$broadcast_fleet" \
    --db-url "$db_url" "$@" >"$out" 2>"$out.log" || { tail -n 30 "$out.log" >&2; die "the broadcast tool failed ($out.log)"; }
  local t1 m1 db1 svc
  t1=$(now_ms); m1=$(machine_ticks); db1=$(db_ticks)
  for p in $pids; do svc1=$((svc1 + $(proc_ticks "$p"))); done
  svc=$((svc1 - svc0))
  # A node killed during the run took its CPU time with it: the nodes' CPU is then unknown (null).
  for p in $pids; do alive "$p" || svc=null; done
  line=$(sed -n 's/^BROADCAST_RESULT //p' "$out")
  [[ -n $line ]] || { cat "$out.log" >&2; die "the broadcast tool printed no result ($out)"; }
  jq -c -L "$here" --arg key "$key" --argjson wall_ms $((t1 - t0)) --argjson hz "$clk_tck" --argjson cores "$cores" \
    --argjson svc "$svc" --argjson db $((db1 - db0)) --argjson m0 "[${m0/ /,}]" --argjson m1 "[${m1/ /,}]" \
    --argjson la0 "$la0" --argjson la1 "$(loadavg_json)" \
    'include "audience"; broadcast_record($ARGS.named)' <<<"$line" >>"$records"
  tail -n 1 "$records" | jq -r -L "$here" 'include "audience"; broadcast_line' | while read -r l; do log "$l"; done
}

# Scenario 1: the bots 0..N-1 broadcast at once, the rate limit lifted; then the floor.
measure_broadcast_throughput() {
  local env
  mapfile -t env < <(broadcast_env "$service_port" "$double_url")
  start_node broadcast-lifted "${env[@]}" "${lifted[@]}"
  local node=$node_pid
  log "broadcasts 1: $broadcast_bots bots x $broadcast_subscribers subscribers at once, the rate limit lifted"
  # Given up after 30 minutes, not the tool's default 15: 100,000 sends below 110/s still end with a report.
  run_broadcast_tool throughput "$run_dir/broadcast-throughput.txt" "$node" --bots "0-$((broadcast_bots - 1))" \
    --double "$double_url" --timeout-s 1800
  measure_broadcast_floor
  stop_service "$node"
}

# The floor of scenario 1: bench/pgbench/broadcast.sql (BroadcastSql.MARK and RECORD) with pgbench
# while the node idles. Its broadcasts are made by SQL, one running broadcast per bot of the fleet
# (the bots 0..N-1, their broadcasts done by then), held by an engine node that does not exist
# ("bench-floor", epoch 1), with enough recipients that the floor never runs out; all of it is
# deleted after.
measure_broadcast_floor() {
  local ids rows out=$run_dir/broadcast-floor.jsonl
  rows=$(( (warmup + duration + 5) * 6000 ))
  ids=$(jq -r --argjson n "$broadcast_floor_connections" '[.bots[0:$n][] | "'"'"'" + .id + "'"'"'"] | join(",")' "$broadcast_fleet")
  psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "BEGIN;
    INSERT INTO engine_nodes (node_id, lease_until) VALUES ('bench-floor', 'infinity') ON CONFLICT (node_id) DO NOTHING;
    INSERT INTO bot_workers (bot_id, node_id, epoch) SELECT b, 'bench-floor', 1 FROM unnest(ARRAY[$ids]::uuid[]) b
      ON CONFLICT (bot_id) DO UPDATE SET node_id = 'bench-floor', epoch = 1;
    INSERT INTO broadcasts (id, bot_id, text, segment, status, due_at, started_at, recipients, pending)
      SELECT gen_random_uuid(), b, 'bench floor', '{}', 'running', now(), now(), $rows, $rows FROM unnest(ARRAY[$ids]::uuid[]) b;
    INSERT INTO broadcast_recipients (broadcast_id, chat_id) SELECT id, g FROM broadcasts, generate_series(1, $rows) g
      WHERE text = 'bench floor' AND status = 'running';
    COMMIT;" >/dev/null || die "could not set up the broadcast floor"
  psql "$db_url" -qX -c 'VACUUM (ANALYZE) broadcast_recipients' >/dev/null 2>&1 || log "WARNING: VACUUM ANALYZE broadcast_recipients failed"
  psql "$db_url" -qX -c 'CHECKPOINT' >/dev/null 2>&1 || log "WARNING: CHECKPOINT failed (not a superuser?)"
  run_child "$here/floor.sh" --db-url "$db_url" --broadcast-node bench-floor --mark-batch "$mark_batch" \
    --marks-per-record "$marks_per_record" --recipients "$rows" --connections "$broadcast_floor_connections" \
    --threads 1 --duration "$duration" --warmup "$warmup" --log-dir "$run_dir/broadcast-floor" >"$out"
  psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "BEGIN; DELETE FROM broadcasts WHERE text = 'bench floor';
    UPDATE bot_workers SET node_id = NULL WHERE node_id = 'bench-floor';
    DELETE FROM engine_nodes WHERE node_id = 'bench-floor'; COMMIT;" >/dev/null || die "could not remove the broadcast floor"
  jq -c -L "$here" --argjson la "$(loadavg_json)" 'include "report"; floor_record(1) + {loadavg: $la}' "$out" >>"$records"
}

# Scenario 2: bot N broadcasts to its subscribers at the default rate through the double with
# flood control, while a light stream of commands (2 a second, open loop, after a 5 s warm-up)
# reaches the same bot from other chats: started once the broadcast's recipients are fixed (so that
# its chats, new subscribers, are none of them), over three quarters of the broadcast's expected time.
measure_broadcast_paced() {
  local env expected stream out=$run_dir/broadcast-paced-stream.txt rc=0 line
  start_flood_double
  mapfile -t env < <(broadcast_env "$service_port" "$flood_double_url")
  start_node broadcast-paced "${env[@]}"
  local node=$node_pid
  expected=$((paced_subscribers / 25))
  stream=$((expected * 3 / 4 - 5))
  [[ $stream -ge 5 ]] || stream=5
  jq --argjson i "$broadcast_bots" '.bots |= [.[$i]]' "$broadcast_fleet" >"$run_dir/paced-fleet.json"
  log "broadcasts 2: 1 bot x $paced_subscribers subscribers at the default rate (${expected} s expected), flood control on, commands at 2/s for ${stream} s"
  local tool_log=$run_dir/broadcast-paced.txt.log
  rm -f "$tool_log"
  (
    deadline=$(($(now_ms) + 300000))
    until grep -qs '^BROADCASTS_RUNNING' "$tool_log"; do
      [[ $(now_ms) -lt $deadline ]] || exit 1
      sleep 0.1
    done
    exec "${gen[@]}" load --target "$base" --double "$flood_double_url" --db-url "$db_url" --fleet "$run_dir/paced-fleet.json" \
      --webhook-key "$webhook_key" --connections 4 --warmup 5 --duration "$stream" --mode open --rate 2 --commands-only \
      --drain-timeout 30 >"$out" 2>"$out.log"
  ) &
  stream_pid=$!
  run_broadcast_tool paced "$run_dir/broadcast-paced.txt" "$node" --bots "$broadcast_bots-$broadcast_bots" \
    --double "$flood_double_url"
  wait "$stream_pid" || rc=$?
  stream_pid=""
  [[ $rc -eq 0 ]] || { tail -n 30 "$out.log" >&2; die "the command stream failed ($out.log)"; }
  line=$(sed -n 's/^UPDATES_RESULT //p' "$out")
  [[ -n $line ]] || die "the command stream printed no result ($out)"
  jq -c '{round: 1, route: "broadcast_paced_stream", rate, acked_per_s, non2xx, errors: .errors_total,
    ack_ms, replies: {commands_acked: .replies.commands_acked, matched: .replies.matched, missing: .replies.missing,
    duplicates: .replies.duplicates, e2e_ms: .replies.e2e_ms}}' <<<"$line" >>"$records"
  log "broadcasts 2: command replies $(jq -r '.replies.matched' <<<"$line") of $(jq -r '.replies.commands_acked' <<<"$line"), p95 $(jq -r '.replies.e2e_ms.p95' <<<"$line") ms"
  stop_service "$node"
  stop_pid "$flood_double_pid" TERM 10; wait "$flood_double_pid" 2>/dev/null || true; flood_double_pid=""
}

# Scenario 3: bot N+1's broadcast (the rate limit lifted) on a cluster of two nodes on mutual TLS
# (as the crash run of the update path starts them); the node holding the bot is killed with
# SIGKILL once half the recipients have an outcome, and the other one finishes it.
measure_broadcast_crash() {
  local pa pb ea eb port_b env_a env_b a b name_a name_b
  pa=$(free_port); pb=$(free_port); ea=$(free_port); eb=$(free_port); port_b=$(free_port)
  cluster_certificates "$run_dir/broadcast-certs"
  local -a cluster=(BOTFACTORY_CLUSTER=true BOTFACTORY_CLUSTER_HOST=127.0.0.1
    "BOTFACTORY_CLUSTER_MEMBERS=127.0.0.1:$pa,127.0.0.1:$pb" "BOTFACTORY_CLUSTER_TLS_CA=$run_dir/broadcast-certs/ca.crt"
    "BOTFACTORY_CLUSTER_TLS_CERT=$run_dir/broadcast-certs/node.crt" "BOTFACTORY_CLUSTER_TLS_KEY=$run_dir/broadcast-certs/node.key")
  mapfile -t env_a < <(broadcast_env "$service_port" "$double_url")
  mapfile -t env_b < <(broadcast_env "$port_b" "$double_url")
  start_node broadcast-node-a "${env_a[@]}" "${lifted[@]}" "${cluster[@]}" "BOTFACTORY_CLUSTER_PORT=$pa" "BOTFACTORY_EVENTBUS_PORT=$ea"
  a=$node_pid
  start_node broadcast-node-b "${env_b[@]}" "${lifted[@]}" "${cluster[@]}" "BOTFACTORY_CLUSTER_PORT=$pb" "BOTFACTORY_EVENTBUS_PORT=$eb"
  b=$node_pid
  name_a=$(node_name "$run_dir/broadcast-node-a.log"); name_b=$(node_name "$run_dir/broadcast-node-b.log")
  log "broadcasts 3: $crash_recipients recipients, the rate limit lifted, two nodes; the one sending killed at 50 %"
  run_broadcast_tool crash "$run_dir/broadcast-crash.txt" "$a $b" --bots "$((broadcast_bots + 1))-$((broadcast_bots + 1))" \
    --double "$double_url" --nodes "$name_a@$a@http://127.0.0.1:$service_port,$name_b@$b@http://127.0.0.1:$port_b" --kill-at 0.5
  stop_service "$a"
  stop_service "$b"
}

measure_broadcasts() {
  set_up_broadcast_fleet
  log "broadcasts: the single node stopped; each scenario's nodes run on its database (a process of its own)"
  stop_service "$service_pid"
  start_database_holder "$service_data"
  measure_broadcast_throughput
  measure_broadcast_paced
  measure_broadcast_crash
}

# =============================================================================================
# Integration (issue 20)
# =============================================================================================
# The update fleet (1,000 bots), each with one endpoint subscribed to message.received at the
# receiver, and every update a text message that is not a command (one event each).
receiver_url=""
endpoints_file=""

start_receiver() {
  local deadline port
  "${gen[@]}" receiver --port 0 >"$run_dir/receiver.txt" 2>"$run_dir/receiver.log" &
  receiver_pid=$!
  deadline=$(($(now_ms) + 60000))
  until port=$(sed -n 's/^RECEIVER_PORT=//p' "$run_dir/receiver.txt") && [[ -n $port ]]; do
    alive "$receiver_pid" || { cat "$run_dir/receiver.log" >&2; die "the receiver exited"; }
    [[ $(now_ms) -lt $deadline ]] || die "the receiver did not start within 60 s"
    sleep 0.1
  done
  receiver_url=http://127.0.0.1:$port
  log "event receiver: pid $receiver_pid on $receiver_url"
}

# endpoints_status enabled|disabled: every endpoint of the fleet.
endpoints_status() {
  run_child "${gen[@]}" endpoints --api "$base" --fleet "$fleet_file" --in "$endpoints_file" --status "$1" \
    2>>"$run_dir/endpoints.log" || { tail -n 20 "$run_dir/endpoints.log" >&2; die "could not set the endpoints $1"; }
}

# measure_deliveries ROUND KEY: the deliveries of the last load (its ack log), as one record.
measure_deliveries() {
  local round=$1 key=$2 result=$run_dir/round$1-$2.txt out line
  out=$run_dir/round$round-$key-deliveries.txt
  line=$(sed -n 's/^UPDATES_RESULT //p' "$result")
  run_child "${gen[@]}" deliveries --receiver "$receiver_url" --acks "$run_dir/round$round-$key.acks" \
    --window-start-ms "$(jq .window_start_ms <<<"$line")" --window-end-ms "$(jq .window_end_ms <<<"$line")" \
    --wait-s 120 >"$out" 2>"$out.log" || { tail -n 20 "$out.log" >&2; die "the deliveries' analysis failed"; }
  sed -n 's/^DELIVERIES_RESULT //p' "$out" | jq -c --argjson round "$round" --arg key "$key" --argjson la "$(loadavg_json)" \
    '{round: $round, route: ("deliveries_" + $key), loadavg: $la} + .' >>"$records"
  tail -n 1 "$records" | jq -r '"round \(.round) \(.route): \(.delivered) of \(.acked) events delivered, \(.delivered_per_s)/s in the window, latency p50 \(.latency_ms.p50) p99 \(.latency_ms.p99) ms, missing \(.missing), twice \(.ids_delivered_twice)"' \
    | while read -r l; do log "$l"; done
}

measure_integration_round() {
  local round=$1 max rate
  log "round $round of $runs: integration"
  settle_updates
  endpoints_status disabled
  measure_updates "$round" integration_without null --mode closed --texts-only
  settle_updates
  endpoints_status enabled
  measure_updates "$round" integration_with null --mode closed --texts-only --ack-log "$run_dir/round$round-integration_with.acks"
  measure_deliveries "$round" integration_with
  max=$(jq -s --argjson round "$round" 'map(select(.route == "integration_with" and .round == $round)) | first | .acked_per_s' "$records")
  rate=$(jq -n --argjson max "$max" '$max / 2 | floor')
  settle_updates
  measure_updates "$round" integration_half 50 --mode open --rate "$rate" --texts-only \
    --ack-log "$run_dir/round$round-integration_half.acks"
  measure_deliveries "$round" integration_half
}

measure_integration() {
  start_receiver
  endpoints_file=$run_dir/endpoints.json
  log "integration: one endpoint per bot ($bots), message.received, at the receiver"
  run_child "${gen[@]}" endpoints --api "$base" --fleet "$fleet_file" --receiver "$receiver_url" --out "$endpoints_file" \
    2>>"$run_dir/endpoints.log" || { tail -n 20 "$run_dir/endpoints.log" >&2; die "could not create the endpoints"; }
  for ((round = 1; round <= runs; round++)); do
    measure_integration_round "$round"
  done
}
