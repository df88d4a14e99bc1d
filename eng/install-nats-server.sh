#!/usr/bin/env bash
# Installs Debian's nats-server when the machine has none (CI machines are clean). The ingest tests start their own
# server from it, on 127.0.0.1 with a temporary store; under CI=true they fail rather than skip without it.
set -euo pipefail

if command -v nats-server >/dev/null 2>&1 || [[ -x /usr/sbin/nats-server ]]; then
    exit 0
fi

echo "install-nats-server: no nats-server found; installing Debian's nats-server package" >&2
if [[ $(id -u) -ne 0 ]]; then
    echo "install-nats-server: installing needs root (apt-get install -y nats-server)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq nats-server >&2
