# shellcheck shell=bash
# Helpers shared by the bench scripts (sourced, not run).

# Progress and diagnostics go to stderr; stdout is kept for results.
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ensure_tool COMMAND DEBIAN_PACKAGE: installs the package with apt-get when COMMAND is missing.
ensure_tool() {
  local cmd=$1 pkg=$2 sudo=()
  command -v "$cmd" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "$cmd is missing and there is no apt-get to install $pkg"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "$cmd is missing; install the Debian package $pkg (needs root)"
    sudo=(sudo)
  fi
  log "installing $pkg (for $cmd) with apt-get"
  # The package lists may be stale or absent on a fresh machine: update once and retry.
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$pkg" >&2; then
    "${sudo[@]}" apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$pkg" >&2
  fi
  command -v "$cmd" >/dev/null 2>&1 || die "$pkg installed, but $cmd is still not on PATH"
}

# The load averages (1, 5, 15 minutes) now, as a JSON array: the machine may be shared.
loadavg_json() {
  local l1 l5 l15 _
  read -r l1 l5 l15 _ </proc/loadavg
  echo "[$l1,$l5,$l15]"
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# require_int NAME VALUE: dies unless VALUE is a positive whole number.
require_int() {
  [[ $2 =~ ^[0-9]+$ && $2 -gt 0 ]] || die "$1 must be a positive whole number, got '$2'"
}

# javac_generator JAR DIR: compiles bench/updates/*.java (the generator and the scenarios' tools)
# against the service's jar (Vert.x, HdrHistogram and the service's own WebhookSecrets come from
# it) into DIR; dies if it did not compile.
javac_generator() {
  javac -nowarn -Xlint:none -d "$2" -cp "$1" "$(dirname "${BASH_SOURCE[0]}")"/updates/*.java 2>&1 | grep -v 'GenIgnore' >&2 || true
  [[ -f $2/UpdateBench.class ]] || die "the generator (bench/updates) did not compile"
}
