# The numbers of bench/run.sh: one record per measured run, then the summary (the JSON line of
# medians) and the Markdown table. A jq module, used as
#   jq -L bench 'include "report"; FUNCTION'
# run.sh builds the records while it measures; bench/report.sh renders the summary and the table
# from a run directory (records.jsonl + run.json), so a past run can be rendered again.

# Rounded to 2 decimals; null stays null.
def r2: if . == null then null else . * 100 | round / 100 end;

# ---------------------------------------------------------------------------------------------
# One record per run (a line of records.jsonl)
# ---------------------------------------------------------------------------------------------

# Input: the BENCH_RESULT of a measured wrk run (bench/wrk/common.lua). $s: what run.sh sampled
# around it: {round, key, path, warm (the warm-up's BENCH_RESULT or null), wall_ms, hz (clock
# ticks per second), cores, svc and db (CPU ticks of the service and PostgreSQL), db_visible,
# m0 and m1 ([busy, total] ticks of the machine before and after), rss_kb, hwm_kb}.
def wrk_record($s):
  . as $w
  | ($w.duration_us / 1e6) as $secs
  | ($s.wall_ms / 1000) as $wall_s
  | {round: $s.round, route: $s.key, path: $s.path,
     rps: ($w.requests / $secs | r2), ok_rps: ($w.ok / $secs | r2),
     requests: $w.requests, non2xx: $w.non2xx, statuses: $w.statuses,
     socket_errors: ($w.socket_errors | add), socket_error_kinds: $w.socket_errors,
     p50_ms: ($w.latency_us.p50 / 1000), p90_ms: ($w.latency_us.p90 / 1000),
     p99_ms: ($w.latency_us.p99 / 1000), p999_ms: ($w.latency_us.p999 / 1000),
     max_ms: ($w.latency_us.max / 1000),
     service_cpu_pct: ($s.svc / $s.hz / $wall_s * 100 | r2),
     db_cpu_pct: (if $s.db_visible then ($s.db / $s.hz / $wall_s * 100 | r2) else null end),
     machine_cpu_pct: (($s.m1[0] - $s.m0[0]) / ($s.m1[1] - $s.m0[1]) * $s.cores * 100 | r2),
     rss_mb: ($s.rss_kb / 1024 | r2), hwm_mb: ($s.hwm_kb / 1024 | r2),
     warmup: (if $s.warm == null then null else
       {requests: $s.warm.requests, non2xx: $s.warm.non2xx, socket_errors: ($s.warm.socket_errors | add)} end)};

# One line of progress about a wrk_record.
def record_line:
  "round \(.round) \(.route): \(.rps) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, non-2xx \(.non2xx), socket errors \(.socket_errors), CPU service \(.service_cpu_pct)% db \(.db_cpu_pct // "?")% all \(.machine_cpu_pct)%, RSS \(.rss_mb) MB";

# Input: the BENCH_RESULT of the login storm's wrk, warm-up included.
def storm_record($round):
  (.duration_us / 1e6) as $secs
  | {round: $round, route: "login_storm", rps: (.requests / $secs | r2), ok_rps: (.ok / $secs | r2),
     requests, non2xx, statuses, socket_errors: (.socket_errors | add),
     p50_ms: (.latency_us.p50 / 1000), p99_ms: (.latency_us.p99 / 1000)};

# Input: a line of bench/floor.sh (route "list" or "insert").
def floor_record($round): {round: $round, route: ("floor_" + .route)} + del(.route);

# Input: the line of bench/Argon2Baseline.java.
def argon2_record($round): {round: $round, route: "argon2_baseline"} + .;

