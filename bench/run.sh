#!/usr/bin/env bash
# Side-by-side benchmark: papergraph against the networkx peer on the same
# synthetic corpora (../shared/peers/make_corpus.py), on this machine.
#
# usage: bench/run.sh [SIZES...]      (default: 1000 10000 100000 1000000)
#
# Corpora are cached in $BENCH_DIR (default /tmp/papergraph-bench). The peer
# runs at sizes <= $PEER_MAX (default 10000): above that it takes too long.
# Rows:
#   networkx peer / exact   the peer: GraphML of the paper-artifact graph and
#                           its exact weighted paper-paper projection
#   papergraph / exact      the same job: -exact, GraphML only
#   papergraph / default    top-k/max-df projection to GraphML, GEXF, CSV and
#                           JSON (the issue's 100k and 1M targets)
#   sample / svg+png        the embedded 61-paper page to SVG and PNG, after a
#                           first run has warmed go-graphviz's wasm cache
# Prints a Markdown table: records, tool, mode, wall seconds, peak RSS,
# papers/s, and papergraph's speed-up over the peer on the same corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
# The peer and the corpus maker: $SHARED, else ../shared beside the repo.
shared=${SHARED:-../shared}
[ -f "$shared/peers/make_corpus.py" ] || { echo "bench: no $shared/peers/make_corpus.py: set SHARED" >&2; exit 1; }
dir=${BENCH_DIR:-/tmp/papergraph-bench}
peer_max=${PEER_MAX:-10000}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
mkdir -p "$dir"
go build -o "$dir/papergraph" ./cmd/papergraph
py=/usr/bin/python3
[ -x $py ] || py=python3

echo "papergraph $(git rev-parse --short HEAD) on $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| records | tool | mode | wall s | peak RSS MB | papers/s | speed-up vs peer |"
echo "|---:|---|---|---:|---:|---:|---:|"

# row N TOOL MODE JSON [PEER_WALL]
row() {
  echo "$4" | $py -c "
import json,sys
r=json.load(sys.stdin); pw='${5:-}'
ratio='1.0' if '$2'=='networkx peer' else (f'{float(pw)/r[\"wall_s\"]:.1f}x' if pw else '')
print(f'| $1 | $2 | $3 | {r[\"wall_s\"]} | {r[\"peak_rss_mb\"]} | {$1/r[\"wall_s\"]:.0f} | {ratio} |')"
}

"$dir/papergraph" build -quiet -formats svg,png -o "$dir/sample-out" # warm the wasm cache
row 61 "papergraph sample" "svg+png" "$($py bench/measure.py sample -- "$dir/papergraph" build -quiet -formats svg,png -o "$dir/sample-out")"

for n in "${sizes[@]}"; do
  corpus="$dir/corpus-$n.jsonl"
  [ -s "$corpus" ] || $py "$shared/peers/make_corpus.py" "$n" "$corpus"
  if [ "$n" -le "$peer_max" ]; then
    rm -rf "$dir/peer-out-$n" "$dir/pg-exact-$n"
    peer=$($py bench/measure.py peer -- $py "$shared/peers/networkx_peer.py" "$corpus" "$dir/peer-out-$n")
    peer_wall=$(echo "$peer" | $py -c 'import json,sys; print(json.load(sys.stdin)["wall_s"])')
    row "$n" "networkx peer" exact "$peer"
    row "$n" papergraph exact "$($py bench/measure.py exact -- "$dir/papergraph" build -quiet -exact -formats graphml -o "$dir/pg-exact-$n" "$corpus")" "$peer_wall"
    rm -rf "$dir/peer-out-$n" "$dir/pg-exact-$n" # gigabytes of GraphML
  fi
  rm -rf "$dir/pg-out-$n"
  row "$n" papergraph default "$($py bench/measure.py default -- "$dir/papergraph" build -quiet -formats graphml,gexf,csv,json -o "$dir/pg-out-$n" "$corpus")"
  rm -rf "$dir/pg-out-$n"
done
