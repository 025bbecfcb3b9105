#!/usr/bin/env bash
# A quick A/B of one route, for tuning: starts target/botfactory.jar (-Xmx256m, embedded
# PostgreSQL in a temporary directory) with whatever BOTFACTORY_* variables you set, creates a
# client with 10 bots, warms up for 10 s, then prints three 10-second wrk runs.
#
#   bench/quick.sh [PATH]                 # PATH defaults to /bots/me
#   BOTFACTORY_EVENT_LOOPS=1 bench/quick.sh
#   BOTFACTORY_ACCESS_LOG=false bench/quick.sh /clients/me
#
# The "tuning steps" of docs/performance.md were measured with it. For the recorded results
# (floors, every route, medians of rounds) use bench/run.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
path=${1:-/bots/me}
jar=$root/target/botfactory.jar
[[ -f $jar ]] || (cd "$root" && mvn -q -B -DskipTests package)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

data=$(mktemp -d "${TMPDIR:-/tmp}/botfactory-quick.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BOTFACTORY_DATA_DIR=$data BOTFACTORY_HTTP_HOST=127.0.0.1 BOTFACTORY_HTTP_PORT=$port \
  java -Xmx256m -jar "$jar" >"$data/service.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
  kill -0 "$pid" 2>/dev/null || { cat "$data/service.log"; exit 1; }
  sleep 0.2
done

base=http://127.0.0.1:$port
email="quick-$RANDOM$RANDOM@example.com"
curl -fs -o /dev/null -X POST "$base/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"password-123\"}"
token=$(curl -fs -X POST "$base/auth/token" -d "username=$email&password=password-123" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
for i in $(seq 1 10); do
  curl -fs -o /dev/null -X POST "$base/bots" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bot $i\",\"token\":\"$((7000000000 + RANDOM * 100 + i)):AAEhBP0av28fSpGyXyLtWxDqkKdHaJ3Jw5Q\"}"
done

wrk -t2 -c32 -d10s -H "Authorization: Bearer $token" "$base$path" >/dev/null
for run in 1 2 3; do
  wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $token" "$base$path" | awk -v run="$run" '
    /Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} /Non-2xx|Socket errors/ {err = err "; " $0}
    END {printf "run %s: %s req/s, p50 %s, p99 %s%s\n", run, rps, p50, p99, err}'
done
