#!/usr/bin/env bash
# npm test: builds the server and the pages' browser scripts (the process tests start dist/main.js; jest's global set-up migrates
# the template databases with dist/cli/migrate.js) and runs jest. The type check of src and tests
# and the staleness check of the typed test operations run beside the build and the tests: on two
# cores they fill the time the build and jest's set-up leave one core idle.
# After changing prisma/schema.prisma, run `npm run prisma:generate` first (npm install does it).
set -uo pipefail
cd "$(dirname "$0")/.."

checks_log=$(mktemp)
(npm run -s typecheck && node scripts/codegen.js --check) >"$checks_log" 2>&1 &
checks=$!

tsc -p tsconfig.build.json && node scripts/build-web.js && NODE_OPTIONS=--experimental-vm-modules jest "$@"
tests_status=$?

wait "$checks"
checks_status=$?
if [ "$checks_status" -ne 0 ]; then
  cat "$checks_log"
  echo "The type check or the codegen check failed (npm run typecheck; npm run codegen)."
else
  echo "Type check and codegen check: ok."
fi
rm -f "$checks_log"
[ "$tests_status" -eq 0 ] && [ "$checks_status" -eq 0 ]
