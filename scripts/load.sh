#!/usr/bin/env bash
# Load test of the HTTP API on loopback with wrk (Debian's package; installed here when absent).
#   1. GET …/linkage of a 1,000-store tenant: requests/s, latency percentiles, errors.
#   2. the same readers for 60 s while one 5-store import lands every 200 ms; afterwards every acknowledged
#      store must be in the graph. The two runs are reported side by side (read p99 alone and during imports).
# Usage: scripts/load.sh [read-seconds] [mixed-seconds]       Prints RESULT k=v … as its last line.
# LOAD_THREADS/LOAD_CONNECTIONS (default 1/4) shape the read runs: on a 2-core machine a second wrk thread
# competes with the server for the CPUs and shows up in the tail latency.
set -euo pipefail
cd "$(dirname "$0")/.."
READ_S=${1:-30}
MIXED_S=${2:-60}
PORT=${LOAD_PORT:-18181}
TENANT=load

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v python3 >/dev/null || { echo "python3 is needed to check the results" >&2; exit 1; }

WORK=$(mktemp -d /tmp/linkscope-load.XXXXXX)
SERVER_PID=
cleanup() {
  set +e
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  mkdir -p target && cp "$WORK"/*.txt "$WORK/server.log" target/ 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
export LINKSCOPE_DATA="$WORK/data" LINKSCOPE_SECRET="load-test-secret-0123456789abcdef"

./linkscope generate --stores 1000 --seed 7 -o "$WORK/portfolio.json"
KEY=$(./linkscope keys create --tenant "$TENANT" --role owner --label load 2>/dev/null | tail -1)
# the readers are another client (a dashboard), the importer a feed: a client reads its own writes, others may be
# answered from the last complete analysis while the new one is built
FEED_KEY=$(./linkscope keys create --tenant "$TENANT" --role owner --label load-feed 2>/dev/null | tail -1)
./linkscope serve --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -sf "$BASE/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "$BASE/health" >/dev/null || { echo "server did not start; see $WORK/server.log" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
AUTH="Authorization: Bearer $KEY"
GZIP="Accept-Encoding: gzip"   # as every browser and HTTP library sends
curl -sf -H "$AUTH" -H 'Content-Type: application/json' --data-binary @"$WORK/portfolio.json" \
  "$BASE/api/v1/tenants/$TENANT/portfolio" >/dev/null
curl -sf -H "$AUTH" "$BASE/api/v1/tenants/$TENANT/linkage" -o "$WORK/linkage.json"
LINKS=$(python3 -c "import json,sys; d=json.load(open('$WORK/linkage.json')); print(len(d['links']))")
GZ=$(curl -sf -H "$AUTH" -H "$GZIP" "$BASE/api/v1/tenants/$TENANT/linkage" | wc -c)
echo "tenant $TENANT: 1000 stores, $LINKS links; linkage answer $(wc -c <"$WORK/linkage.json") bytes, $GZ gzipped" >&2
# warm-up
wrk -t2 -c16 -d5s -H "$AUTH" -H "$GZIP" "$BASE/api/v1/tenants/$TENANT/linkage" >/dev/null

# the pair the README reports: the same 4 readers alone, then while one 5-store import lands every 200 ms
READERS=${LOAD_CONNECTIONS:-4}
echo "== GET linkage for ${READ_S}s, $READERS readers alone" >&2
wrk -t"${LOAD_THREADS:-1}" -c"$READERS" -d"${READ_S}s" --latency -H "$AUTH" -H "$GZIP" "$BASE/api/v1/tenants/$TENANT/linkage" | tee "$WORK/read.txt" >&2

cat >"$WORK/importer.py" <<'PYI'
import json, sys, time, urllib.request
base, tenant, key, seconds, out = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
acked, failed, n, lat = [], 0, 0, []
start = time.monotonic()
with open(out, "w") as f:
    while time.monotonic() - start < seconds:
        due = start + n * 0.2
        if time.monotonic() < due: time.sleep(due - time.monotonic())
        stores = [{"platform": "walmart", "marketplace": "US", "storeId": f"LOAD{n}-{i}", "monthlyRevenue": {"amount": 1000},
                   "attributes": [{"type": "email", "value": f"load{n}-{i}@load.example"},
                                  {"type": "ip", "value": f"10.{n // 256 % 256}.{n % 256}.{i + 1}"}]} for i in range(5)]
        req = urllib.request.Request(f"{base}/api/v1/tenants/{tenant}/portfolio", data=json.dumps({"stores": stores}).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                if r.status == 200:
                    for s in stores: f.write(f"walmart:US:{s['storeId']}\n")
                else: failed += 1
        except Exception as e:
            failed += 1; print(f"import {n} failed: {e}", file=sys.stderr)
        lat.append((time.monotonic() - t0) * 1000)
        n += 1
lat.sort()
print(json.dumps({"imports": n, "failed": failed, "import_p50_ms": lat[len(lat) // 2] if lat else 0,
                  "import_p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0}))
PYI

echo "== ${MIXED_S}s of the same readers while one 5-store import lands every 200 ms" >&2
wrk -t"${LOAD_THREADS:-1}" -c"$READERS" -d"${MIXED_S}s" --timeout 10s --latency -H "$AUTH" -H "$GZIP" "$BASE/api/v1/tenants/$TENANT/linkage" >"$WORK/mixed-read.txt" &
READER=$!
python3 "$WORK/importer.py" "$BASE" "$TENANT" "$FEED_KEY" "$MIXED_S" "$WORK/acked-1.txt" >"$WORK/mixed-write.json"
wait $READER
cat "$WORK/mixed-read.txt" "$WORK/mixed-write.json" >&2
sleep 1
curl -sf -H "$AUTH" "$BASE/api/v1/tenants/$TENANT/stores" -o "$WORK/stores.json"

python3 - "$WORK" <<'PY'
import glob, json, re, sys
work = sys.argv[1]
def wrk(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(label):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % label, text)
        if not m: return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    err = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)
    total = int(re.search(r"(\d+) requests in", text).group(1))
    return rps, ms("50"), ms("99"), err, total
r_rps, r_p50, r_p99, r_err, _ = wrk(work + "/read.txt")
m_rps, _, m_p99, m_err, _ = wrk(work + "/mixed-read.txt")
w = json.load(open(work + "/mixed-write.json"))
acked = []
for f in glob.glob(work + "/acked-*.txt"):
    acked += [l.strip() for l in open(f) if l.strip()]
stored = {s["key"] for s in json.load(open(work + "/stores.json"))["stores"]}
missing = [k for k in acked if k not in stored]
print(f"acknowledged imports {len(acked)}, missing from the graph {len(missing)} {missing[:5]}", file=sys.stderr)
print(f"RESULT read_rps={r_rps:.0f} read_p50_ms={r_p50:.2f} read_p99_ms={r_p99:.2f} read_errors={r_err} "
      f"mixed_read_rps={m_rps:.0f} mixed_read_p99_ms={m_p99:.2f} mixed_read_errors={m_err} "
      f"p99_ratio={m_p99 / r_p99 if r_p99 else float('nan'):.2f} imports={w['imports']} failed_imports={w['failed']} "
      f"import_p99_ms={w['import_p99_ms']:.0f} acked_stores={len(acked)} lost={len(missing)}")
PY
