#!/usr/bin/env bash
# The main job end to end on the embedded defaults: a throwaway local PostgreSQL, the three upstream simulators,
# the migrate step, the service (web + workers), one full sync, and the queue summary next to the simulators' ground truth.
# It ends with the web address and a sign-in for each role (officer, school, operator), made for this demo.
# Everything runs on loopback; state lives under .local/. Stop it all with: ops/demo.sh stop
#
# Options and settings (environment), for a second copy beside a running one and for the demo's own test:
#   --no-build                 run what the last Release build left (src/*/bin/Release)
#   DIGITALEDU_LOCAL_DIR       where the state lives (default .local/)
#   DIGITALEDU_WEB_PORT        the service's port (default 5080)
#   DIGITALEDU_SIMULATOR_PORT  the SMS simulator's port; the provincial and national ones follow it (default 5101)
#   DIGITALEDU_PG_PORT         PostgreSQL's port (default 55432, see ops/local-postgres.sh)
set -Eeuo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/ops/lib/prerequisites.sh"
local_dir="${DIGITALEDU_LOCAL_DIR:-$root/.local}"
export DIGITALEDU_LOCAL_DIR="$local_dir"
mkdir -p "$local_dir"
web_port="${DIGITALEDU_WEB_PORT:-5080}"
sms_port="${DIGITALEDU_SIMULATOR_PORT:-5101}"
provincial_port=$((sms_port + 1))
national_port=$((sms_port + 2))
web_url="http://127.0.0.1:$web_port"
build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi

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
# Every demo starts from an empty database: its result is one full sync against the simulators' ground truth, and a
# database left by an earlier demo (older schema, items changed by hand) would stand between the two.
ops/local-postgres.sh reset
# As a deployment runs it: the migrate step as the owner (the cluster's superuser), the service as a role of its own,
# which the migrate step creates and which cannot change the audit log.
export ConnectionStrings__DigitalEduOwner="$connection"
export ConnectionStrings__DigitalEdu="${connection/Username=postgres/Username=digitaledu}"

# The simulators' credentials: the service has no upstream secret of its own.
set -a
. "$root/ops/demo.env"
set +a

if [ "$build" = 1 ]; then
  echo "==> Building"
  dotnet build DigitalEdu.sln -c Release -nologo -v quiet -clp:ErrorsOnly
fi

echo "==> Upstream simulators (SMS :$sms_port, provincial :$provincial_port, national :$national_port)"
dotnet samples/DigitalEdu.Simulators/bin/Release/net10.0/DigitalEdu.Simulators.dll \
  --sms-port "$sms_port" --provincial-port "$provincial_port" --national-port "$national_port" \
  --ground-truth "$local_dir/ground-truth.json" >"$local_dir/simulators.log" 2>&1 &
echo $! >"$local_dir/simulators.pid"

wait_for() {
  for _ in $(seq 1 120); do
    if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  fail "timed out waiting for $1; see .local/*.log"
}
wait_for "http://127.0.0.1:$sms_port/admin/ground-truth/summary"
if ! kill -0 "$(cat "$local_dir/simulators.pid")" 2>/dev/null; then
  fail "the simulators did not start (is another program on ports $sms_port-$national_port?); see $local_dir/simulators.log"
fi
export Upstreams__Sms__BaseUrl="http://127.0.0.1:$sms_port/"
export Upstreams__Provincial__BaseUrl="http://127.0.0.1:$provincial_port/"
export Upstreams__National__BaseUrl="http://127.0.0.1:$national_port/"

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
  fail "the service did not start (is another program on port $web_port?); see $local_dir/service.log"
fi

echo "==> Full sync"
service sync --mode full --wait | tee "$local_dir/run.txt"

echo
echo "==> Ground truth planted by the simulators"
curl -fsS "http://127.0.0.1:$sms_port/admin/ground-truth/summary" | tee "$local_dir/ground-truth.txt"
echo
if diff <(sed -n '/^Open items by kind:/,$p' "$local_dir/run.txt" | tail -n +2 | grep -v $'\t0$') \
        <(grep -v $'\t0$' "$local_dir/ground-truth.txt") >/dev/null; then
  echo "Result: the open items per kind equal the ground truth."
else
  echo "Result: the open items per kind DIFFER from the ground truth:"
  diff <(sed -n '/^Open items by kind:/,$p' "$local_dir/run.txt" | tail -n +2 | grep -v $'\t0$') <(grep -v $'\t0$' "$local_dir/ground-truth.txt") || true
fi

token=$(service create-token --role operator --owner demo@localhost --name demo 2>/dev/null)

# A sign-in for each role, made for this demo with fresh passwords; the school user's school is the one with the most open
# items (the summary lists schools by open items, most first).
school=$(curl -fsS -H "Authorization: Bearer $token" "$web_url/api/v1/mismatches/summary" \
  | grep -o '"schoolCode":"[0-9]*"' | head -n 1 | grep -o '[0-9]\{8\}' || true)
[ -n "$school" ] || fail "the run left no open items, so there is no school to sign in for; see $local_dir/service.log"
new_password() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
officer_password=$(new_password)
school_password=$(new_password)
operator_password=$(new_password)
service create-user --email canbo.so@demo.digitaledu.vn --role officer --password "$officer_password" >/dev/null
service create-user --email truong.$school@demo.digitaledu.vn --role school --schools "$school" --password "$school_password" >/dev/null
service create-user --email vanhanh@demo.digitaledu.vn --role operator --password "$operator_password" >/dev/null
cat >"$local_dir/sign-ins.txt" <<SIGNINS
officer   canbo.so@demo.digitaledu.vn   $officer_password
school    truong.$school@demo.digitaledu.vn   $school_password
operator  vanhanh@demo.digitaledu.vn   $operator_password
SIGNINS

cat <<TXT

Where to look (the service and simulators keep running; stop them with: ops/demo.sh stop)
  API          curl -H "Authorization: Bearer $token" $web_url/api/v1/mismatches/summary
  Runs         curl -H "Authorization: Bearer $token" $web_url/api/v1/sync-runs
  Logs         $local_dir/service.log, $local_dir/simulators.log
  Database     $ConnectionStrings__DigitalEdu (the service's role; owner: $connection)

Web          $web_url/sign-in
  Officer    canbo.so@demo.digitaledu.vn  password $officer_password
  School     truong.$school@demo.digitaledu.vn  password $school_password  (school $school)
  Operator   vanhanh@demo.digitaledu.vn  password $operator_password
TXT
