#!/usr/bin/env bash
# Console bench: the analyst console's page latencies with the held-out demo loaded.
#
#   bash bench/console/run.sh [SCALE] [REQUESTS]      (defaults: 1 and 50)
#
# Builds distillguard (Release), simulates data/scenarios/adaptive-holdout.json with seed 2030 at SCALE, starts
# 'distillguard serve' on a free 127.0.0.1 port with a fresh SQLite database, ingests the traffic, signs in to the
# console with an analyst key, then times REQUESTS sequential GETs of each page with curl (time_total: the whole
# request, server-side rendering included, over loopback) after 5 unmeasured warm-up requests:
#   - the review queue's first page (/console/queue), the default order (score, highest first);
#   - the review queue filtered to distillation verdicts;
#   - the largest campaign's page (/console/campaigns/{id}: graph, timeline from the journal, members).
# Prints median, p95 and max in milliseconds. Goals (issue 12): queue < 300 ms, campaign page < 1 s.
set -euo pipefail

scale=${1:-1}
requests=${2:-50}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work=$(mktemp -d -t distillguard-consolebench-XXXXXX)
pid=""
cleanup() {
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release "$root/src/DistillGuard.Cli" -o "$work/bin" -v q -nologo >/dev/null
dg=(dotnet "$work/bin/distillguard.dll")

"${dg[@]}" simulate --scenario "$root/data/scenarios/adaptive-holdout.json" --seed 2030 --scale "$scale" --out "$work/sim" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
admin="console-bench-admin-key-0123456789abcdef"
DISTILLGUARD_ADMIN_KEY=$admin "${dg[@]}" serve --urls "$base" --db "$work/console.db" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
"${dg[@]}" ingest --service "$base" --key "$admin" "$work/sim/traffic.jsonl" >&2

analyst=$(curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"name":"bench-analyst","role":"analyst"}' "$base/v1/keys" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
jar="$work/cookies"
token=$(curl -sf -c "$jar" -b "$jar" "$base/console/sign-in" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "api_key=$analyst" "$base/console/sign-in"

subjects=$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/findings" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["subjects"]), "subjects,", len(d["campaigns"]), "campaigns")')
campaign=$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/campaigns" \
    | python3 -c 'import json,sys; c=json.load(sys.stdin)["campaigns"]; print(max(c, key=lambda x: len(x["subjects"]))["id"] if c else "")')

measure() {
    local name=$1 path=$2
    for _ in 1 2 3 4 5; do curl -sf -o /dev/null -b "$jar" "$base$path"; done
    for _ in $(seq 1 "$requests"); do curl -sf -o /dev/null -b "$jar" -w '%{time_total}\n' "$base$path"; done \
        | python3 -c "
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
p95 = t[min(len(t) - 1, int(round(0.95 * len(t))) - 1)]
print(f'{sys.argv[1]:<34} n={len(t):<4} median {t[len(t)//2]:7.1f} ms   p95 {p95:7.1f} ms   max {t[-1]:7.1f} ms')
" "$name"
}

echo "console bench: scale $scale, $subjects, $requests requests per page, $(nproc) cores"
measure "queue, first page" "/console/queue"
measure "queue, distillation only" "/console/queue?verdict=distillation"
if [[ -n "$campaign" ]]; then
    members=$(curl -sf -H "Authorization: Bearer $admin" "$base/v1/campaigns/$campaign" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["subjects"]))')
    measure "campaign $campaign ($members members)" "/console/campaigns/$campaign"
fi
