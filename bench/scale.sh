#!/usr/bin/env bash
# Beyond one machine, measured: a synthetic corpus (../shared/peers/
# make_corpus.py) in shards, papergraph extract -format parquet on each
# shard, the shipped projection (docs/sql/duckdb/graph.sql) in DuckDB with a
# memory limit, and papergraph export -stream of its tables to GraphML.
#
# usage: bench/scale.sh [PAPERS] [SHARDS]   (default 5000000 papers in 25 shards)
#
# Work goes to $BENCH_DIR (default /tmp/papergraph-scale); DuckDB's limit is
# $MEMORY_LIMIT (default 1GB; it spills to $BENCH_DIR/spill). DuckDB runs
# from the npm package the tests use (docs/sql/test, installed here with
# npm ci). Prints one line per step: wall and CPU seconds, peak RSS (GNU time)
# and the load average at its end,
# then a Markdown table row per step with the commit and the machine;
# DuckDB's wall and CPU seconds and peak RSS per statement go to
# $BENCH_DIR/duckdb.log.
# COMPARE=1 (the default up to 1,000,000 papers) also runs build on the
# whole corpus and checks that export wrote build's GraphML.
# ONLY=K extracts the first K shards only and projects and exports those
# (K/SHARDS of the corpus), when the whole corpus does not fit the time
# there is: the shards are alike, so each one's extraction costs the same.
# IDS=repeating keeps make_corpus.py's own ids, which repeat after
# 1,199,988 records: each record past that is another record of an
# earlier paper, so the projection merges them (a merge-heavy input:
# IDS=repeating ONLY=10 bench/scale.sh 5000000 25: 2M records of 1.2M
# papers).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
[ -f "$shared/peers/make_corpus.py" ] || { echo "bench: no $shared/peers/make_corpus.py: set SHARED" >&2; exit 1; }
papers=${1:-5000000}
shards=${2:-25}
only=${ONLY:-$shards}
dir=${BENCH_DIR:-/tmp/papergraph-scale}
limit=${MEMORY_LIMIT:-1GB}
mkdir -p "$dir"
go build -o "$dir/papergraph" ./cmd/papergraph
# npm ci once per change of the lock file (it would also delete the
# DuckDB of a run in progress).
(cd docs/sql/test && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null; })
rows=()
step() { # step NAME CMD...: run, time, record
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$@" >"$dir/$name.log" 2>&1 || { cat "$dir/$name.log" >&2; exit 1; }
  read -r wall user sys rss <"$dir/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.1f", u + s}')
  printf '%-24s %8.1f s wall %8.1f s cpu %8.0f MB  load %s\n' "$name" "$wall" "$cpu" "$((rss / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
  rows+=("| $name | $wall s | $cpu s | $((rss / 1024)) MB |")
}
ids=${IDS:-unique}
case $ids in unique|repeating) ;; *) echo "bench: IDS must be unique or repeating" >&2; exit 2;; esac
corpus="$dir/corpus-$papers-$ids.jsonl"
# make_corpus.py numbers its records 26MM.NNNNN, which repeats after 12 x
# 99,999 = 1,199,988 records: the same arXiv id on another paper, which
# papergraph merges with the first. Past that the year counts down (25MM,
# 24MM, ...), so every record is its own paper; the first 1,199,988 keep
# their ids.
if [ ! -s "$corpus" ] && [ "$ids" = repeating ]; then
  python3 "$shared/peers/make_corpus.py" "$papers" "$corpus.tmp" >/dev/null
  mv "$corpus.tmp" "$corpus"
elif [ ! -s "$corpus" ]; then
  python3 "$shared/peers/make_corpus.py" "$papers" "$corpus.tmp" >/dev/null
  python3 -c '
import sys
out = sys.stdout.buffer
for i, line in enumerate(sys.stdin.buffer):
    assert line.startswith(b"{\"id\": \"26"), "make_corpus.py: unexpected record %d" % i
    out.write(line[:8] + b"%02d" % (26 - i // 1199988) + line[10:])
' <"$corpus.tmp" >"$corpus"
  rm "$corpus.tmp"
fi
# Shards by lines, as a corpus would arrive in parts.
last=$(printf '%03d' $((shards - 1)))
[ -s "$dir/shard-$papers-$ids-$last" ] || split -n "l/$shards" -d -a 3 "$corpus" "$dir/shard-$papers-$ids-"
rm -rf "$dir/tables" "$dir/graph" "$dir/out" "$dir/spill" "$dir/built" "$dir/same"
mkdir -p "$dir/tables" "$dir/graph"
for i in $(seq -f '%03g' 0 $((only - 1))); do
  # One extract per shard (as separate machines would run them); shard i
  # writes its own table files.
  step "extract shard $i" "$dir/papergraph" extract -quiet -format parquet -o "$dir/tables/$i" "$dir/shard-$papers-$ids-$i"
  for f in "$dir/tables/$i"/*-00000.parquet; do t=$(basename "$f" -00000.parquet); mv "$f" "$dir/tables/$t-$i.parquet"; done
  rmdir "$dir/tables/$i"
done
step "duckdb projection" node docs/sql/test/run.mjs -trace docs/sql/duckdb/graph.sql \
  tables="$dir/tables" out="$dir/graph" "set:memory_limit=$limit" "set:temp_directory=$dir/spill" set:preserve_insertion_order=false
# export -stream: memory flat in the edges (no communities, centrality or
# positions), so the export does not bound the run at 5M; EXPORT=memory
# measures the in-memory export (communities and centrality) instead.
if [ "${EXPORT:-stream}" = memory ]; then
  step "export graphml" "$dir/papergraph" export -quiet -formats graphml -o "$dir/out" \
    -nodes "$dir/graph/nodes.parquet" -edges "$dir/graph/edges.parquet"
else
  step "export -stream graphml" "$dir/papergraph" export -quiet -stream -formats graphml -o "$dir/out" \
    -nodes "$dir/graph/nodes.parquet" -edges "$dir/graph/edges.parquet"
fi
cp "$dir/duckdb projection.log" "$dir/duckdb.log"
if [ "${COMPARE:-$((papers <= 1000000 && only == shards))}" = 1 ]; then
  # One machine, for comparison: build on the whole corpus, and the
  # export told build's description must write the same GraphML.
  step "build (one process)" "$dir/papergraph" build -quiet -formats graphml -o "$dir/built" "$corpus"
  desc=$(grep -o '<desc>[^<]*</desc>' "$dir/built/graph.graphml" | head -1 | sed 's/<[^>]*>//g; s/^papergraph [^:]*: //')
  "$dir/papergraph" export -quiet -formats graphml -o "$dir/same" -description "$desc" \
    -nodes "$dir/graph/nodes.parquet" -edges "$dir/graph/edges.parquet"
  if cmp -s "$dir/built/graph.graphml" "$dir/same/graph.graphml"; then same="identical"; else same="DIFFERENT"; fi
  echo "GraphML of build and of extract -> DuckDB -> export: $same"
fi
echo
echo "papers=$papers ids=$ids shards=$shards extracted=$only commit=$(git rev-parse --short HEAD) cpus=$(nproc) mem=$(free -g | awk '/Mem:/{print $2}')GB duckdb memory_limit=$limit"
echo "| step | wall | CPU (user+sys) | peak RSS |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
