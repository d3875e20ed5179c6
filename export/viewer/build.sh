#!/bin/sh
# Regenerates vendor.min.js and LICENSES.txt, the third-party code that
# export.HTML inlines into graph.html, from the versions pinned in
# package-lock.json (npm registry only; no CDN, no browser download).
#
#   cd export/viewer && sh build.sh
#
# Commit vendor.min.js and LICENSES.txt; node_modules stays out of git.
# The output is the same bytes for the same package-lock.json.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
./node_modules/.bin/esbuild entry.mjs --bundle --minify --format=iife \
  --target=es2020 --legal-comments=none --charset=utf8 --outfile=vendor.min.js
{
  echo "vendor.min.js bundles the following packages (from package-lock.json)."
  echo "Their licences follow."
  for p in graphology graphology-utils events sigma; do
    v=$(node -p "require('./node_modules/$p/package.json').version")
    echo
    echo "==== $p $v ===="
    echo
    cat node_modules/$p/LICENSE*
  done
} > LICENSES.txt
ls -l vendor.min.js LICENSES.txt
