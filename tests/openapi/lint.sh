#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly CLI (pinned in package.json / package-lock.json).
set -euo pipefail
cd "$(dirname "$0")" && npm ci --no-audit --no-fund --silent >/dev/null && npx --no-install redocly lint ../../server/http/openapi.json --config redocly.yaml
