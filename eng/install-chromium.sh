#!/usr/bin/env bash
# Installs what the browser tests (test/DistillGuard.Browser.Tests) drive: Debian's Chromium and the fonts its pages
# are drawn with. Only the missing packages are installed (after apt-get update); nothing happens when all are there.
# The tests never download a browser (no 'playwright install'); without /usr/bin/chromium they fail when CI=true.
set -euo pipefail

say() { echo "eng/install-chromium.sh: $*" >&2; }

packages=(chromium fonts-liberation fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get not found; install ${missing[*]} by hand for the browser tests"
    exit 1
fi

if [[ $(id -u) -ne 0 ]]; then
    say "installing needs root (apt-get install -y ${missing[*]})"
    exit 1
fi

say "installing ${missing[*]}"
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
