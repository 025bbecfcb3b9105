#!/usr/bin/env bash
# Checks bench/report.sh against the reports kept in bench/testdata/: each directory there is a
# run (records.jsonl and run.json, taken from a real run and varied: several rounds, errors,
# a DB CPU not visible, a warm-up not run, start-ups without readiness) with the report it must
# print (expected.txt). Run it after changing bench/report.jq; it needs only jq.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

failed=0
for dir in "$here"/testdata/*/; do
  dir=${dir%/}
  if diff -u "$dir/expected.txt" <("$here/report.sh" "$dir"); then
    log "ok: ${dir#"$here"/}"
  else
    log "FAILED: ${dir#"$here"/} (above: expected, then what bench/report.sh printed)"
    failed=1
  fi
done
[[ $failed -eq 0 ]] || die "bench/report.sh does not print the expected reports"
