#!/usr/bin/env bash
# Fails when regenerating from the spec changes any committed file (generation drift).
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm generate >/dev/null
if ! git diff --quiet --exit-code -- packages/*/src/generated || [ -n "$(git ls-files --others --exclude-standard -- packages/*/src/generated)" ]; then
  echo "Generated code differs from openapi/openapi.yaml. Run 'pnpm generate' and commit the result:" >&2
  git status --short -- packages/*/src/generated >&2
  git diff --stat -- packages/*/src/generated >&2
  exit 1
fi
echo "generated code is up to date"