# Input: the UPDATES_RESULT of bench/updates (the generator) for one load. $key: the route
# (updates_ingress, updates_duplicates, updates_e2e_<pct>, updates_crash); $pct: the arrival rate
# in % of the round's ingress maximum (null for the closed loops). The crash run keeps its
# timeline (for its plot); the others keep the inbox depth over time, thinned.
def thin($n): if length <= $n then . else (length / $n) as $step | [range(0; $n) as $i | .[($i * $step | floor)]] end;
def updates_record($round; $key; $pct):
  . as $g
  | {round: $round, route: $key, load_pct: $pct, mode: $g.mode, rate: $g.rate, connections: $g.connections,
     duplicates_fraction: $g.duplicates_fraction, window_start_ms: $g.window_start_ms, window_end_ms: $g.window_end_ms,
     acked_per_s: $g.acked_per_s, sent: $g.sent, duplicates_sent: $g.duplicates_sent, retries: $g.retries,
     ok: $g.ok, non2xx: $g.non2xx, statuses: $g.statuses, errors: $g.errors_total, error_kinds: $g.errors,
     warmup_failed: $g.warmup_failed,
     p50_ms: $g.ack_ms.p50, p90_ms: $g.ack_ms.p90, p99_ms: $g.ack_ms.p99, p999_ms: $g.ack_ms.p999, max_ms: $g.ack_ms.max,
     send_lag_p99_ms: $g.send_lag_ms.p99,
     e2e: ($g.replies.e2e_ms | {count, p50, p90, p99, p999, max}),
     replies: ($g.replies | {commands_sent, commands_acked, received, matched, missing, duplicates, out_of_order, feed_lost}),
     inbox: ($g.inbox | {max_depth, depth_zero_after_ms, replies_done_after_ms, drain_timeout_ms,
                         samples: (.samples | if $key == "updates_crash" then . else thin(300) end)}),
     service_cpu_pct: $g.cpu_pct.service, db_cpu_pct: $g.cpu_pct.db, double_cpu_pct: $g.cpu_pct.double,
     generator_cpu_pct: $g.cpu_pct.generator, machine_cpu_pct: $g.cpu_pct.machine, receiver_cpu_pct: $g.cpu_pct.receiver,
     rss_mb: $g.cpu_pct.service_rss_mb, hwm_mb: $g.cpu_pct.service_hwm_mb,
     cpu_ms_per_update: (if ($g.acked_per_s // 0) > 0 then ($g.cpu_pct | {service, db, double, generator}
       | map_values(if . == null then null else . * 10 / $g.acked_per_s | r2 end)) else null end),
     db: $g.db, traffic: $g.traffic}
  + (if ($g.replies.unmatched_examples // []) == [] then {} else {unmatched_examples: $g.replies.unmatched_examples} end)
  + (if $key == "updates_crash" then
       {timeline: ($g.replies.e2e_timeline_ms + {start_ms: $g.window_start_ms, arrivals: $g.replies.arrivals_per_bucket}),
        gaps: $g.replies.gaps}
     else {} end);

# The $p-th percentile of an array of numbers (nearest rank); null when empty.
def pctl($p): if length == 0 then null else sort | .[([((length * $p / 100) | ceil) - 1, 0] | max)] end;

# The bots the killed handling node held at each kill, and when each was answered again. Inputs,
# all written by run.sh during the crash run: $kills [{killed_ms, restarted_ms}]; $holds, the text
# of crash-holds.tsv (one line per held bot: label ("sample", taken every second, or "killN",
# just before kill N), now_ms, holder, bot id, held until ms; updates.sh's holds_sql); $replies,
# every reply of the run ([telegram_bot_id, received_us, due_us of its command, 0 for none]); $fleet,
# the fleet file; $load, the generator's {rate (updates/s), window_end_ms}.
# The killed node's holders at kill N: those holding bots at the kill whose holds never reach
# further after it (a live worker renews its holds every few seconds; a dead one cannot), and
# that did not already die at an earlier kill. That needs someone to be seen alive after the kill
# (holds reaching further than any at the kill): without it (say, a kill after the load ended,
# when idle workers let their bots go), the kill's holders are not told apart (dead_holders and
# held_bots null). For each bot the dead held: gap_ms from the kill to its first reply after it;
# late_ms from the later of the kill and that reply's command's due time (the gap without the
# wait for the bot's next update, which falls due every per_bot_interval_ms).
def crash_bot_gaps($kills; $holds; $replies; $fleet; $load):
  ($holds | split("\n") | map(select(length > 0) | split("\t")
    | {label: .[0], at_ms: (.[1] | tonumber), owner: .[2], bot: .[3], until_ms: (.[4] | tonumber)})) as $H
  | ($fleet.bots | map({key: .id, value: (.telegram_bot_id | tostring)}) | from_entries) as $tg
  | ($replies | group_by(.[0]) | map({key: (.[0][0] | tostring), value: map(.[1:])}) | from_entries) as $by_bot
  | reduce range(0; $kills | length) as $i ({dead: [], kills: [], gaps: [], lates: []};
      $kills[$i] as $k | ($k.killed_ms * 1000) as $kus | .dead as $dead_before
      | ($H | map(select(.label == "kill\($i + 1)" and .until_ms > $k.killed_ms))
         | group_by(.owner) | map({owner: .[0].owner, until: (map(.until_ms) | max), bots: map(.bot)})) as $holders
      | ($H | map(select(.label == "sample" and .at_ms > $k.killed_ms))) as $later
      | ([$holders[].until] | max // $k.killed_ms) as $until_at_kill
      | any($later[]; .until_ms > $until_at_kill) as $seen_alive
      | [$holders[] | . as $h | select(any($dead_before[]; . == $h.owner) | not)
         | select(any($later[]; .owner == $h.owner and .until_ms > $h.until) | not)] as $dead
      | (if $seen_alive then [$dead[].bots[]] | unique else [] end) as $bots
      | [$bots[] | ($by_bot[$tg[.] // ""] // []) | map(select(.[0] >= $kus)) | min_by(.[0])
         | select(. != null) | {gap: ((.[0] - $kus) / 1000), late: ((.[0] - ([$kus, .[1]] | max)) / 1000)}] as $answered
      | .dead += (if $seen_alive then [$dead[].owner] else [] end)
      | .gaps += [$answered[].gap] | .lates += [$answered[].late]
      | .kills += [$k + {after_load: ($k.killed_ms >= $load.window_end_ms), holders: ($holders | length),
          dead_holders: (if $seen_alive then $dead | length else null end),
          held_bots: (if $seen_alive then $bots | length else null end),
          answered: ($answered | length), never: (if $seen_alive then ($bots | length) - ($answered | length) else null end),
          gap_ms: ([$answered[].gap] | {p50: (pctl(50) | r2), p99: (pctl(99) | r2), max: (max | r2)}),
          late_ms: ([$answered[].late] | {p99: (pctl(99) | r2), max: (max | r2)})}])
  | {kills, bot_gaps: {bots: ([.kills[].held_bots // 0] | add), answered: ([.kills[].answered] | add),
       never: ([.kills[].never // 0] | add), undetermined_kills: ([.kills[] | select(.held_bots == null)] | length), p50_ms: (.gaps | pctl(50) | r2), p99_ms: (.gaps | pctl(99) | r2),
       max_ms: (.gaps | max | r2), late_p99_ms: (.lates | pctl(99) | r2), late_max_ms: (.lates | max | r2)},
     per_bot_interval_ms: (if ($load.rate // 0) > 0 then ($fleet.bots | length) / $load.rate * 1000 | round else null end)};

# The crash run's record, with the kills and restarts run.sh made ({node, killed_ms, restarted_ms}) and when the killed node's bots
# were answered again ($crash: crash_bot_gaps' answer); for each kill also the gap in all replies
# it caused: the silence (of more than 250 ms) that spans the kill, or else the first one after
# it; reply_gap_ms its length, resumed_after_ms from the kill to the first reply after it (with a
# second handling node up, replies as a whole seldom stop).
def crash_record($round; $crash):
  updates_record($round; "updates_crash"; 50) as $r
  | $r + {handlers: 2, kills: [$crash.kills[] as $k
      | ([$r.gaps[] | select(.from_ms <= $k.killed_ms and .to_ms >= $k.killed_ms)] + [$r.gaps[] | select(.from_ms > $k.killed_ms)])
      | first as $g
      | $k + {reply_gap_ms: $g.ms, resumed_after_ms: (if $g then $g.to_ms - $k.killed_ms else null end)}],
     bot_gaps: $crash.bot_gaps, per_bot_interval_ms: $crash.per_bot_interval_ms};

# One line of progress about the crash run's kills.
def crash_line:
  "crash: " + ([.kills | to_entries[] | .key as $i | .value
    | "kill \($i + 1)\(if .node then " (node \(.node))" else "" end)\(if .after_load then " (after the load ended)" else "" end): " + (if .held_bots == null
        then "\(.holders) holders, none seen alive after it: the killed node's bots unknown"
        else "\(.held_bots) bots of the killed node (\(.dead_holders) of \(.holders) holders), answered again after p99 \(.gap_ms.p99) ms, max \(.gap_ms.max) ms, never \(.never)" end)]
    | join("; ")) + "; a bot's next update every \(.per_bot_interval_ms) ms";

# One line of progress about an updates_record.
def updates_line:
  "round \(.round) \(.route): \(.acked_per_s) acked/s, ack p50 \(.p50_ms) p99 \(.p99_ms) ms, e2e p50 \(.e2e.p50) p99 \(.e2e.p99) ms, non-2xx \(.non2xx), errors \(.errors), replies missing \(.replies.missing) duplicated \(.replies.duplicates) out of order \(.replies.out_of_order), inbox max \(.inbox.max_depth) back to 0 after \(.inbox.depth_zero_after_ms) ms, CPU service \(.service_cpu_pct)% db \(.db_cpu_pct // "?")% double \(.double_cpu_pct)% generator \(.generator_cpu_pct)% all \(.machine_cpu_pct)%";

# ---------------------------------------------------------------------------------------------
# The summary: the JSON line of medians
# ---------------------------------------------------------------------------------------------

# The median of the non-null numbers of an array; null when there are none.
def median: map(select(. != null)) | sort
  | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
    else (.[length / 2 - 1] + .[length / 2]) / 2 end;

# The records of one route.
def of($route): map(select(.route == $route));

# The status counts of records, added up.
def addstatuses: reduce (.[] | .statuses | to_entries[]) as $e ({}; .[$e.key] += $e.value);

# Per round, $route's field $field against $base's field $base_field (null where either is
# missing or the base is 0); then the median of those ratios.
def round_ratios($runs; $route; $field; $base; $base_field): . as $all | [range(1; $runs + 1) as $r
    | ($all | of($route) | map(select(.round == $r)) | first | .[$field]) as $x
    | ($all | of($base) | map(select(.round == $r)) | first | .[$base_field]) as $y
    | if $x == null or $y == null or $y == 0 then null else $x / $y end] | median | r2;

# Per round, $route's 2xx requests/s against a baseline's $field.
def ok_rps_ratio($runs; $route; $base; $field): round_ratios($runs; $route; "ok_rps"; $base; $field);

# A route's medians over rounds, its totals and each round's figures; null when it never ran.
def route_summary($route): of($route) as $rs | if ($rs | length) == 0 then null else {
    rps: ($rs | map(.rps) | median | r2), ok_rps: ($rs | map(.ok_rps) | median | r2),
    p50_ms: ($rs | map(.p50_ms) | median | r2), p90_ms: ($rs | map(.p90_ms) | median | r2),
    p99_ms: ($rs | map(.p99_ms) | median | r2), p999_ms: ($rs | map(.p999_ms) | median | r2),
    requests: ($rs | map(.requests) | add), non2xx: ($rs | map(.non2xx) | add),
    statuses: ($rs | addstatuses), socket_errors: ($rs | map(.socket_errors) | add),
    warmup_non2xx: ($rs | map(.warmup.non2xx // 0) | add),
    warmup_socket_errors: ($rs | map(.warmup.socket_errors // 0) | add),
    service_cpu_pct: ($rs | map(.service_cpu_pct) | median | r2),
    db_cpu_pct: ($rs | map(.db_cpu_pct) | median | r2),
    machine_cpu_pct: ($rs | map(.machine_cpu_pct) | median | r2),
    rss_mb_max: ($rs | map(.rss_mb) | max), hwm_mb: ($rs | map(.hwm_mb) | max),
    runs: ($rs | map({rps, p50_ms, p99_ms, non2xx, socket_errors}))} end;

# The login storm's own figures, over its whole run (warm-up included).
def storm_summary($connections): of("login_storm") as $ls
  | {connections: $connections, rps: ($ls | map(.rps) | median | r2),
     p99_ms: ($ls | map(.p99_ms) | median | r2), non2xx: ($ls | map(.non2xx) | add),
     socket_errors: ($ls | map(.socket_errors) | add), statuses: ($ls | addstatuses)};

# Every route, with its baseline and ratio where it has one.
def routes($runs; $storm_connections):
  {
    get_bots_me: (route_summary("get_bots_me") + {
      floor_tps: (of("floor_list") | map(.tps) | median | r2),
      floor_ratio: ok_rps_ratio($runs; "get_bots_me"; "floor_list"; "tps")}),
    get_clients_me: route_summary("get_clients_me"),
    post_bots: (route_summary("post_bots") + {
      floor_tps: (of("floor_insert") | map(.tps) | median | r2),
      floor_ratio: ok_rps_ratio($runs; "post_bots"; "floor_insert"; "tps")}),
    auth_token: (route_summary("auth_token") + {
      argon2_alone_per_s: (of("argon2_baseline") | map(.verifications_per_s) | median | r2),
      argon2_ratio: ok_rps_ratio($runs; "auth_token"; "argon2_baseline"; "verifications_per_s")}),
    get_bots_me_during_login_storm: (route_summary("get_bots_me_storm") + {
      quiet_p99_ms: (of("get_bots_me") | map(.p99_ms) | median | r2),
      p99_vs_quiet: round_ratios($runs; "get_bots_me_storm"; "p99_ms"; "get_bots_me"; "p99_ms"),
      storm: storm_summary($storm_connections)})
  };

# Errors of the API runs, from a summary.
def api_errors:
  {non2xx: ([.routes[] | .non2xx] + [.routes.get_bots_me_during_login_storm.storm.non2xx] | add),
   socket_errors: ([.routes[] | .socket_errors] + [.routes.get_bots_me_during_login_storm.storm.socket_errors] | add),
   warmup_non2xx: ([.routes[] | .warmup_non2xx] | add),
   warmup_socket_errors: ([.routes[] | .warmup_socket_errors] | add),
   floor_failed: ([.floors[][] | .failed] | add)};

# Errors of the update runs: non-2xx and failed deliveries (measured and warm-up), and replies
# lost, duplicated or out of order, over every update run.
def update_errors:
  [.updates.ingress, .updates.duplicates, (.updates.e2e // [])[], .updates.crash | select(. != null)] as $u
  | {updates_non2xx: ($u | map(.non2xx) | add), updates_errors: ($u | map(.errors) | add),
     updates_warmup_failed: ($u | map(.warmup_failed) | add),
     replies_lost: ($u | map(.replies.missing) | add), replies_duplicated: ($u | map(.replies.duplicates) | add),
     replies_out_of_order: ($u | map(.replies.out_of_order) | add)};

# Errors of the comparison's runs, both servers.
def compare_errors:
  [.compare.botfactory, .compare.grammy | select(. != null)] as $c
  | {compare_non2xx: ($c | map(.non2xx) | add), compare_errors: ($c | map(.errors) | add),
     compare_warmup_failed: ($c | map(.warmup_failed) | add),
     compare_replies_bad: ($c | map(.replies.missing + .replies.duplicates + .replies.out_of_order) | add)};

# Errors of the whole run, from a summary.
def errors:
  (if .routes == null then {} else api_errors end)
  + (if .updates == null then {} else update_errors end)
  + (if .compare == null then {} else compare_errors end);

def at_least($v; $goal): $v != null and $v >= $goal;
def at_most($v; $goal): $v != null and $v <= $goal;

# The API's targets of docs/performance.md, each met or not, from a summary.
def api_targets:
  [
    {target: "GET /bots/me req/s vs floor", value: .routes.get_bots_me.floor_ratio, goal: ">= 0.5",
     met: at_least(.routes.get_bots_me.floor_ratio; 0.5)},
    {target: "GET /bots/me p99 ms", value: .routes.get_bots_me.p99_ms, goal: "<= 10",
     met: at_most(.routes.get_bots_me.p99_ms; 10)},
    {target: "POST /bots req/s vs floor", value: .routes.post_bots.floor_ratio, goal: ">= 0.4",
     met: at_least(.routes.post_bots.floor_ratio; 0.4)},
    {target: "POST /auth/token req/s vs Argon2id alone", value: .routes.auth_token.argon2_ratio, goal: ">= 0.9",
     met: at_least(.routes.auth_token.argon2_ratio; 0.9)},
    {target: "GET /bots/me p99 during login storm vs quiet", value: .routes.get_bots_me_during_login_storm.p99_vs_quiet,
     goal: "<= 2", met: at_most(.routes.get_bots_me_during_login_storm.p99_vs_quiet; 2)},
    {target: "start to ready on an external database, ms", value: (.start.external_db.ready_ms // .start.external_db.live_ms),
     goal: "<= 2000", met: at_most(.start.external_db.ready_ms // .start.external_db.live_ms; 2000)},
    {target: "errors in measured runs (non-2xx + socket)", value: (.errors.non2xx + .errors.socket_errors),
     goal: "0", met: (.errors.non2xx + .errors.socket_errors == 0)}
  ];

# The e2e figures of the runs at $pct % of the ingress maximum; null when none ran.
def e2e_at($pct): (.updates.e2e // []) | map(select(.load_pct == $pct)) | first;

# The update path's targets (docs/performance.md).
def update_targets:
  .updates as $U
  | [
      {target: "update ingress acked/s vs floor", value: $U.ingress.floor_ratio, goal: ">= 0.5",
       met: at_least($U.ingress.floor_ratio; 0.5)},
      {target: "update ingress ack p99 ms", value: $U.ingress.p99_ms, goal: "<= 10", met: at_most($U.ingress.p99_ms; 10)}
    ]
  + (e2e_at(50) as $e | if $e == null then [] else
      [{target: "end-to-end p99 at 50 % load, ms", value: $e.e2e_p99_ms, goal: "<= 50", met: at_most($e.e2e_p99_ms; 50)}] end)
  + (e2e_at(75) as $e | if $e == null then [] else
      [{target: "end-to-end p99 at 75 % load, ms", value: $e.e2e_p99_ms, goal: "<= 200", met: at_most($e.e2e_p99_ms; 200)}] end)
  + ([$U.e2e[] | select(.keeps_up | not) | .load_pct] as $behind
      | [{target: "inbox back to 0 within 5 s after each end-to-end load",
          value: (if $behind == [] then "yes" else "not at " + ($behind | map(tostring + " %") | join(", ")) end),
          goal: "yes", met: ($behind == [])}])
  + ($U.duplicates | if . == null then [] else (.replies.missing + .replies.duplicates + .replies.out_of_order) as $bad
      | [{target: "replies lost, duplicated or out of order (duplicates)", value: $bad, goal: "0", met: ($bad == 0)}] end)
  + ($U.crash | if . == null then [] else
      [{target: "crash: replies lost or out of order", value: (.replies.missing + .replies.out_of_order), goal: "0",
        met: (.replies.missing + .replies.out_of_order == 0)},
       {target: "crash: replies duplicated", value: .replies.duplicates, goal: "<= 50", met: at_most(.replies.duplicates; 50)},
       {target: "crash: the killed node's bots answered again, max ms",
        value: (if (.bot_gaps.never // 0) > 0 then "\(.bot_gaps.never) bots never"
                elif (.bot_gaps.undetermined_kills // 0) > 0 then "\(.bot_gaps.undetermined_kills) kill(s) not told" else .bot_gaps.max_ms end),
        goal: "<= 5000", met: ((.bot_gaps.never // 0) == 0 and (.bot_gaps.undetermined_kills // 0) == 0
          and at_most(.bot_gaps.max_ms; 5000))}] end)
  + [{target: "errors in update runs (non-2xx + failed deliveries)", value: (.errors.updates_non2xx + .errors.updates_errors),
      goal: "0", met: (.errors.updates_non2xx + .errors.updates_errors == 0)}];

# The comparison's targets (issue 17): against the peer when there is one, BotFactory's own costs.
def compare_targets:
  .compare as $C
  | (if $C.grammy == null then [] else
      [{target: "comparison: acked/s, BotFactory / grammY", value: $C.ratios.acked_per_s, goal: ">= 1.5",
        met: at_least($C.ratios.acked_per_s; 1.5)},
       {target: "comparison: ack p99, BotFactory / grammY", value: $C.ratios.ack_p99, goal: "<= 1",
        met: at_most($C.ratios.ack_p99; 1)}] end)
  + [{target: "comparison: BotFactory PostgreSQL transactions per acknowledged update",
      value: $C.botfactory.db_transactions_per_update, goal: "<= 1.3", met: at_most($C.botfactory.db_transactions_per_update; 1.3)},
     {target: "comparison: BotFactory WAL flushes per acknowledged update", value: $C.botfactory.db_wal_syncs_per_update,
      goal: "<= 0.6", met: at_most($C.botfactory.db_wal_syncs_per_update; 0.6)},
     {target: "comparison: BotFactory reply p99 at the closed-loop maximum, ms", value: $C.botfactory.e2e_p99_ms,
      goal: "<= 1200", met: at_most($C.botfactory.e2e_p99_ms; 1200)},
     (.errors | (.compare_non2xx + .compare_errors + .compare_replies_bad) as $bad
      | {target: "errors in comparison runs (non-2xx + failed deliveries + replies lost, dup., out of order)",
         value: $bad, goal: "0", met: ($bad == 0)})];

# The targets of docs/performance.md, each met or not, from a summary.
def targets: (if .routes == null then [] else api_targets end) + (if .updates == null then [] else update_targets end)
  + (if .compare == null then [] else compare_targets end);


# The update path: a scenario's runs (an array of updates_records) summed up: medians over rounds,
# totals, maxima where a maximum is what matters (inbox depth, time back to 0).
def maxnull: if length == 0 or any(. == null) then null else max end;
def updates_summary: . as $rs | if length == 0 then null else {
    rate: (map(.rate) | median | r2), acked_per_s: (map(.acked_per_s) | median | r2),
    p50_ms: (map(.p50_ms) | median | r2), p90_ms: (map(.p90_ms) | median | r2),
    p99_ms: (map(.p99_ms) | median | r2), p999_ms: (map(.p999_ms) | median | r2), max_ms: (map(.max_ms) | max),
    e2e_p50_ms: (map(.e2e.p50) | median | r2), e2e_p99_ms: (map(.e2e.p99) | median | r2),
    e2e_p999_ms: (map(.e2e.p999) | median | r2), e2e_max_ms: (map(.e2e.max) | max),
    sent: (map(.sent) | add), ok: (map(.ok) | add), non2xx: (map(.non2xx) | add), statuses: addstatuses,
    errors: (map(.errors) | add), warmup_failed: (map(.warmup_failed) | add),
    duplicates_sent: (map(.duplicates_sent) | add), retries: (map(.retries) | add),
    replies: {commands_acked: (map(.replies.commands_acked) | add), matched: (map(.replies.matched) | add),
              missing: (map(.replies.missing) | add), duplicates: (map(.replies.duplicates) | add),
              out_of_order: (map(.replies.out_of_order) | add), feed_lost: (map(.replies.feed_lost) | add)},
    inbox_max_depth: (map(.inbox.max_depth) | max), depth_zero_after_ms: (map(.inbox.depth_zero_after_ms) | maxnull),
    replies_done_after_ms: (map(.inbox.replies_done_after_ms) | maxnull),
    service_cpu_pct: (map(.service_cpu_pct) | median | r2), db_cpu_pct: (map(.db_cpu_pct) | median | r2),
    double_cpu_pct: (map(.double_cpu_pct) | median | r2), generator_cpu_pct: (map(.generator_cpu_pct) | median | r2),
    machine_cpu_pct: (map(.machine_cpu_pct) | median | r2), rss_mb_max: (map(.rss_mb) | max), hwm_mb: (map(.hwm_mb) | max),
    send_lag_p99_ms: (map(.send_lag_p99_ms) | max),
    service_ms_per_update: (map(.cpu_ms_per_update.service) | median | r2),
    db_ms_per_update: (map(.cpu_ms_per_update.db) | median | r2),
    db_transactions_per_update: (map(.db.transactions_per_update) | median | r2),
    db_wal_syncs_per_update: (map(.db.wal_syncs_per_update) | median),
    runs: map({round, rate, acked_per_s, p99_ms, e2e_p99_ms: .e2e.p99, non2xx, errors, inbox_max_depth: .inbox.max_depth,
               depth_zero_after_ms: .inbox.depth_zero_after_ms})} end;

# Every scenario of the update path, from every record.
def updates($run): . as $all | {
    fleet: $run.params.update_fleet,
    ingress: (of("updates_ingress") | updates_summary
      | if . == null then null else . + {floor_tps: ($all | of("floor_inbox") | map(.tps) | median | r2),
          floor_ratio: ($all | round_ratios($run.params.runs; "updates_ingress"; "acked_per_s"; "floor_inbox"; "tps"))} end),
    duplicates: (of("updates_duplicates") | updates_summary),
    e2e: [map(select(.route | startswith("updates_e2e_"))) | group_by(.load_pct)[]
          | updates_summary + {load_pct: .[0].load_pct,
              keeps_up: all(.[]; .inbox.depth_zero_after_ms != null and .inbox.depth_zero_after_ms <= 5000)}],
    crash: (of("updates_crash") | if length == 0 then null else
      (updates_summary + {duration_s: ((.[0].window_end_ms - .[0].window_start_ms) / 1000), handlers: .[0].handlers,
        kills: .[0].kills, bot_gaps: .[0].bot_gaps, per_bot_interval_ms: .[0].per_bot_interval_ms, gaps: .[0].gaps}) end)
  };

# The comparison: BotFactory's runs and the peer's (an updates_summary each; grammy null without a
# peer), and per round BotFactory's figure over the peer's, the median of those.
def round_ratios_of($runs; $route; f; $base): . as $all | [range(1; $runs + 1) as $r
    | ($all | of($route) | map(select(.round == $r)) | first | f) as $x
    | ($all | of($base) | map(select(.round == $r)) | first | f) as $y
    | if $x == null or $y == null or $y == 0 then null else $x / $y end] | median | r2;
def compare($run): . as $all
  | (of("compare_botfactory") | updates_summary) as $bf
  | (of("compare_grammy") | updates_summary) as $gy
  | {params: $run.params.compare, botfactory: $bf, grammy: $gy,
     ratios: (if $gy == null then null else
       {acked_per_s: ($all | round_ratios_of($run.params.runs; "compare_botfactory"; .acked_per_s; "compare_grammy")),
        ack_p99: ($all | round_ratios_of($run.params.runs; "compare_botfactory"; .p99_ms; "compare_grammy")),
        reply_p99: ($all | round_ratios_of($run.params.runs; "compare_botfactory"; .e2e.p99; "compare_grammy"))} end)};

# Input: every record of a run (slurped). $run: the run's run.json (written by run.sh: when,
# what, where and how, and the start-up times).
# The API part is there when its runs are (not with --only updates), the update path's likewise.
def summary($run):
  . as $all
  | (any(.[]; .route == "get_bots_me")) as $api
  | (any(.[]; .route | startswith("updates_"))) as $upd
  | (any(.[]; .route | startswith("compare_"))) as $cmp
  | {
      schema: 1, timestamp: $run.timestamp, git: $run.git, machine: $run.machine,
      params: $run.params, database: $run.database,
      start: {first: $run.start.first,
              external_db: ($run.start.external_db | {live_ms: (.live_ms_runs | median),
                ready_ms: (.ready_ms_runs | median), live_ms_runs, ready_ms_runs})}
    }
  + (if $api then {
      routes: routes($run.params.runs; $run.params.storm_connections),
      floors: ({list: (of("floor_list") | map({tps, failed})), insert: (of("floor_insert") | map({tps, failed}))}
               + (if $upd then {inbox: (of("floor_inbox") | map({tps, failed}))} else {} end)),
      argon2: (of("argon2_baseline") | first | {memory_kib, iterations, parallelism, threads}
               + {verifications_per_s_runs: ($all | of("argon2_baseline") | map(.verifications_per_s))})
    } else {floors: {inbox: (of("floor_inbox") | map({tps, failed}))}} end)
  + (if $upd then {updates: updates($run)} else {} end)
  + (if $cmp then {compare: compare($run)} else {} end)
  | .errors = errors
  | .targets = targets;

# ---------------------------------------------------------------------------------------------
# The Markdown table, from a summary
# ---------------------------------------------------------------------------------------------

def n: if . == null then "–" else tostring end;
def cpu: if . == null then "–" else (. | round | tostring) end;
def row($name; $r; $base; $ratio): "| \($name) | \($r.rps | round) | \($r.p50_ms | n) | \($r.p99_ms | n) | \($r.non2xx) | \($r.socket_errors) | \($r.service_cpu_pct | cpu) | \($r.db_cpu_pct | cpu) | \($r.machine_cpu_pct | cpu) | \($r.rss_mb_max | round) | \($base) | \($ratio) |";

# A row of the update path's table; $name: the scenario.
def urow($name; $u):
  "| \($name) | \($u.acked_per_s | round) | \($u.p50_ms | n) | \($u.p99_ms | n) | \($u.p999_ms | n) | \($u.e2e_p50_ms | n) | \($u.e2e_p99_ms | n) | \($u.e2e_p999_ms | n) | \($u.non2xx) | \($u.errors) | \($u.replies.missing) / \($u.replies.duplicates) / \($u.replies.out_of_order) | \($u.inbox_max_depth | n) | \($u.depth_zero_after_ms | n) | \($u.service_cpu_pct | cpu) | \($u.db_cpu_pct | cpu) | \($u.double_cpu_pct | cpu) | \($u.generator_cpu_pct | cpu) | \($u.machine_cpu_pct | cpu) | \($u.rss_mb_max | cpu) |";

# The update path's lines of the report.
def updates_table:
  .updates as $U
  | "",
    "Update path: \($U.fleet.bots) bots x \($U.fleet.chats_per_bot) chats, \(.params.connections) connections; medians over rounds. ack: update sent (or due, open loop) to its 200; e2e: update due to the double receiving its reply; replies counted per acknowledged command.",
    "",
    "| scenario | updates/s | ack p50 ms | ack p99 ms | ack p99.9 ms | e2e p50 ms | e2e p99 ms | e2e p99.9 ms | non-2xx | errors | replies lost / dup. / out of order | inbox max | inbox 0 after ms | service CPU % | DB CPU % | double CPU % | generator CPU % | all CPU % | RSS MB |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    (if $U.ingress then urow("ingress (closed loop)"; $U.ingress) else empty end),
    (if $U.duplicates then urow("duplicates (10 % redelivered)"; $U.duplicates) else empty end),
    ($U.e2e[] | urow("end to end at \(.load_pct) % (\(.rate | round)/s, open loop)"; .)),
    (if $U.crash then urow("crash (\(.params.crash_duration_s) s at 50 %, \($U.crash.handlers // 1) handling nodes, 2 kills)"; $U.crash) else empty end),
    "",
    (if $U.ingress then "Floor of the ingress (pgbench, InboxSql.STORE, \(.params.connections) connections): \($U.ingress.floor_tps | n) transactions/s; ingress acked/s / floor: \($U.ingress.floor_ratio | n)." else empty end),
    (if $U.duplicates then "Duplicates: \($U.duplicates.duplicates_sent) redeliveries among \($U.duplicates.sent) deliveries; \($U.duplicates.replies.matched) replies for \($U.duplicates.replies.commands_acked) acknowledged commands." else empty end),
    (if $U.crash then "Crash: \(if ($U.crash.handlers // 1) > 1 then "\($U.crash.handlers) handling nodes, one killed (SIGKILL) at a time and restarted, \($U.crash.kills | length) kills" else "the handling node killed (SIGKILL) and restarted \($U.crash.kills | length) times" end). \(if $U.crash.bot_gaps then "The bots the killed node held, answered again (per bot, from the kill to its first reply after it): \([$U.crash.kills | to_entries[] | .key as $i | .value | "kill \($i + 1)\(if .node then " (node \(.node))" else "" end)\(if .after_load then " (after the load ended)" else "" end): " + (if .held_bots == null then "not told (no node seen alive after it)" else "\(.held_bots) bots, p99 \(.gap_ms.p99 | n) ms, max \(.gap_ms.max | n) ms, \(.never) never" end)] | join("; ")). Each bot's next update fell due every \($U.crash.per_bot_interval_ms | n) ms; without that wait, p99 \($U.crash.bot_gaps.late_p99_ms | n) ms, max \($U.crash.bot_gaps.late_max_ms | n) ms. " else "" end)Gaps in all replies \([$U.crash.kills[] | (.reply_gap_ms | n) + " ms"] | join(", ")), first reply \([$U.crash.kills[] | (.resumed_after_ms | n) + " ms"] | join(", ")) after the kill; \($U.crash.replies.matched) replies for \($U.crash.replies.commands_acked) acknowledged commands, \($U.crash.retries) deliveries retried." else empty end),
    "Per acknowledged update (ingress, duplicates, end to end at \([$U.e2e[] | "\(.load_pct) %"] | join(", "))\(if $U.crash then ", crash" else "" end)): service CPU ms \([$U.ingress, $U.duplicates, $U.e2e[], $U.crash | select(. != null) | .service_ms_per_update | n] | join(" / ")); PostgreSQL CPU ms \([$U.ingress, $U.duplicates, $U.e2e[], $U.crash | select(. != null) | .db_ms_per_update | n] | join(" / ")); PostgreSQL transactions \([$U.ingress, $U.duplicates, $U.e2e[], $U.crash | select(. != null) | .db_transactions_per_update | n] | join(" / ")); WAL flushes \([$U.ingress, $U.duplicates, $U.e2e[], $U.crash | select(. != null) | .db_wal_syncs_per_update | n] | join(" / ")).",
    "Update runs: service peak RSS (VmHWM) \([$U.ingress, $U.duplicates, $U.e2e[], $U.crash | select(. != null) | .hwm_mb] | max | cpu) MB; generator send lag p99 at most \([$U.e2e[], $U.crash | select(. != null) | .send_lag_p99_ms] | max | n) ms; warm-up failures \(.errors.updates_warmup_failed); floor failed transactions \([.floors.inbox[]? | .failed] | add // 0).";

# A row of the comparison's table; $name: the server.
def crow($name; $u):
  "| \($name) | \($u.acked_per_s | round) | \($u.p50_ms | n) | \($u.p99_ms | n) | \($u.e2e_p50_ms | n) | \($u.e2e_p99_ms | n) | \($u.non2xx) | \($u.errors) | \($u.replies.missing) / \($u.replies.duplicates) / \($u.replies.out_of_order) | \($u.service_cpu_pct | cpu) | \($u.db_cpu_pct | cpu) | \($u.machine_cpu_pct | cpu) | \($u.service_ms_per_update | n) | \($u.db_ms_per_update | n) | \($u.db_transactions_per_update | n) | \($u.db_wal_syncs_per_update | n) | \($u.rss_mb_max | cpu) |";

# The comparison's lines of the report.
def compare_table:
  .compare as $C | $C.params as $P
  | "",
    "Comparison: \($P.bots) bots x \($P.chats_per_bot) chats, \(.params.connections) connections, closed loop, every update a command, \($P.duration_s) s measured after \(.params.warmup_s) s warm-up, \(.params.runs) round(s): medians. \(if $C.grammy then "The two servers one after the other in each round, each on its own emptied database, the same Telegram double. " else "" end)ack: update sent to its 200; reply: update sent to the double receiving its sendMessage. BotFactory answers once the update is stored\(if $C.grammy then "; the grammY server once its reply was sent, so its ack compares with BotFactory's reply" else "" end).",
    (if $P.peer then "grammY server: \($P.peer.server), WORKERS=\($P.peer.workers), DURABLE=1\(if ($P.peer.versions // "") != "" then " (\($P.peer.versions))" else "" end); its database a second one in the same PostgreSQL server." else "No peer given (--peer-grammy): BotFactory alone." end),
    "",
    "| server | acked/s | ack p50 ms | ack p99 ms | reply p50 ms | reply p99 ms | non-2xx | errors | replies lost / dup. / out of order | service CPU % | DB CPU % | all CPU % | service CPU ms / update | DB CPU ms / update | DB transactions / update | WAL flushes / update | RSS MB |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    crow("BotFactory"; $C.botfactory),
    (if $C.grammy then crow("grammY"; $C.grammy),
      "| BotFactory / grammY | ×\($C.ratios.acked_per_s | n) | – | ×\($C.ratios.ack_p99 | n) | – | ×\($C.ratios.reply_p99 | n) | | | | | | | | | | | |"
     else empty end);

# The lines of the report (print with jq -r).
def table:
  .routes as $R
  | "",
    "BotFactory benchmark \(.timestamp), commit \(.git.commit)\(if .git.dirty then " (dirty)" else "" end), \(.machine.cores) cores (\(.machine.cpu)), load average at start \(.machine.loadavg_at_start), PostgreSQL \(.database.version) (\(.database.mode)\(if .database.synchronous_commit then ", fsync \(.database.fsync), synchronous_commit \(.database.synchronous_commit)" else "" end)), \(.params.connections) connections, \(.params.runs) run(s) of \(.params.duration_s) s after \(.params.warmup_s) s warm-up: medians",
    (if $R then
      "",
      "| route | req/s | p50 ms | p99 ms | non-2xx | socket errors | service CPU % | DB CPU % | all CPU % | RSS MB | baseline /s | ratio |",
      "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
      row("GET /bots/me"; $R.get_bots_me; "\($R.get_bots_me.floor_tps | round) (pgbench)"; ($R.get_bots_me.floor_ratio | n)),
      row("GET /clients/me"; $R.get_clients_me; "–"; "–"),
      row("POST /bots"; $R.post_bots; "\($R.post_bots.floor_tps | round) (pgbench)"; ($R.post_bots.floor_ratio | n)),
      row("POST /auth/token"; $R.auth_token; "\($R.auth_token.argon2_alone_per_s) (Argon2id alone)"; ($R.auth_token.argon2_ratio | n)),
      row("GET /bots/me during login storm"; $R.get_bots_me_during_login_storm; "quiet p99 \($R.get_bots_me_during_login_storm.quiet_p99_ms) ms"; "p99 ×\($R.get_bots_me_during_login_storm.p99_vs_quiet | n)"),
      "",
      "Login storm: \($R.get_bots_me_during_login_storm.storm.connections) connections, \($R.get_bots_me_during_login_storm.storm.rps) logins/s, p99 \($R.get_bots_me_during_login_storm.storm.p99_ms) ms, non-2xx \($R.get_bots_me_during_login_storm.storm.non2xx), socket errors \($R.get_bots_me_during_login_storm.storm.socket_errors)."
    else "" end),
    "Start to first 200: first start \(.start.first.live_ms) ms (live), \(.start.first.ready_ms | n) ms (ready); on an external database (median of \(.start.external_db.live_ms_runs | length)) \(.start.external_db.live_ms) ms (live), \(.start.external_db.ready_ms | n) ms (ready).",
    (if $R then "Service heap \(.params.heap); peak RSS since start (VmHWM) \([$R[] | .hwm_mb] | max | round) MB. Warm-ups: non-2xx \(.errors.warmup_non2xx), socket errors \(.errors.warmup_socket_errors). Floor failed transactions: \(.errors.floor_failed)." else empty end),
    (if .updates then updates_table else empty end),
    (if .compare then compare_table else empty end),
    "",
    "| target | value | goal | met |",
    "|---|--:|--:|---|",
    (.targets[] | "| \(.target) | \(.value | n) | \(.goal) | \(if .met then "yes" else "NO" end) |"),
    "";
