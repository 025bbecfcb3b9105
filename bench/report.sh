#!/usr/bin/env bash
# The report of a bench/run.sh run, from its raw outputs: the Markdown table, then the JSON line
# of medians. bench/run.sh ends with it; run it yourself to render a past run again.
#
#   bench/report.sh [--append FILE] RUN_DIR
#
#   RUN_DIR        a run's directory, bench/results/tmp/<time>/: its records.jsonl (one record
#                  per measured run) and run.json (when, commit, machine, parameters, database,
#                  start-up times)
#   --append FILE  also append the JSON line to FILE (bench/run.sh: bench/results/results.jsonl)
#
# The numbers are computed by bench/report.jq.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

append="" run_dir=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --append) [[ $# -ge 2 ]] || die "--append needs a file"; append=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
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
  'include "report"; summary($run[0])' "$run_dir/records.jsonl")
jq -r -L "$here" 'include "report"; table' <<<"$summary"
echo "$summary"
if [[ -n $append ]]; then echo "$summary" >>"$append"; fi
