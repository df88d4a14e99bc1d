#!/usr/bin/env bash
# Installs what the PDF dossier and the browser tests need, from Debian's archive, only when it is missing:
# chromium (driven by Playwright through its ExecutablePath; Playwright's own browsers are never downloaded),
# fonts-liberation and fonts-dejavu-core (the dossier's fonts). Runs apt-get update first, only when installing.
# Exits non-zero when something is still missing afterwards and CI=true (the tests would otherwise skip);
# elsewhere it warns and exits 0, and the PDF tests skip.
set -euo pipefail

packages=(chromium fonts-liberation fonts-dejavu-core)
say() { echo "install-chromium: $*" >&2; }

missing() {
    local wanted=()
    for p in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            wanted+=("$p")
        fi
    done
    echo "${wanted[@]:-}"
}

fail() {
    if [[ "${CI:-}" == "true" ]]; then
        say "$* (CI=true: failing rather than skipping the PDF and browser tests)"
        exit 1
    fi
    say "$*; the PDF and browser tests will skip"
    exit 0
}

if ! command -v dpkg-query >/dev/null 2>&1; then
    if [[ -x /usr/bin/chromium ]]; then
        exit 0
    fi
    fail "not a Debian system and no /usr/bin/chromium"
fi

wanted=$(missing)
if [[ -z "$wanted" ]]; then
    exit 0
fi

say "installing ${wanted}"
if [[ $(id -u) -ne 0 ]]; then
    fail "installing needs root (apt-get install -y ${wanted})"
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # the package names are words
if ! { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends ${wanted} >&2; }; then
    fail "apt-get could not install ${wanted}"
fi

wanted=$(missing)
if [[ -n "$wanted" ]]; then
    fail "still missing after apt-get: ${wanted}"
fi
