#!/usr/bin/env bash
# Checks the update load generator (bench/updates/*.java) on its own: compiles it against
# target/botfactory.jar and runs its self-test (the corpus's shapes and sizes, the matching of
# replies to commands, and that the open loop counts the wait a stalled server causes), then
# prints its ceiling (deliveries/s against a server that answers at once). Run it after changing
# the generator; the machine should be idle for the timing checks.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

jar=$root/target/botfactory.jar
[[ -f $jar ]] || die "$jar is missing: mvn -q -B -DskipTests package"
classes=$(mktemp -d "${TMPDIR:-/tmp}/bench-generator.XXXXXX")
trap 'rm -rf "$classes"' EXIT
javac_generator "$jar" "$classes"
java -cp "$classes:$jar" UpdateBench selftest
java -cp "$classes:$jar" UpdateBench ceiling --connections 32 --duration 5 | sed -n 's/^UPDATES_CEILING //p'
