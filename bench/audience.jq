# The broadcast and integration scenarios' part of the report (bench/audience.sh writes their
# records): their records, their summary, targets and lines, on top of bench/report.jq's. Used as
#   jq -L bench 'include "audience"; FUNCTION'
# bench/report.sh renders every run through audience_summary and audience_table, which are
# report.jq's summary and table when a run has none of these records.
include "report";

# Input: the BROADCAST_RESULT of bench/updates (Broadcasts.java). $s: what audience.sh sampled
# around it: {key, wall_ms, hz, cores, svc and db (CPU ticks of the node(s), null when one was
# killed during the run, and of PostgreSQL),
# m0 and m1 ([busy, total] ticks of the machine), la0 and la1 (load averages before and after)}.
def broadcast_record($s):
  ($s.wall_ms / 1000) as $wall
  | {round: 1, route: ("broadcast_" + $s.key)} + .
    + {service_cpu_pct: (if $s.svc == null then null else $s.svc / $s.hz / $wall * 100 | r2 end), db_cpu_pct: ($s.db / $s.hz / $wall * 100 | r2),
       machine_cpu_pct: (($s.m1[0] - $s.m0[0]) / ($s.m1[1] - $s.m0[1]) * $s.cores * 100 | r2),
       loadavg: {start: $s.la0, end: $s.la1}};

# One line of progress about a broadcast_record.
def broadcast_line:
  "\(.route): \(.sent) of \(.recipients) sent in \(.duration_s) s (\(.sends_per_s)/s), blocked \(.blocked), failed \(.failed), uncertain \(.uncertain); at the double \(.double.messages) messages, \(.double.sent_twice) chats twice (\(.double.sent_twice_outside_uncertain) outside uncertain), \(.double_429) answered 429; final states \(if .final_states_ok then "all" else "NOT all" end)\(if .kill then "; killed with \(.kill.in_flight) in flight at \(.kill.settled_at_kill) settled, resumed after \(.kill.resumed_after_ms) ms, finished by another node: \(.kill.finished_by_another)" else "" end)";

