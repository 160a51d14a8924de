#!/bin/sh
# Makes a runnable copy of the server at a commit, for `npm run bench -- --server-dir DIR/server`: the figures
# then belong to that commit, whatever the working tree holds meanwhile. It reuses this checkout's installed
# packages (links, no download); only @samling/protocol points at the snapshot's own protocol/.
#   bench/scripts/snapshot.sh [COMMIT] [DIR]      (default HEAD, /tmp/samling-snapshot-<short hash>)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
commit=$(git -C "$root" rev-parse "${1:-HEAD}")
dir=${2:-/tmp/samling-snapshot-$(echo "$commit" | cut -c1-10)}
if [ -f "$dir/server/src/generated/prisma/client.ts" ]; then echo "$dir"; exit 0; fi
rm -rf "$dir"
mkdir -p "$dir"
git -C "$root" archive "$commit" server protocol prisma package.json tsconfig.base.json | tar -x -C "$dir"
ln -s "$root/node_modules" "$dir/node_modules"
for pkg in server protocol; do
  mkdir -p "$dir/$pkg/node_modules"
  for entry in "$root/$pkg/node_modules"/* "$root/$pkg/node_modules"/@*/* "$root/$pkg/node_modules/.bin"; do
    [ -e "$entry" ] || continue
    case "$entry" in */node_modules/@*/*) scope=$(basename "$(dirname "$entry")"); mkdir -p "$dir/$pkg/node_modules/$scope"; rel="$scope/$(basename "$entry")" ;; *) rel=$(basename "$entry") ;; esac
    case "$rel" in @*) [ -d "$entry" ] && [ "$(dirname "$rel")" = "." ] && continue ;; esac
    if [ "$rel" = "@samling/protocol" ]; then ln -s "$dir/protocol" "$dir/$pkg/node_modules/$rel"; else ln -s "$(readlink -f "$entry")" "$dir/$pkg/node_modules/$rel"; fi
  done
done
(cd "$dir/server" && ./node_modules/.bin/prisma generate >/dev/null)
echo "$dir"
