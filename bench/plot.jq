# The update path's plots, as SVG written from the run's own data (bench/report.sh writes them
# beside the run's raw outputs). A jq module:
#   jq -r -L bench 'include "plot"; rate_svg'   on a summary (the JSON line)
#   jq -r -L bench 'include "plot"; crash_svg'  on the crash run's record (records.jsonl)

def fmt: if . == null then "" elif . == (. | floor) then tostring else (. * 10 | round / 10 | tostring) end;
def esc: gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;");
def log10: if . <= 0 then 0 else log / (10 | log) end;

# Scales: a value to a pixel. Linear on [$lo, $hi] to [$a, $b]; logarithmic likewise.
def lin($lo; $hi; $a; $b): if $hi == $lo then $a else $a + (. - $lo) / ($hi - $lo) * ($b - $a) end;
def logs($lo; $hi; $a; $b): (if . < $lo then $lo else . end | log10) | lin($lo | log10; $hi | log10; $a; $b);

# Nice tick steps for a linear axis up to $max: about 5 ticks of 1, 2 or 5 x 10^k.
def ticks($max): if $max <= 0 then [0] else
    ($max / 5) as $raw | (pow(10; ($raw | log10 | floor))) as $p
    | ([1, 2, 5, 10] | map(. * $p) | map(select(. >= $raw)) | first) as $step
    | [range(0; $max + $step / 2; $step)] end;
# 1, 2 and 5 times the powers of ten between $lo and $hi (log axis ticks).
def decades($lo; $hi): [range(($lo | log10 | floor); ($hi | log10 | ceil) + 1) as $k | (1, 2, 5) * pow(10; $k)]
  | map(select(. >= $lo * 0.999 and . <= $hi * 1.001));

def svg_open($w; $h): "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\($w)\" height=\"\($h)\" viewBox=\"0 0 \($w) \($h)\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"\($w)\" height=\"\($h)\" fill=\"white\"/>";
def text($x; $y; $s; $anchor; $extra): "<text x=\"\($x | fmt)\" y=\"\($y | fmt)\" text-anchor=\"\($anchor)\" \($extra)>\($s | esc)</text>";
def line($x1; $y1; $x2; $y2; $style): "<line x1=\"\($x1 | fmt)\" y1=\"\($y1 | fmt)\" x2=\"\($x2 | fmt)\" y2=\"\($y2 | fmt)\" \($style)/>";
# A polyline through [x, y] pixel pairs; runs of nulls break it into pieces.
def polyline($points; $style):
  reduce $points[] as $p ([[]]; if $p == null then . + [[]] else .[-1] += [$p] end)
  | map(select(length > 0))
  | map("<polyline fill=\"none\" \($style) points=\"\(map("\(.[0] | fmt),\(.[1] | fmt)") | join(" "))\"/>")
  | join("\n");
def legend($x; $y; $items): [$items | to_entries[] | .key as $i | .value as $it
    | line($x; $y + $i * 16; $x + 22; $y + $i * 16; $it.style), text($x + 28; $y + $i * 16 + 4; $it.label; "start"; "")] | join("\n");

# A frame with its y axis: $yticks [[value, pixel], ...] and labels; the x axis drawn by the caller.
def frame($x0; $y0; $x1; $y1; $yticks; $ylabel):
  ["<rect x=\"\($x0)\" y=\"\($y0)\" width=\"\($x1 - $x0)\" height=\"\($y1 - $y0)\" fill=\"none\" stroke=\"#888\"/>",
   ($yticks[] | line($x0; .[1]; $x1; .[1]; "stroke=\"#eee\""), text($x0 - 6; .[1] + 4; .[0] | fmt; "end"; "")),
   text(14; ($y0 + $y1) / 2; $ylabel; "middle"; "transform=\"rotate(-90 14 \(($y0 + $y1) / 2 | fmt))\"")] | join("\n");

