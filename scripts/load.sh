#!/usr/bin/env bash
# Load test of the HTTP API on loopback with wrk (Debian's package; installed here when absent).
#   1. GET …/linkage of a 1,000-store tenant: requests/s, latency percentiles, errors.
#   2. 60 s of imports and reads together; afterwards every acknowledged store must be in the graph.
# Usage: scripts/load.sh [read-seconds] [mixed-seconds]       Prints RESULT k=v … as its last line.
# LOAD_THREADS/LOAD_CONNECTIONS (default 1/8) shape the read run: on a 2-core machine a second wrk thread
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

echo "== GET linkage for ${READ_S}s" >&2
wrk -t"${LOAD_THREADS:-1}" -c"${LOAD_CONNECTIONS:-8}" -d"${READ_S}s" --latency -H "$AUTH" -H "$GZIP" "$BASE/api/v1/tenants/$TENANT/linkage" | tee "$WORK/read.txt" >&2

cat >"$WORK/imports.lua" <<LUA
local threads, counter = {}, 1
function setup(thread) thread:set("id", counter); table.insert(threads, thread); counter = counter + 1 end
function init(args)
  n, acked, failed = 0, 0, 0
  out = io.open("$WORK/acked-" .. id .. ".txt", "w")
end
function request()
  n = n + 1
  local sid = string.format("LOAD%d-%d", id, n)
  local body = string.format('{"stores":[{"platform":"walmart","marketplace":"US","storeId":"%s","monthlyRevenue":{"amount":1000},'
    .. '"attributes":[{"type":"email","value":"%s@load.example"},{"type":"ip","value":"10.%d.%d.%d"}]}]}',
    sid, sid, id, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/api/v1/tenants/$TENANT/portfolio",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $KEY", ["X-Request-Id"] = sid}, body)
end
function response(status, headers, body)
  -- the server echoes X-Request-Id: each acknowledgement names its own store, whatever wrk retried
  local sid = headers["X-Request-Id"] or headers["x-request-id"] or "?"
  if status == 200 then acked = acked + 1; out:write("walmart:US:" .. sid .. "\n"); out:flush()
  else failed = failed + 1; io.stderr:write("import " .. sid .. " answered " .. status .. "\n") end
  thread_failed = failed
end
LUA

echo "== ${MIXED_S}s of imports and reads together" >&2
wrk -t2 -c8 -d"${MIXED_S}s" --timeout 10s --latency -H "$AUTH" -H "$GZIP" "$BASE/api/v1/tenants/$TENANT/linkage" >"$WORK/mixed-read.txt" &
READER=$!
wrk -t2 -c2 -d"${MIXED_S}s" --timeout 60s -s "$WORK/imports.lua" "$BASE" >"$WORK/mixed-write.txt"
wait $READER
cat "$WORK/mixed-read.txt" "$WORK/mixed-write.txt" >&2
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
w_text = open(work + "/mixed-write.txt").read()
w_rps = float(re.search(r"Requests/sec:\s+([\d.]+)", w_text).group(1))
acked = []
for f in glob.glob(work + "/acked-*.txt"):
    acked += [l.strip() for l in open(f) if l.strip()]
stored = {s["key"] for s in json.load(open(work + "/stores.json"))["stores"]}
missing = [k for k in acked if k not in stored]
print(f"acknowledged imports {len(acked)}, missing from the graph {len(missing)} {missing[:5]}", file=sys.stderr)
print(f"RESULT linkage_rps={r_rps:.0f} linkage_p50_ms={r_p50:.2f} linkage_p99_ms={r_p99:.2f} linkage_errors={r_err} "
      f"mixed_read_rps={m_rps:.0f} mixed_read_p99_ms={m_p99:.2f} mixed_read_errors={m_err} "
      f"mixed_import_rps={w_rps:.1f} acked_imports={len(acked)} lost={len(missing)}")
PY
