#!/usr/bin/env bash
# The one test command: sets the machine up, then typecheck, lint, file names, size budgets, the
# Storybook build and every Vitest project. Ends with one plain line: "N passed, N failed", where the
# checks before Vitest count as one test each.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh || exit 1
export CI="${CI:-true}"

report_dir="$(mktemp -d)"
trap 'rm -rf "$report_dir"' EXIT
checks_passed=0
checks_failed=0
failed_names=()

step() {
  local name="$1"
  shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local started=$SECONDS
  if "$@"; then
    checks_passed=$((checks_passed + 1))
    printf '%s: ok (%ss)\n' "$name" $((SECONDS - started))
  else
    checks_failed=$((checks_failed + 1))
    failed_names+=("$name")
    printf '%s: FAILED (%ss)\n' "$name" $((SECONDS - started))
  fi
}

size_budgets() {
  pnpm -r --filter './packages/*' run build >/dev/null || return 1
  local status=0
  for package in packages/*/; do
    if grep -q '"size-limit"' "$package/package.json"; then
      (cd "$package" && ../../node_modules/.bin/size-limit) || status=1
    fi
  done
  return $status
}

step typecheck ./node_modules/.bin/tsc -b
step lint ./node_modules/.bin/biome ci .
step file-names node scripts/checkFileNames.ts
step size-budgets size_budgets
if compgen -G 'packages/components/src/**/*.stories.tsx' >/dev/null || ls packages/components/src/*/*.stories.tsx >/dev/null 2>&1; then
  step storybook-build ./node_modules/.bin/storybook build --quiet -o "$report_dir/storybook-static"
fi

printf '\n\033[1m== vitest\033[0m\n'
./node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$report_dir/vitest.json"
vitest_status=$?

read -r tests_passed tests_failed < <(node -e '
  const fs = require("node:fs");
  const file = process.argv[1];
  if (!fs.existsSync(file)) { console.log("0 1"); process.exit(0); }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  // a crashed suite counts as a failure even when it reported no test
  const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
  console.log(`${r.numPassedTests} ${r.numFailedTests + failedSuites}`);
' "$report_dir/vitest.json")
if [ "$vitest_status" -ne 0 ] && [ "$tests_failed" -eq 0 ]; then tests_failed=1; fi

echo
if [ ${#failed_names[@]} -gt 0 ]; then echo "failed checks: ${failed_names[*]}"; fi
echo "vitest: $tests_passed passed, $tests_failed failed; checks: $checks_passed passed, $checks_failed failed"
passed=$((tests_passed + checks_passed))
failed=$((tests_failed + checks_failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