# ---------------------------------------------------------------------------------------------
# Latency against arrival rate (scenario 3), from the summary
# ---------------------------------------------------------------------------------------------
def rate_svg:
  .updates as $U
  | ($U.e2e | sort_by(.rate)) as $E
  | 800 as $W | 440 as $H | 80 as $x0 | 560 as $x1 | 60 as $y0 | 380 as $y1
  | ([$E[] | .rate] | max * 1.1) as $xmax
  | ([$E[] | .e2e_p50_ms, .e2e_p99_ms, .e2e_p999_ms, .p99_ms | select(. != null and . > 0)] + [200]) as $vals
  | ([($vals | min) / 2, 0.5] | max) as $ylo | (($vals | max) * 2) as $yhi
  | def X: lin(0; $xmax; $x0; $x1);
    def Y: logs($ylo; $yhi; $y1; $y0);
    def series($f): [$E[] | if .[$f] == null then null else [(.rate | X), (.[$f] | Y)] end];
  [svg_open($W; $H),
   text($W / 2; 24; "End-to-end latency against arrival rate (open loop, every update a command)"; "middle"; "font-size=\"15\""),
   text($W / 2; 42; "\($U.fleet.bots) bots x \($U.fleet.chats_per_bot) chats; ingress maximum \($U.ingress.acked_per_s | round) updates/s (closed loop); medians of \(.params.runs) round(s); commit \(.git.commit)"; "middle"; "fill=\"#555\""),
   frame($x0; $y0; $x1; $y1; [decades($ylo; $yhi)[] | [., (. | Y)]]; "latency, ms (log scale)"),
   (ticks($xmax)[] | select(. <= $xmax) | line(X; $y1; X; $y1 + 5; "stroke=\"#888\""), text(X; $y1 + 18; fmt; "middle"; "")),
   text(($x0 + $x1) / 2; $y1 + 40; "arrival rate, updates/s"; "middle"; ""),
   # The targets: p99 <= 50 ms at 50 % load, <= 200 ms at 75 %.
   ($E[] | select(.load_pct == 50 or .load_pct == 75) | (if .load_pct == 50 then 50 else 200 end) as $goal
     | line((.rate | X) - 14; $goal | Y; (.rate | X) + 14; $goal | Y; "stroke=\"#c00\" stroke-width=\"2\""),
       text((.rate | X) - 18; ($goal | Y) + 4; "target p99 \($goal) ms"; "end"; "fill=\"#c00\" font-size=\"11\"")),
   polyline(series("e2e_p50_ms"); "stroke=\"#1f77b4\" stroke-width=\"2\""),
   polyline(series("e2e_p99_ms"); "stroke=\"#ff7f0e\" stroke-width=\"2\""),
   polyline(series("e2e_p999_ms"); "stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"6 3\""),
   polyline(series("p99_ms"); "stroke=\"#2ca02c\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\""),
   ($E[] | select(.e2e_p99_ms != null) | "<circle cx=\"\(.rate | X | fmt)\" cy=\"\(.e2e_p99_ms | Y | fmt)\" r=\"3.5\" fill=\"#ff7f0e\"/>",
     text(.rate | X; $y0 + 14; "\(.load_pct) %"; "middle"; "fill=\"#555\"")),
   legend($x1 + 24; $y0 + 20; [
     {label: "end to end p50", style: "stroke=\"#1f77b4\" stroke-width=\"2\""},
     {label: "end to end p99", style: "stroke=\"#ff7f0e\" stroke-width=\"2\""},
     {label: "end to end p99.9", style: "stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"6 3\""},
     {label: "acknowledgement p99", style: "stroke=\"#2ca02c\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\""}]),
   text($x1 + 24; $y0 + 100; "end to end: update due"; "start"; "fill=\"#555\" font-size=\"11\""),
   text($x1 + 24; $y0 + 114; "to its reply at Telegram"; "start"; "fill=\"#555\" font-size=\"11\""),
   "</svg>"] | join("\n");

