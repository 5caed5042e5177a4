#!/usr/bin/env bash
# Screenshots of the built documentation, taken with headless Chromium, into
# docs/_static/screenshots/. Build the site first (bash docs/build.sh).
#
#   apt-get update && apt-get install -y chromium     # once
#   bash docs/screenshots.sh
#
# The pages are opened from disk (file://); Chromium runs without network
# services, with a fresh profile each time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
html="$here/_build/html"
shots="$here/_static/screenshots"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
[ -f "$html/index.html" ] || { echo "no built site in $html: run bash docs/build.sh" >&2; exit 1; }
mkdir -p "$shots"

shoot() {  # shoot PAGE PNG [HEIGHT]
    local profile
    profile="$(mktemp -d)"
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$profile" --virtual-time-budget=5000 \
        --window-size=1280,"${3:-1600}" --screenshot="$shots/$2" "file://$html/$1" \
        >/dev/null 2>&1
    rm -rf "$profile"
    [ -s "$shots/$2" ] || { echo "screenshot of $1 failed" >&2; exit 1; }
    echo "$shots/$2"
}

shoot generated/fastact.relu.html api_relu.png
shoot user_guide.html user_guide.png
shoot user_guide.html user_guide_long.png 3600
shoot examples/mlp.html example_mlp.png
