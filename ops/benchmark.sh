#!/usr/bin/env bash
# Province-scale benchmark: builds in Release and prints one table of figures.
# Usage: ops/benchmark.sh [--persons 1000000] [--schools 3000] [--skip-two-workers] [--sql-profile] [--postgres-settings "-c name=value ..."]
#                         [--service-directory DIR] [--prewarm]
#        --sql-profile also prints the PostgreSQL statements of each run by total time (pg_stat_statements).
#        --postgres-settings adds options to the throwaway PostgreSQL server (the tests' settings otherwise).
#        --service-directory runs the service from DIR (a `dotnet publish` output) instead of the Release build output.
#        --prewarm reads the stored tables and their indexes into shared buffers after the full run (pg_prewarm).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build DigitalEdu.sln -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet tests/DigitalEdu.Benchmarks/bin/Release/net10.0/DigitalEdu.Benchmarks.dll "$@"
