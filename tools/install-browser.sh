#!/usr/bin/env bash
# Installs Debian's chromium-headless-shell (and a font) when missing: the report tests render HTML to PNG with it.
# Called by tests/FairnessGovernor.Tests/ReportBrowser.cs; takes about 50 s on a fresh machine. Needs root or sudo.
set -euo pipefail
if command -v chromium-headless-shell >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
    # Another apt-get holding the lock fails this attempt; wait and try again.
    if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium-headless-shell fonts-dejavu-core; then break; fi
    sleep 10
done
command -v chromium-headless-shell >/dev/null 2>&1
