#!/usr/bin/env bash
# The report of a bench/run.sh run, from its raw outputs: the Markdown table, then the JSON line
# of medians; and, when the run measured the update path, its plots. bench/run.sh ends with it;
# run it yourself to render a past run again.
#
#   bench/report.sh [--append FILE] [--plots DIR] RUN_DIR
#
#   RUN_DIR        a run's directory, bench/results/tmp/<time>/: its records.jsonl (one record
#                  per measured run) and run.json (when, commit, machine, parameters, database,
#                  start-up times)
#   --append FILE  also append the JSON line to FILE (bench/run.sh: bench/results/results.jsonl)
#   --plots DIR    where to write the plots (RUN_DIR by default): updates-latency-vs-rate.svg
#                  (end-to-end latency against arrival rate) and updates-crash.svg (end-to-end
#                  latency over time in the crash run, the kills marked)
#
# The numbers are computed by bench/report.jq (the broadcasts' and the integration's by
# bench/audience.jq on top of it), the plots drawn by bench/plot.jq.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

append="" run_dir="" plots=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --append) [[ $# -ge 2 ]] || die "--append needs a file"; append=$2; shift 2 ;;
    --plots) [[ $# -ge 2 ]] || die "--plots needs a directory"; plots=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) die "unknown argument: $1 (see --help)" ;;
    *) [[ -z $run_dir ]] || die "one run directory only (see --help)"; run_dir=$1; shift ;;
  esac
done
[[ -n $run_dir ]] || die "which run? bench/report.sh RUN_DIR (see --help)"
for file in records.jsonl run.json; do
  [[ -f $run_dir/$file ]] || die "$run_dir/$file is missing: is $run_dir a complete run of bench/run.sh?"
done
command -v jq >/dev/null 2>&1 || die "jq is required"

summary=$(jq -sc -L "$here" --slurpfile run "$run_dir/run.json" \
  'include "audience"; audience_summary($run[0])' "$run_dir/records.jsonl")
jq -r -L "$here" 'include "audience"; audience_table' <<<"$summary"
echo "$summary"
if [[ -n $append ]]; then echo "$summary" >>"$append"; fi

# The plots, from the summary (latency against arrival rate) and the crash run's record.
plots=${plots:-$run_dir}
if jq -e '(.updates.e2e // []) | length > 0' <<<"$summary" >/dev/null; then
  jq -r -L "$here" 'include "plot"; rate_svg' <<<"$summary" >"$plots/updates-latency-vs-rate.svg"
  log "plot: $plots/updates-latency-vs-rate.svg"
fi
if jq -se 'any(.[]; .route == "updates_crash")' "$run_dir/records.jsonl" >/dev/null; then
  jq -rs -L "$here" 'include "plot"; map(select(.route == "updates_crash")) | first | crash_svg' \
    "$run_dir/records.jsonl" >"$plots/updates-crash.svg"
  log "plot: $plots/updates-crash.svg"
fi
