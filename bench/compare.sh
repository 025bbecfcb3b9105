# shellcheck shell=bash
# The comparison of bench/run.sh (sourced by it, not run): BotFactory's update path and a grammY
# multibot server (fastify + grammY, durable inbox in PostgreSQL), given by its directory
# (--peer-grammy DIR), measured side by side in the same run on the same Telegram double, the same
# bots and the same load, one after the other, each on its own emptied database. Without a peer,
# BotFactory's side alone. It uses run.sh's and updates.sh's helpers and variables (log, die,
# run_child, free_port, alive, stop_pid, $gen, $fleet_file, $double_url, $db_url, ...).
# docs/performance.md describes it.

peer_copy=""      # the peer's files, copied to a temporary directory (its run.sh installs node_modules there)
peer_pid=""       # the peer's process (node: the cluster primary when it runs several)
peer_base=""      # its base URL
peer_db_url=""    # its database: a second database in the service's PostgreSQL server
peer_versions=""  # the line its run.sh prints: node, grammY, auto-retry and fastify versions, switches

# The database the peer gets, beside the service's own in the same server.
peer_db_name=bench_grammy

# ---- The two statements that empty each server's update path between runs ----------------------
# BotFactory's inbox and the chats it learnt (its bots, commands and webhooks stay); the grammY
# server's inbox (the table it creates at start). If the update engine's tables change, adapt the
# first: it is the comparison's only statement on BotFactory's schema.
botfactory_empty_sql="TRUNCATE updates, chats"
grammy_empty_sql="TRUNCATE grammy_inbox"
# What the generator counts as the grammY server's inbox depth (rows stored and not yet handled).
grammy_inbox_query="SELECT count(*) FROM grammy_inbox WHERE handled_at IS NULL"

# prepare_peer: checks the directory and copies it (without node_modules) where its run.sh may
# install its dependencies (npm ci, the npm registry needed the first time; npm's cache after).
prepare_peer() {
  local f
  for f in run.sh server.js secret.js package.json package-lock.json; do
    [[ -f $peer_dir/$f ]] || die "--peer-grammy $peer_dir: no $f there (is it the grammY multibot server's directory?)"
  done
  command -v node >/dev/null 2>&1 || die "node is required to run the grammY server (--peer-grammy)"
  command -v npm >/dev/null 2>&1 || die "npm is required to install the grammY server's dependencies (--peer-grammy)"
  peer_copy=$(mktemp -d "${TMPDIR:-/tmp}/botfactory-bench-peer.XXXXXX")
  tar -C "$peer_dir" --exclude=./node_modules -cf - . | tar -C "$peer_copy" -xf - || die "could not copy $peer_dir"
  chmod -R u+w "$peer_copy"
}

# start_peer: its database (dropped and created again), its bots (the fleet's: same ids, tokens,
# commands, replies and usernames), a check that the generator derives its webhook secrets as it
# does, then the server on a free port of 127.0.0.1 with a durable inbox, no Telegram set-up
# calls, the same webhook key as the service and the double as its Bot API. Sets peer_pid,
# peer_base, peer_db_url and peer_versions.
start_peer() {
  local bots_file=$run_dir/peer-bots.json log=$run_dir/peer.log port first expected actual deadline
  peer_db_url=$(sed -E "s#^([a-z]+://[^/]*/)[^?]*#\1$peer_db_name#" <<<"$db_url")
  PGOPTIONS='-c client_min_messages=warning' psql "$db_url" -qX -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $peer_db_name" -c "CREATE DATABASE $peer_db_name" >/dev/null \
    || die "could not create the grammY server's database $peer_db_name (the database user needs CREATEDB)"
  "${gen[@]}" peer-bots --fleet "$fleet_file" --out "$bots_file" || die "could not write the grammY server's bots"
  # The same secret both ways, or every delivery would be a 401.
  first=$(jq -r '.bots[0].id' "$fleet_file")
  expected=$(WEBHOOK_KEY=$webhook_key node "$peer_copy/secret.js" "$first") || die "the grammY server's secret.js failed"
  actual=$(BENCH_WEBHOOK_KEY=$webhook_key "${gen[@]}" secret --secrets grammy --id "$first")
  [[ $expected == "$actual" ]] || die "the generator derives the grammY server's webhook secrets differently from its secret.js"
  port=$(free_port)
  log "starting the grammY server ($peer_workers process(es), durable inbox in database $peer_db_name)"
  env -u DATABASE_URL BOTS_FILE="$bots_file" WEBHOOK_KEY="$webhook_key" TELEGRAM_API_URL="$double_url" SKIP_SETUP=1 \
    DURABLE=1 DATABASE_URL="$peer_db_url" WORKERS="$peer_workers" THROTTLE=0 LOG_LEVEL=warn npm_config_prefer_offline=true \
    "$peer_copy/run.sh" "$port" >"$log" 2>&1 &
  peer_pid=$!  # run.sh execs node: this pid is the server
  service_pids+=("$peer_pid")
  peer_base=http://127.0.0.1:$port
  deadline=$(($(now_ms) + 300000))  # the first start installs its dependencies
  until curl -fs -o /dev/null --max-time 1 "$peer_base/health/live"; do
    alive "$peer_pid" || { tail -n 30 "$log" >&2; die "the grammY server exited during start-up (log: $log)"; }
    [[ $(now_ms) -lt $deadline ]] || die "the grammY server did not answer /health/live within 300 s (log: $log)"
    sleep 0.1
  done
  peer_versions=$(sed -n 's/^grammy-multibot: \(node .*\)/\1/p' "$log" | head -n 1)
  log "grammY server: pid $peer_pid on $peer_base ($peer_versions)"
}

