#!/usr/bin/env bash
# Stops and deletes every testbed cluster in the work directory and checks that none of their
# processes or listening ports is left. Exit status 1 if something survived.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ -d "$SKIFF_TESTBED_WORKDIR" ] || { echo "testbed: nothing to stop"; exit 0; }
skiff_lock_workdir
failed=0
count=0
for name in $(skiff_existing_clusters); do
  skiff_delete_cluster "$name" || failed=1
  count=$((count + 1))
done
[ "$failed" = 0 ] || exit 1
echo "testbed: $count cluster(s) stopped; no process or port left"
