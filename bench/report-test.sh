#!/usr/bin/env bash
# Checks bench/report.sh against the reports kept in bench/testdata/: each directory there is a
# run (records.jsonl and run.json, taken from a real run and varied: several rounds, errors,
# a DB CPU not visible, a warm-up not run, start-ups without readiness; the update path with the
# comparison and a crash run of two handling nodes, one kill of which came after the load and
# could not be told; a crash run that killed each node once, both kills told; the comparison
# alone, over two rounds, and without its peer; the broadcasts' three scenarios and the
# integration's runs, from --quick runs) with the report
# it must print (expected.txt) and the plots it must draw (expected-*.svg).
# Run it after changing bench/report.jq, bench/audience.jq or bench/plot.jq; it needs only jq.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

failed=0
plots=$(mktemp -d "${TMPDIR:-/tmp}/bench-plots.XXXXXX")
trap 'rm -rf "$plots"' EXIT
for dir in "$here"/testdata/*/; do
  dir=${dir%/}
  rm -f "$plots"/*
  if diff -u "$dir/expected.txt" <("$here/report.sh" --plots "$plots" "$dir" 2>/dev/null); then
    log "ok: ${dir#"$here"/}"
  else
    log "FAILED: ${dir#"$here"/} (above: expected, then what bench/report.sh printed)"
    failed=1
  fi
  for svg in "$plots"/*.svg; do
    [[ -e $svg ]] || continue
    expected=$dir/expected-$(basename "$svg")
    if [[ ! -f $expected ]]; then
      log "FAILED: ${dir#"$here"/} drew $(basename "$svg"), which it has no expected-$(basename "$svg") for"
      failed=1
    elif ! cmp -s "$expected" "$svg"; then
      log "FAILED: ${dir#"$here"/}: $(basename "$svg") differs from ${expected#"$here"/}"
      failed=1
    fi
  done
  for expected in "$dir"/expected-*.svg; do
    [[ -e $expected ]] || continue
    [[ -f $plots/${expected##*/expected-} ]] || { log "FAILED: ${dir#"$here"/} did not draw ${expected##*/expected-}"; failed=1; }
  done
done
[[ $failed -eq 0 ]] || die "bench/report.sh does not print the expected reports"
