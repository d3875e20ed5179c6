#!/usr/bin/env bash
# Side-by-side benchmark: papergraph against the networkx peer on the same
# synthetic corpora (../shared/peers/make_corpus.py), on this machine.
#
# usage: bench/run.sh [SIZES...]      (default: 1000 10000 100000 1000000)
#
# Corpora are cached in $BENCH_DIR (default /tmp/papergraph-bench). The peer
# runs at sizes <= $PEER_MAX (default 10000): above that it takes too long.
# Prints a Markdown table: records, tool, mode, wall seconds, peak RSS,
# papers/s, and papergraph's speed-up over the peer on the same corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
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
for n in "${sizes[@]}"; do
  corpus="$dir/corpus-$n.jsonl"
  [ -s "$corpus" ] || $py "$shared/peers/make_corpus.py" "$n" "$corpus"
  peer_wall=""
  if [ "$n" -le "$peer_max" ]; then
    peer=$($py bench/measure.py peer -- $py "$shared/peers/networkx_peer.py" "$corpus" "$dir/peer-out-$n")
    peer_wall=$(echo "$peer" | $py -c 'import json,sys; print(json.load(sys.stdin)["wall_s"])')
    echo "$peer" | $py -c "import json,sys; r=json.load(sys.stdin); print(f'| $n | networkx peer | exact | {r[\"wall_s\"]} | {r[\"peak_rss_mb\"]} | {$n/r[\"wall_s\"]:.0f} | 1.0 |')"
  fi
  for mode in exact default; do
    if [ "$mode" = exact ] && [ "$n" -gt "$peer_max" ]; then continue; fi
    flag=""; [ "$mode" = exact ] && flag="-exact"
    out=$($py bench/measure.py "$mode" -- "$dir/papergraph" build -quiet $flag -formats graphml,gexf,csv,json -o "$dir/pg-out-$n" "$corpus")
    echo "$out" | $py -c "
import json,sys
r=json.load(sys.stdin); pw='$peer_wall'
ratio=f'{float(pw)/r[\"wall_s\"]:.1f}x' if pw and '$mode'=='exact' else ''
print(f'| $n | papergraph | $mode | {r[\"wall_s\"]} | {r[\"peak_rss_mb\"]} | {$n/r[\"wall_s\"]:.0f} | {ratio} |')"
  done
done
