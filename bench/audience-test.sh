#!/usr/bin/env bash
# Checks the broadcast and integration scenarios' own counting (bench/audience.sh and its Java in
# bench/updates) without the service, in a few seconds: the event receiver, the matching of each
# delivery to its acknowledged update (latency from the 200, missing, delivered twice) and the
# count of messages per chat at the Telegram double (a chat sent to twice). Run it after changing
# Receiver, Deliveries or SentCount.
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
java -cp "$classes:$jar" UpdateBench audience-selftest
