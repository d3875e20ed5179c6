#!/usr/bin/env bash
# Side-by-side benchmark: papergraph against the scipy and networkx peers on
# the same synthetic corpora (../shared/peers/make_corpus.py), on this machine.
#
# usage: bench/run.sh [SIZES...]      (default: 1000 10000 100000 1000000)
#
# Corpora are cached in $BENCH_DIR (default /tmp/papergraph-bench). Jobs per
# size (each tool's runs alternate with the others', $RUNS rounds, default 3;
# $BIG_RUNS, default 1, at a million records and more):
#   exact     (sizes <= $EXACT_MAX, default 10000) GraphML of the paper-artifact
#             graph and its exact weighted paper-paper projection: the networkx
#             peer (sizes <= $NX_MAX, default 10000), the scipy peer, and
#             papergraph build -exact -formats graphml (one GraphML holding both)
#   default   top-k/max-df pruning, GraphML: the scipy peer with --top-k 10
#             --max-df auto (sizes <= $SCIPY_MAX, default 100000) and
#             papergraph build -formats graphml
#   formats4  (sizes >= 100000) papergraph build -formats graphml,gexf,csv,json
#   sample    the embedded 61-paper page to SVG and PNG, after a first run has
#             warmed go-graphviz's wasm cache
# After every papergraph run, the write floor: dd writes as many bytes as
# papergraph wrote to the same directory, with one fsync at the end
# (papergraph syncs each file before renaming it into place).
#
# Prints the side-by-side table (median wall and spread, CPU time, peak RSS,
# papergraph's speed-up and memory ratio against each peer, per run and of
# the medians), the write-floor table and the phase shares of papergraph's
# median run of each job (from its -v log). The machine is usually shared:
# absolute times move with its load; the ratios of one alternating run are
# what to compare. Raw results stay in $BENCH_DIR/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
# The peers and the corpus maker: $SHARED, else ../shared beside the repo.
shared=${SHARED:-../shared}
[ -f "$shared/peers/make_corpus.py" ] || { echo "bench: no $shared/peers/make_corpus.py: set SHARED" >&2; exit 1; }
dir=${BENCH_DIR:-/tmp/papergraph-bench}
runs=${RUNS:-3}
big_runs=${BIG_RUNS:-1}
exact_max=${EXACT_MAX:-10000}
nx_max=${NX_MAX:-10000}
scipy_max=${SCIPY_MAX:-100000}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
mkdir -p "$dir"
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- . || commit="$commit+changes"
go build -o "$dir/papergraph" ./cmd/papergraph
pg=$dir/papergraph
py=/usr/bin/python3
[ -x $py ] || py=python3
results=$dir/results.jsonl
: >"$results"
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# measure N JOB TOOL RUN OUTDIR -- COMMAND...: one timed run, appended to the
# results; a papergraph run is followed by its write floor.
measure() {
  local n=$1 job=$2 tool=$3 run=$4 out=$5
  shift 6
  local log=$dir/log-$n-$job-$tool-$run.txt
  rm -rf "$out"
  local rec
  rec=$($py bench/measure.py "$tool" --tag n="$n" --tag job="$job" --tag tool="$tool" --tag run="$run" \
    --tag log="$log" --log "$log" --out "$out" -- "$@")
  echo "$rec" >>"$results"
  echo "bench: $rec" >&2
  if [ "$tool" = papergraph ]; then
    local bytes
    bytes=$(echo "$rec" | $py -c 'import json,sys; print(json.load(sys.stdin)["out_bytes"])')
    rm -rf "$out" # gigabytes at the larger sizes
    mkdir -p "$out"
    rec=$($py bench/measure.py floor --tag n="$n" --tag job="$job" --tag tool=floor --tag run="$run" \
      --tag out_bytes="$bytes" -- dd if=/dev/zero of="$out/floor" bs=1M iflag=count_bytes count="$bytes" conv=fsync status=none)
    echo "$rec" >>"$results"
  fi
  rm -rf "$out"
}

"$pg" build -quiet -formats svg,png -o "$dir/sample-out" # warm the wasm cache
for r in $(seq "$runs"); do
  measure 61 sample papergraph "$r" "$dir/sample-out" -- "$pg" build -v -formats svg,png -o "$dir/sample-out"
done

for n in "${sizes[@]}"; do
  corpus="$dir/corpus-$n.jsonl"
  [ -s "$corpus" ] || $py "$shared/peers/make_corpus.py" "$n" "$corpus"
  k=$runs
  [ "$n" -lt 1000000 ] || k=$big_runs
  for r in $(seq "$k"); do
    if [ "$n" -le "$exact_max" ]; then
      if [ "$n" -le "$nx_max" ]; then
        measure "$n" exact networkx "$r" "$dir/out" -- $py "$shared/peers/networkx_peer.py" "$corpus" "$dir/out"
      fi
      if [ "$n" -le "$scipy_max" ]; then
        measure "$n" exact scipy "$r" "$dir/out" -- $py "$shared/peers/scipy_peer.py" "$corpus" "$dir/out"
      fi
      measure "$n" exact papergraph "$r" "$dir/out" -- "$pg" build -v -exact -formats graphml -o "$dir/out" "$corpus"
    fi
    if [ "$n" -le "$scipy_max" ]; then
      measure "$n" default scipy "$r" "$dir/out" -- $py "$shared/peers/scipy_peer.py" --top-k 10 --max-df auto "$corpus" "$dir/out"
    fi
    measure "$n" default papergraph "$r" "$dir/out" -- "$pg" build -v -formats graphml -o "$dir/out" "$corpus"
    if [ "$n" -ge 100000 ]; then
      measure "$n" formats4 papergraph "$r" "$dir/out" -- "$pg" build -v -formats graphml,gexf,csv,json -o "$dir/out" "$corpus"
    fi
  done
done

echo "papergraph $commit, $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/{print $2}') GB; load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
$py bench/table.py "$results"
