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

# Errors of the whole run, from a summary.
def errors:
  {non2xx: ([.routes[] | .non2xx] + [.routes.get_bots_me_during_login_storm.storm.non2xx] | add),
   socket_errors: ([.routes[] | .socket_errors] + [.routes.get_bots_me_during_login_storm.storm.socket_errors] | add),
   warmup_non2xx: ([.routes[] | .warmup_non2xx] | add),
   warmup_socket_errors: ([.routes[] | .warmup_socket_errors] | add),
   floor_failed: ([.floors[][] | .failed] | add)};

def at_least($v; $goal): $v != null and $v >= $goal;
def at_most($v; $goal): $v != null and $v <= $goal;

# The targets of docs/performance.md, each met or not, from a summary.
def targets:
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

# Input: every record of a run (slurped). $run: the run's run.json (written by run.sh: when,
# what, where and how, and the start-up times).
def summary($run):
  . as $all
  | {
      schema: 1, timestamp: $run.timestamp, git: $run.git, machine: $run.machine,
      params: $run.params, database: $run.database,
      start: {first: $run.start.first,
              external_db: ($run.start.external_db | {live_ms: (.live_ms_runs | median),
                ready_ms: (.ready_ms_runs | median), live_ms_runs, ready_ms_runs})},
      routes: routes($run.params.runs; $run.params.storm_connections),
      floors: {list: (of("floor_list") | map({tps, failed})), insert: (of("floor_insert") | map({tps, failed}))},
      argon2: (of("argon2_baseline") | first | {memory_kib, iterations, parallelism, threads}
               + {verifications_per_s_runs: ($all | of("argon2_baseline") | map(.verifications_per_s))})
    }
  | .errors = errors
  | .targets = targets;

# ---------------------------------------------------------------------------------------------
# The Markdown table, from a summary
# ---------------------------------------------------------------------------------------------

def n: if . == null then "–" else tostring end;
def cpu: if . == null then "–" else (. | round | tostring) end;
def row($name; $r; $base; $ratio): "| \($name) | \($r.rps | round) | \($r.p50_ms | n) | \($r.p99_ms | n) | \($r.non2xx) | \($r.socket_errors) | \($r.service_cpu_pct | cpu) | \($r.db_cpu_pct | cpu) | \($r.machine_cpu_pct | cpu) | \($r.rss_mb_max | round) | \($base) | \($ratio) |";

# The lines of the report (print with jq -r).
def table:
  .routes as $R
  | "",
    "BotFactory benchmark \(.timestamp), commit \(.git.commit)\(if .git.dirty then " (dirty)" else "" end), \(.machine.cores) cores (\(.machine.cpu)), load average at start \(.machine.loadavg_at_start), PostgreSQL \(.database.version) (\(.database.mode)), \(.params.connections) connections, \(.params.runs) run(s) of \(.params.duration_s) s after \(.params.warmup_s) s warm-up: medians",
    "",
    "| route | req/s | p50 ms | p99 ms | non-2xx | socket errors | service CPU % | DB CPU % | all CPU % | RSS MB | baseline /s | ratio |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    row("GET /bots/me"; $R.get_bots_me; "\($R.get_bots_me.floor_tps | round) (pgbench)"; ($R.get_bots_me.floor_ratio | n)),
    row("GET /clients/me"; $R.get_clients_me; "–"; "–"),
    row("POST /bots"; $R.post_bots; "\($R.post_bots.floor_tps | round) (pgbench)"; ($R.post_bots.floor_ratio | n)),
    row("POST /auth/token"; $R.auth_token; "\($R.auth_token.argon2_alone_per_s) (Argon2id alone)"; ($R.auth_token.argon2_ratio | n)),
    row("GET /bots/me during login storm"; $R.get_bots_me_during_login_storm; "quiet p99 \($R.get_bots_me_during_login_storm.quiet_p99_ms) ms"; "p99 ×\($R.get_bots_me_during_login_storm.p99_vs_quiet | n)"),
    "",
    "Login storm: \($R.get_bots_me_during_login_storm.storm.connections) connections, \($R.get_bots_me_during_login_storm.storm.rps) logins/s, p99 \($R.get_bots_me_during_login_storm.storm.p99_ms) ms, non-2xx \($R.get_bots_me_during_login_storm.storm.non2xx), socket errors \($R.get_bots_me_during_login_storm.storm.socket_errors).",
    "Start to first 200: first start \(.start.first.live_ms) ms (live), \(.start.first.ready_ms | n) ms (ready); on an external database (median of \(.start.external_db.live_ms_runs | length)) \(.start.external_db.live_ms) ms (live), \(.start.external_db.ready_ms | n) ms (ready).",
    "Service heap \(.params.heap); peak RSS since start (VmHWM) \([$R[] | .hwm_mb] | max | round) MB. Warm-ups: non-2xx \(.errors.warmup_non2xx), socket errors \(.errors.warmup_socket_errors). Floor failed transactions: \(.errors.floor_failed).",
    "",
    "| target | value | goal | met |",
    "|---|--:|--:|---|",
    (.targets[] | "| \(.target) | \(.value | n) | \(.goal) | \(if .met then "yes" else "NO" end) |"),
    "";
