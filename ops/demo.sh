#!/usr/bin/env bash
# The main job end to end on the embedded defaults: a throwaway local PostgreSQL, the three upstream simulators,
# the migrate step, the service (web + workers), one full sync, and the queue summary next to the simulators' ground truth.
# Everything runs on loopback; state lives under .local/. Stop it all with: ops/demo.sh stop
set -Eeuo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/ops/lib/prerequisites.sh"
local_dir="$root/.local"
mkdir -p "$local_dir"
web_url="http://127.0.0.1:5080"

stop_all() {
  for name in service simulators; do
    if [ -f "$local_dir/$name.pid" ]; then
      pid=$(cat "$local_dir/$name.pid")
      kill "$pid" 2>/dev/null || true
      # Give it the host's graceful shutdown, then make sure.
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$local_dir/$name.pid"
    fi
  done
}

if [ "${1:-}" = "stop" ]; then
  stop_all
  ops/local-postgres.sh stop
  echo "Stopped."
  exit 0
fi

stop_all
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK and run this again"
require_command curl
echo "==> PostgreSQL (throwaway cluster in .local/postgres)"
connection=$(ops/local-postgres.sh start)
# As a deployment runs it: the migrate step as the owner (the cluster's superuser), the service as a role of its own,
# which the migrate step creates and which cannot change the audit log.
export ConnectionStrings__DigitalEduOwner="$connection"
export ConnectionStrings__DigitalEdu="${connection/Username=postgres/Username=digitaledu}"

# The simulators' credentials: the service has no upstream secret of its own.
set -a
. "$root/ops/demo.env"
set +a

echo "==> Building"
dotnet build DigitalEdu.sln -c Release -nologo -v quiet -clp:ErrorsOnly

echo "==> Upstream simulators (SMS :5101, provincial :5102, national :5103)"
dotnet samples/DigitalEdu.Simulators/bin/Release/net10.0/DigitalEdu.Simulators.dll \
  --ground-truth "$local_dir/ground-truth.json" >"$local_dir/simulators.log" 2>&1 &
echo $! >"$local_dir/simulators.pid"

wait_for() {
  for _ in $(seq 1 120); do
    if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  fail "timed out waiting for $1; see .local/*.log"
}
wait_for http://127.0.0.1:5101/admin/ground-truth/summary
if ! kill -0 "$(cat "$local_dir/simulators.pid")" 2>/dev/null; then
  fail "the simulators did not start (is another program on ports 5101-5103?); see .local/simulators.log"
fi

service_dir="$root/src/DigitalEdu.Service/bin/Release/net10.0"
# The content root is the build output, where appsettings.json is; a command's verb must come first.
service() { dotnet "$service_dir/DigitalEdu.Service.dll" "$@" --contentRoot "$service_dir"; }
echo "==> Migrating the database"
service migrate

echo "==> Service (web and workers) on $web_url"
# Started as dotnet itself, not through the function: a backgrounded function is a subshell, and its pid (what stop
# kills) is not the service's.
dotnet "$service_dir/DigitalEdu.Service.dll" --urls "$web_url" --Sync:Schedule - --contentRoot "$service_dir" >"$local_dir/service.log" 2>&1 &
echo $! >"$local_dir/service.pid"
wait_for "$web_url/health/ready"
if ! kill -0 "$(cat "$local_dir/service.pid")" 2>/dev/null; then
  fail "the service did not start (is another program on port 5080?); see .local/service.log"
fi

echo "==> Full sync"
service sync --mode full --wait | tee "$local_dir/run.txt"

echo
echo "==> Ground truth planted by the simulators"
curl -fsS http://127.0.0.1:5101/admin/ground-truth/summary | tee "$local_dir/ground-truth.txt"
echo
if diff <(sed -n '/^Open items by kind:/,$p' "$local_dir/run.txt" | tail -n +2 | grep -v $'\t0$') \
        <(grep -v $'\t0$' "$local_dir/ground-truth.txt") >/dev/null; then
  echo "Result: the open items per kind equal the ground truth."
else
  echo "Result: the open items per kind DIFFER from the ground truth:"
  diff <(sed -n '/^Open items by kind:/,$p' "$local_dir/run.txt" | tail -n +2 | grep -v $'\t0$') <(grep -v $'\t0$' "$local_dir/ground-truth.txt") || true
fi

token=$(service create-token --role operator --owner demo@localhost --name demo 2>/dev/null)
cat <<TXT

Where to look (the service and simulators keep running; stop them with: ops/demo.sh stop)
  API          curl -H "Authorization: Bearer $token" $web_url/api/v1/mismatches/summary
  Runs         curl -H "Authorization: Bearer $token" $web_url/api/v1/sync-runs
  Logs         .local/service.log, .local/simulators.log
  Database     $ConnectionStrings__DigitalEdu (the service's role; owner: $connection)
TXT