# The broadcasts: scenario 1 against its floor, 2 with its stream of commands, 3.
def broadcasts($run): . as $all
  | (of("broadcast_throughput") | first) as $t
  | (of("floor_broadcast") | first) as $f
  | {params: $run.params.broadcast,
     throughput: (if $t == null then null else $t + {floor_sends_per_s: $f.sends_per_s, floor_exhausted: $f.exhausted,
       floor_ratio: (if ($f.sends_per_s // 0) > 0 and $t.sends_per_s != null then $t.sends_per_s / $f.sends_per_s | r2 else null end)} end),
     floor: $f,
     paced: (of("broadcast_paced") | first | if . == null then null else . + {stream: ($all | of("broadcast_paced_stream") | first)} end),
     crash: (of("broadcast_crash") | first)};

# The deliveries of the integration's runs (deliveries_<key> records) summed up over rounds.
def deliveries_summary: if length == 0 then null else {
    acked: (map(.acked) | add), delivered: (map(.delivered) | add), missing: (map(.missing) | add),
    ids_delivered_twice: (map(.ids_delivered_twice) | add), delivered_per_s: (map(.delivered_per_s) | median | r2),
    last_after_load_ms: (map(.last_after_load_ms) | maxnull),
    p50_ms: (map(.latency_ms.p50) | median | r2), p95_ms: (map(.latency_ms.p95) | median | r2),
    p99_ms: (map(.latency_ms.p99) | median | r2), max_ms: (map(.latency_ms.max) | max),
    runs: map({round, delivered_per_s, p99_ms: .latency_ms.p99, missing, loadavg})} end;

# The integration: the update path without and with the endpoints, at half load, and their deliveries.
def integration($run): . as $all
  | {fleet: $run.params.update_fleet,
     without: (of("integration_without") | updates_summary), with: (of("integration_with") | updates_summary),
     half: (of("integration_half") | updates_summary),
     deliveries_with: (of("deliveries_integration_with") | deliveries_summary),
     deliveries_half: (of("deliveries_integration_half") | deliveries_summary),
     with_vs_without: round_ratios($run.params.runs; "integration_with"; "acked_per_s"; "integration_without"; "acked_per_s"),
     loadavg: (map(select(.route | startswith("integration_"))) | map({route, round, loadavg}))}
  | .fewer_pct = (if .with_vs_without == null then null else (1 - .with_vs_without) * 100 | r2 end);

def audience_targets:
  (if .broadcast == null then [] else .broadcast as $B | [
    ($B.throughput | select(. != null) |
      {target: "broadcast sends/s vs floor (rate limit lifted)", value: .floor_ratio, goal: ">= 0.5", met: at_least(.floor_ratio; 0.5)},
      {target: "broadcast (rate limit lifted): chats sent to twice", value: .double.sent_twice, goal: "0", met: (.double.sent_twice == 0)}),
    ($B.paced | select(. != null) | ($B.params.paced_subscribers / 25) as $x |
      {target: "broadcast at Telegram's limits: seconds to finish", value: .duration_s,
       goal: "\($x * 0.95 | r2) to \($x * 1.05 | r2)", met: (.duration_s != null and .duration_s >= $x * 0.95 and .duration_s <= $x * 1.05)},
      {target: "broadcast at Telegram's limits: 429s provoked", value: .double_429, goal: "0", met: (.double_429 == 0)},
      {target: "command reply p95 during the broadcast, ms", value: .stream.replies.e2e_ms.p95, goal: "<= 1000",
       met: (at_most(.stream.replies.e2e_ms.p95; 1000) and .stream.replies.missing == 0)}),
    ($B.crash | select(. != null) |
      {target: "broadcast crash: every recipient in one final state", value: (if .final_states_ok then "yes" else "no" end),
       goal: "yes", met: .final_states_ok},
      {target: "broadcast crash: finished by the other node", value: (if .kill.finished_by_another then "yes" else "no" end),
       goal: "yes", met: (.kill.finished_by_another == true and .broadcasts[0].status == "done")},
      {target: "broadcast crash: sent twice outside uncertain", value: .double.sent_twice_outside_uncertain, goal: "0",
       met: (.double.sent_twice_outside_uncertain == 0)},
      {target: "broadcast crash: uncertain vs in flight at the kill", value: "\(.uncertain) / \(.kill.in_flight)",
       goal: "uncertain <= in flight", met: (.kill.in_flight != null and .uncertain <= .kill.in_flight)})
  ] end)
  + (if .integration == null then [] else .integration as $I | [
      {target: "acked updates/s with endpoints: fewer than without, %", value: $I.fewer_pct, goal: "<= 15",
       met: at_most($I.fewer_pct; 15)},
      {target: "event delivery p99 at half load, ms", value: $I.deliveries_half.p99_ms, goal: "<= 100",
       met: at_most($I.deliveries_half.p99_ms; 100)},
      {target: "events acknowledged and never delivered", value: ([$I.deliveries_with.missing, $I.deliveries_half.missing] | add),
       goal: "0", met: ([$I.deliveries_with.missing, $I.deliveries_half.missing] | add == 0)}
  ] end);

# The JSON line: report.jq's summary, with the broadcasts' and the integration's parts and targets.
def audience_summary($run):
  . as $all
  | summary($run)
  | (if ($all | any(.[]; .route | startswith("broadcast_"))) then .broadcast = ($all | broadcasts($run)) else . end)
  | (if ($all | any(.[]; .route | startswith("integration_"))) then .integration = ($all | integration($run)) else . end)
  | .targets += audience_targets;

def la: if . == null then "–" else map(tostring) | join(" ") end;
def brow($name; $b):
  "| \($name) | \($b.recipients) | \($b.sent) | \($b.duration_s | n) | \($b.sends_per_s | n) | \($b.double.messages) | \($b.double.sent_twice) / \($b.double.sent_twice_outside_uncertain) | \($b.double_429) | \($b.blocked) / \($b.failed) / \($b.uncertain) / \($b.cancelled) | \(if $b.final_states_ok then "yes" else "NO" end) | \($b.service_cpu_pct | cpu) | \($b.db_cpu_pct | cpu) | \($b.machine_cpu_pct | cpu) | \($b.loadavg.start | la) |";

def broadcast_table:
  .broadcast as $B
  | "",
    "Broadcasts: each scenario once. duration: first start to last end (the API's started_at, finished_at); at the double: sendMessage calls it took, chats sent to twice / of those outside uncertain.",
    "",
    "| scenario | recipients | sent | seconds | sends/s | at the double | twice / outside uncertain | 429s | blocked / failed / uncertain / cancelled | all final | service CPU % | DB CPU % | all CPU % | load average at start |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|---|",
    (if $B.throughput then brow("\($B.params.bots) bots at once, rate limit lifted"; $B.throughput) else empty end),
    (if $B.paced then brow("1 bot at the default rate, flood control"; $B.paced) else empty end),
    (if $B.crash then brow("1 bot, two nodes, the sending one killed at 50 %"; $B.crash) else empty end),
    "",
    (if $B.throughput then "Floor (pgbench, BroadcastSql.MARK of \($B.floor.mark_batch) recipients and RECORD of \($B.floor.record_batch), \($B.floor.connections) connections): \($B.floor.sends_per_s | n) sends/s (\($B.floor.tps | n) transactions/s\(if $B.floor.exhausted then ", RAN OUT OF RECIPIENTS" else "" end)); broadcast / floor: \($B.throughput.floor_ratio | n)." else empty end),
    (if $B.paced then "At Telegram's limits: command replies \($B.paced.stream.replies.matched) of \($B.paced.stream.replies.commands_acked) (2/s, open loop), update due to reply at the double p50 \($B.paced.stream.replies.e2e_ms.p50 | n) p95 \($B.paced.stream.replies.e2e_ms.p95 | n) p99 \($B.paced.stream.replies.e2e_ms.p99 | n) max \($B.paced.stream.replies.e2e_ms.max | n) ms; non-2xx \($B.paced.stream.non2xx), errors \($B.paced.stream.errors)." else empty end),
    (if $B.crash then "Crash: killed with \($B.crash.kill.settled_at_kill) of \($B.crash.recipients) recipients settled, \($B.crash.kill.in_flight) in flight (marked sending, no outcome); \($B.crash.uncertain) ended uncertain; the first message more than 0.5 s after the kill came \($B.crash.kill.resumed_after_ms | n) ms after it; finished by the other node: \($B.crash.kill.finished_by_another)." else empty end);

def integration_table:
  .integration as $I
  | "",
    "Integration: \($I.fleet.bots) bots x \($I.fleet.chats_per_bot) chats, every update a text message (one message.received event each), one endpoint per bot at a loopback receiver; medians over rounds. delivery: the update's 200 to the receiver having its event.",
    "",
    "| run | updates/s | ack p50 ms | ack p99 ms | non-2xx | errors | events delivered/s | delivery p50 ms | delivery p99 ms | events missing / twice | service CPU % | DB CPU % | all CPU % |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    (if $I.without then "| without endpoints (closed loop) | \($I.without.acked_per_s | round) | \($I.without.p50_ms | n) | \($I.without.p99_ms | n) | \($I.without.non2xx) | \($I.without.errors) | – | – | – | – | \($I.without.service_cpu_pct | cpu) | \($I.without.db_cpu_pct | cpu) | \($I.without.machine_cpu_pct | cpu) |" else empty end),
    (if $I.with then "| with endpoints (closed loop) | \($I.with.acked_per_s | round) | \($I.with.p50_ms | n) | \($I.with.p99_ms | n) | \($I.with.non2xx) | \($I.with.errors) | \($I.deliveries_with.delivered_per_s | n) | \($I.deliveries_with.p50_ms | n) | \($I.deliveries_with.p99_ms | n) | \($I.deliveries_with.missing) / \($I.deliveries_with.ids_delivered_twice) | \($I.with.service_cpu_pct | cpu) | \($I.with.db_cpu_pct | cpu) | \($I.with.machine_cpu_pct | cpu) |" else empty end),
    (if $I.half then "| with endpoints, half load (\($I.half.rate | round)/s, open loop) | \($I.half.acked_per_s | round) | \($I.half.p50_ms | n) | \($I.half.p99_ms | n) | \($I.half.non2xx) | \($I.half.errors) | \($I.deliveries_half.delivered_per_s | n) | \($I.deliveries_half.p50_ms | n) | \($I.deliveries_half.p99_ms | n) | \($I.deliveries_half.missing) / \($I.deliveries_half.ids_delivered_twice) | \($I.half.service_cpu_pct | cpu) | \($I.half.db_cpu_pct | cpu) | \($I.half.machine_cpu_pct | cpu) |" else empty end),
    "",
    "With endpoints / without (per round, median): \($I.with_vs_without | n), \($I.fewer_pct | n) % fewer. Last delivery after the load ended: \($I.deliveries_with.last_after_load_ms | n) ms (closed loop), \($I.deliveries_half.last_after_load_ms | n) ms (half load). Load averages at each run's start: \([$I.loadavg[] | "\(.route) \(.round): \(.loadavg.start | la)"] | join("; "))."; 

# report.jq's table, the broadcasts' and the integration's lines before the targets.
def audience_table:
  . as $s
  | [table] as $lines
  | ($lines | index("| target | value | goal | met |")) as $i
  | ($lines[:$i - 1] + [($s | if .broadcast then broadcast_table else empty end), ($s | if .integration then integration_table else empty end)]
     + $lines[$i - 1:])[];