# ---------------------------------------------------------------------------------------------
# End-to-end latency over time in the crash run (scenario 5), from its record
# ---------------------------------------------------------------------------------------------
def crash_svg:
  . as $r | $r.timeline as $T
  | ($T.bucket_ms / 1000) as $b
  | ([($T.p50 | length), 1] | max) as $n
  | ([$T.count | to_entries[] | select(.value > 0) | .key] | max // 0) as $lastsent
  | ([$T.arrivals | to_entries[] | select(.value > 0) | .key] | max // 0) as $lastreply
  | ((([$lastsent, $lastreply] | max) + 2) * $b) as $xmax
  | 900 as $W | 620 as $H | 80 as $x0 | 860 as $x1
  | 70 as $ya | 320 as $yb | 360 as $yc | 450 as $yd | 490 as $ye | 570 as $yf
  | ([$T.max[], $T.p99[], $T.p50[] | select(. != null and . > 0)] + [10]) as $vals
  | ([($vals | min) / 2, 0.5] | max) as $ylo | (($vals | max) * 2) as $yhi
  | ([$T.arrivals[] | . / $b] | max // 1) as $amax
  | ([$r.inbox.samples[] | .[1]] | max // 1 | if . < 1 then 1 else . end) as $dmax
  | def X: lin(0; $xmax; $x0; $x1);
    def Y: logs($ylo; $yhi; $yb; $ya);
    def at($i): ($i + 0.5) * $b;
    def series($f): [$T[$f] | to_entries[] | select(at(.key) <= $xmax and .value != null) | [(at(.key) | X), (.value | Y)]];
    def ms_x($ms): (($ms - $T.start_ms) / 1000) | X;
  [svg_open($W; $H),
   text($W / 2; 24; "End-to-end latency during the crash run: \(if ($r.handlers // 1) > 1 then "\($r.handlers) handling nodes, one killed (SIGKILL) at a time" else "the handling node killed (SIGKILL)" end) and restarted"; "middle"; "font-size=\"15\""),
   text($W / 2; 42; "\($r.rate | round) updates/s due (open loop, 50 % of the ingress maximum), every update a command;"; "middle"; "fill=\"#555\""),
   text($W / 2; 56; "latency of the updates due in each \($T.bucket_ms) ms, from when they were due to their reply at Telegram"; "middle"; "fill=\"#555\""),
   frame($x0; $ya; $x1; $yb; [decades($ylo; $yhi)[] | [., (. | Y)]]; "latency, ms (log)"),
   frame($x0; $yc; $x1; $yd; [ticks($amax)[] | select(. <= $amax) | [., (. | lin(0; $amax; $yd; $yc))]]; "replies/s"),
   frame($x0; $ye; $x1; $yf; [ticks($dmax)[] | select(. <= $dmax) | [., (. | lin(0; $dmax; $yf; $ye))]]; "inbox"),
   (ticks($xmax)[] | select(. <= $xmax) | line(X; $yf; X; $yf + 5; "stroke=\"#888\""), text(X; $yf + 18; fmt; "middle"; "")),
   text(($x0 + $x1) / 2; $yf + 40; "seconds since the measured run began (the load stops at \(($r.window_end_ms - $r.window_start_ms) / 1000 | fmt) s)"; "middle"; ""),
   line(ms_x($r.window_end_ms); $ya; ms_x($r.window_end_ms); $yf; "stroke=\"#888\" stroke-dasharray=\"2 4\""),
   ($r.kills[] |
     line(ms_x(.killed_ms); $ya; ms_x(.killed_ms); $yf; "stroke=\"#c00\" stroke-width=\"2\""),
     text(ms_x(.killed_ms) + 4; $ya + 14; "SIGKILL\(if .node then " (\(.node))" else "" end)"; "start"; "fill=\"#c00\""),
     (if .restarted_ms then line(ms_x(.restarted_ms); $ya; ms_x(.restarted_ms); $yf; "stroke=\"#2ca02c\" stroke-dasharray=\"5 3\""),
        text(ms_x(.restarted_ms) + 4; $ya + 28; "restarted"; "start"; "fill=\"#2ca02c\"") else empty end),
     (if .gap_ms.max then text(ms_x(.killed_ms) + 4; $yc + 14; "its \(.held_bots) bots answered again within \(.gap_ms.max / 1000 | fmt) s"; "start"; "fill=\"#c00\" font-size=\"11\"")
      elif .resumed_after_ms then text(ms_x(.killed_ms) + 4; $yc + 14; "first reply \(.resumed_after_ms / 1000 | fmt) s later"; "start"; "fill=\"#c00\" font-size=\"11\"") else empty end)),
   polyline(series("max"); "stroke=\"#aaa\" stroke-width=\"1\""),
   polyline(series("p99"); "stroke=\"#ff7f0e\" stroke-width=\"2\""),
   polyline(series("p50"); "stroke=\"#1f77b4\" stroke-width=\"2\""),
   polyline([$T.arrivals | to_entries[] | select(at(.key) <= $xmax) | [(at(.key) | X), (.value / $b | lin(0; $amax; $yd; $yc))]];
     "stroke=\"#555\" stroke-width=\"1.5\""),
   polyline([$r.inbox.samples[] | select(.[0] <= $T.start_ms + $xmax * 1000) | [ms_x(.[0]), (.[1] | lin(0; $dmax; $yf; $ye))]];
     "stroke=\"#9467bd\" stroke-width=\"1.5\""),
   legend($x1 - 170; $ya + 16; [
     {label: "max", style: "stroke=\"#aaa\" stroke-width=\"1\""},
     {label: "p99", style: "stroke=\"#ff7f0e\" stroke-width=\"2\""},
     {label: "p50", style: "stroke=\"#1f77b4\" stroke-width=\"2\""}]),
   "</svg>"] | join("\n");
