#!/usr/bin/env bash
# Vendor Apache ECharts from the npm package into static/vendor/echarts/, recording its version.
# Usage: scripts/vendor_echarts.sh [VERSION]   (the page needs no build step: only the minified file is served)
set -euo pipefail
VERSION="${1:-6.1.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/static/vendor/echarts"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack "echarts@$VERSION" --silent >/dev/null
tar -xzf "echarts-$VERSION.tgz"
mkdir -p "$DEST"
cp package/dist/echarts.min.js "$DEST/echarts.min.js"
cp package/LICENSE "$DEST/LICENSE"
[ -f package/NOTICE ] && cp package/NOTICE "$DEST/NOTICE"
echo "$VERSION" > "$DEST/VERSION"
echo "ECharts $VERSION vendored into $DEST"
