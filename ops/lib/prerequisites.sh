# Sourced by the README's commands: finds what they need on this machine and, as root, installs what is missing from
# Debian's packages, once. Without root it stops at once with the exact apt-get line to run. Nothing here exits silently.
#
# Settings (environment), for the scripts' own tests and unusual machines:
#   DIGITALEDU_PG_BIN_ROOT   where Debian puts PostgreSQL's versioned server folders (default /usr/lib/postgresql)
#   DIGITALEDU_CHROMIUM      the browser the tests drive (default /usr/bin/chromium)

pg_bin_root="${DIGITALEDU_PG_BIN_ROOT:-/usr/lib/postgresql}"
chromium_path="${DIGITALEDU_CHROMIUM:-/usr/bin/chromium}"

# Any command that fails unexpectedly names itself and its line, so a script under `set -e` never ends without a word.
trap 'status=$?; echo "error: ${BASH_SOURCE[0]##*/} line ${LINENO}: \"${BASH_COMMAND}\" failed (exit ${status})" >&2; exit ${status}' ERR

fail() {
  echo "error: $*" >&2
  exit 1
}

# PostgreSQL's server binary $1 (initdb, pg_ctl): on PATH, else the newest version under $pg_bin_root; empty when absent.
# Bash only (no ls, sort or tail), so it also answers on a machine whose PATH holds nothing.
find_pg_bin() {
  local found="" best=-1 candidate version
  if found=$(command -v "$1" 2>/dev/null) && [ -x "$found" ]; then
    echo "$found"
    return 0
  fi
  found=""
  for candidate in "$pg_bin_root"/*/bin/"$1"; do
    [ -x "$candidate" ] || continue
    version=${candidate#"$pg_bin_root"/}
    version=${version%%/*}
    version=${version%%.*}
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if [ "$version" -gt "$best" ]; then
      best=$version
      found=$candidate
    fi
  done
  echo "$found"
}

# Installs Debian packages "$@" as root, or stops with the line to run. Called only for what is missing.
install_packages() {
  local line="apt-get update && apt-get install -y --no-install-recommends $*"
  if [ "${EUID:-$(id -u)}" -ne 0 ]; then
    echo "Missing: $*. Install it as root, then run this again:" >&2
    echo "  sudo sh -c '$line'" >&2
    exit 1
  fi
  echo "==> Installing Debian packages: $* (once; this takes a minute or two)" >&2
  command -v apt-get >/dev/null 2>&1 || fail "apt-get was not found on PATH, so $* cannot be installed here; install it by other means and run this again"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || fail "apt-get update failed (see above); check the network and Debian's package sources, then run: $line"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || fail "apt-get install $* failed (see above); run it by hand to see why: $line"
}

require_postgres_server() {
  if [ -z "$(find_pg_bin initdb)" ] || [ -z "$(find_pg_bin pg_ctl)" ]; then
    install_packages postgresql
    if [ -z "$(find_pg_bin initdb)" ] || [ -z "$(find_pg_bin pg_ctl)" ]; then
      fail "PostgreSQL's server binaries (initdb, pg_ctl) are still not found on PATH or under $pg_bin_root after installing postgresql"
    fi
  fi
}

require_chromium() {
  if [ ! -x "$chromium_path" ]; then
    install_packages chromium
    [ -x "$chromium_path" ] || fail "Chromium is still not at $chromium_path after installing the chromium package"
  fi
}

# A command from Debian package $2 (default: the command's own name).
require_command() {
  command -v "$1" >/dev/null 2>&1 || install_packages "${2:-$1}"
  command -v "$1" >/dev/null 2>&1 || fail "$1 is still not on PATH after installing ${2:-$1}"
}

# The compose file is checked by a test with Debian's docker-compose (v1), which understands the Compose specification.
require_docker_compose() {
  require_command docker-compose
}
