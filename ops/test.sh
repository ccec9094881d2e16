#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed[, N skipped]".
# First it makes sure the machine has what the tests need (as root it installs what is missing, once): PostgreSQL's
# server (unless DIGITALEDU_TEST_POSTGRES names a server to use), Chromium for the browser tests, and docker-compose
# for the compose file's check.
set -Euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
(
  set -e
  . "$root/ops/lib/prerequisites.sh"
  [ -n "${DIGITALEDU_TEST_POSTGRES:-}" ] || require_postgres_server
  require_chromium
  require_docker_compose
) || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log=$(mktemp)
dotnet test DigitalEdu.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E "^\s*(Passed|Failed)!\s+-\s+Failed:" "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any test could report.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