stop_peer() {
  [[ -n $peer_pid ]] || return 0
  stop_service "$peer_pid"
  peer_pid=""
}

# empty_side SERVER: its update path emptied, then a checkpoint, so that neither run starts with
# the other's or an earlier round's rows, nor pays for their writing out.
empty_side() {
  if [[ $1 == grammy ]]; then
    psql "$peer_db_url" -qX -v ON_ERROR_STOP=1 -c "$grammy_empty_sql" >/dev/null || die "could not empty the grammY server's inbox"
  else
    psql "$db_url" -qX -v ON_ERROR_STOP=1 -c "$botfactory_empty_sql" >/dev/null || die "could not empty BotFactory's inbox"
  fi
  psql "$db_url" -qX -c 'CHECKPOINT' >/dev/null 2>&1 || log "WARNING: CHECKPOINT failed (not a superuser?)"
}

# measure_side ROUND SERVER: the comparison's load against one server (botfactory or grammy):
# closed loop, every update a command, --compare-chats chats per bot; appends one record
# (route compare_SERVER) to $records.
measure_side() {
  local round=$1 server=$2 key=compare_$2 out line record pids target url
  local -a extra=()
  out=$run_dir/round$round-$key.txt
  if [[ $server == grammy ]]; then
    target=$peer_base url=$peer_db_url pids="service=$peer_pid+,double=$double_pid"  # +: its cluster workers too
    extra=(--secrets grammy --inbox-query "$grammy_inbox_query")
  else
    target=$base url=$db_url pids="service=$service_pid,double=$double_pid"
  fi
  [[ -n $postmaster_pid ]] && pids+=",db=$postmaster_pid"
  run_child "${gen[@]}" load --target "$target" --double "$double_url" --db-url "$url" --fleet "$fleet_file" \
    --webhook-key "$webhook_key" --connections "$connections" --warmup "$warmup" --duration "$compare_duration" \
    --mode closed --commands-only --chats "$compare_chats" --pids "$pids" --clk-tck "$clk_tck" "${extra[@]}" \
    >"$out" 2>"$out.log" || { tail -n 30 "$out.log" >&2; die "the update generator failed ($out.log)"; }
  if [[ $server == grammy ]]; then
    alive "$peer_pid" || die "the grammY server died during the comparison (log: $run_dir/peer.log)"
  else
    alive "$service_pid" || die "the service died during the comparison (log: $run_dir/service.log)"
  fi
  line=$(sed -n 's/^UPDATES_RESULT //p' "$out")
  [[ -n $line ]] || { cat "$out.log" >&2; die "the generator printed no result ($out)"; }
  record=$(jq -c -L "$here" --argjson round "$round" --arg key "$key" --arg server "$server" \
    'include "report"; updates_record($round; $key; null) + {server: $server}' <<<"$line")
  echo "$record" >>"$records"
  jq -r -L "$here" 'include "report"; updates_line' <<<"$record" | while read -r l; do log "$l"; done
}

# measure_comparison: K rounds; in each, both servers one after the other (BotFactory first in
# odd rounds, the grammY server first in even ones, so that neither always meets a machine the
# other has just warmed or loaded), each after its update path was emptied.
measure_comparison() {
  local round server order
  if [[ -n $peer_dir ]]; then
    start_peer
  else
    log "comparison: no --peer-grammy given, BotFactory's side alone"
  fi
  for ((round = 1; round <= runs; round++)); do
    order=botfactory
    if [[ -n $peer_dir ]]; then
      if ((round % 2 == 1)); then order="botfactory grammy"; else order="grammy botfactory"; fi
    fi
    log "round $round of $runs: the comparison ($order)"
    for server in $order; do
      empty_side "$server"
      measure_side "$round" "$server"
    done
  done
  stop_peer
}
