# Shared settings of the testbed scripts (sourced, not run). One place for the versions, the
# cache key and the paths, so prepare.sh, up.sh and down.sh always agree.

# Versions of the Go modules the binaries are built from. Bump RECIPE when the build recipe
# changes in a way that must not reuse binaries built by the old one.
SKIFF_K8S_VERSION=${SKIFF_K8S_VERSION:-v1.34.4}
SKIFF_ETCD_VERSION=${SKIFF_ETCD_VERSION:-v3.6.16}
SKIFF_KWOK_VERSION=${SKIFF_KWOK_VERSION:-v0.8.0}
SKIFF_TESTBED_RECIPE=1

SKIFF_TESTBED_KEY="k8s-${SKIFF_K8S_VERSION}_etcd-${SKIFF_ETCD_VERSION}_kwok-${SKIFF_KWOK_VERSION}_r${SKIFF_TESTBED_RECIPE}"
SKIFF_TESTBED_CACHE=${SKIFF_TESTBED_CACHE:-${HOME:-/tmp}/.cache/skiff-testbed}
SKIFF_TESTBED_HOME="$SKIFF_TESTBED_CACHE/$SKIFF_TESTBED_KEY"
SKIFF_TESTBED_BIN="$SKIFF_TESTBED_HOME/bin"
SKIFF_TESTBED_WORKDIR=${SKIFF_TESTBED_WORKDIR:-/tmp/skiff-testbed-${USER:-$(id -un)}}

# Each work directory takes its ports from its own block of 100 below 28000, chosen by a hash of
# its path: clear of the kernel's ephemeral ports, of the range kwokctl searches on its own
# (down from 32767), and of the blocks of other work directories on the same machine.
SKIFF_TESTBED_PORT_BASE=${SKIFF_TESTBED_PORT_BASE:-$((20000 + ($(printf '%s' "$SKIFF_TESTBED_WORKDIR" | cksum | cut -d' ' -f1) % 80) * 100))}

# Every binary prepare.sh provides; up.sh refuses to start without all of them.
SKIFF_TESTBED_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl)

skiff_testbed_binaries_present() {
  local b
  [ -f "$SKIFF_TESTBED_BIN/.complete" ] || return 1
  for b in "${SKIFF_TESTBED_BINARIES[@]}"; do [ -x "$SKIFF_TESTBED_BIN/$b" ] || return 1; done
}

skiff_now() { date +%s.%N; }
skiff_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# Where kwokctl keeps its clusters (one directory per cluster, with pids/, logs/, pki/ and
# kubeconfig.yaml) and where the testbed keeps what it adds (tokens, webhook config,
# cluster.properties).
SKIFF_TESTBED_KWOK_WORKDIR="$SKIFF_TESTBED_WORKDIR/kwok"
SKIFF_TESTBED_CLUSTERS="$SKIFF_TESTBED_WORKDIR/clusters"

# Runs kwokctl on the testbed's own work directory. The lock descriptors (8, 9) are closed for
# it: the cluster processes it starts would otherwise inherit them and hold the locks for life.
skiff_kwokctl() {
  KWOK_WORKDIR="$SKIFF_TESTBED_KWOK_WORKDIR" "$SKIFF_TESTBED_BIN/kwokctl" "$@" 8>&- 9>&-
}

skiff_lock_workdir() {
  mkdir -p "$SKIFF_TESTBED_WORKDIR"
  exec 8>"$SKIFF_TESTBED_WORKDIR/.lock"
  if ! flock -n 8; then
    echo "testbed: another up.sh/down.sh is working on $SKIFF_TESTBED_WORKDIR; waiting" >&2
    flock 8
  fi
}

# Names of the clusters that exist in the work directory (created or half-created).
skiff_existing_clusters() {
  local d
  for d in "$SKIFF_TESTBED_KWOK_WORKDIR"/clusters/* "$SKIFF_TESTBED_CLUSTERS"/*; do
    [ -d "$d" ] && basename "$d"
  done | sort -u
}

# Pids of live processes started for a cluster: those kwokctl recorded, plus any process whose
# command line points into the cluster's directory (kwokctl passes every component its own
# paths there), which also finds components whose pid file is gone.
skiff_cluster_pids() {
  local dir="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$1/" f pid
  {
    for f in "$dir"pids/*.pid; do [ -f "$f" ] && cat "$f" 2>/dev/null && echo; done
    grep -lsaF -- "$dir" /proc/[0-9]*/cmdline | sed -n 's#^/proc/\([0-9]*\)/cmdline$#\1#p'
  } | grep -E '^[0-9]+$' | sort -un | while read -r pid; do
    [ "$pid" = "$$" ] && continue
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$dir" && echo "$pid"
  done
  return 0
}

# TCP ports the given pids listen on.
skiff_listening_ports() {
  local pid
  for pid in "$@"; do
    ss -Hltnp 2>/dev/null | grep -F "pid=$pid," | awk '{ n = split($4, a, ":"); print a[n] }'
  done | sort -un
}

# Deletes one cluster: kwokctl first; then any process it left behind (only processes of this
# cluster, found by skiff_cluster_pids); then both directories. Fails if a process or a
# listening port of the cluster survives.
skiff_delete_cluster() {
  local name=$1 pid pids ports i
  pids=$(skiff_cluster_pids "$name")
  # shellcheck disable=SC2086
  ports=$(skiff_listening_ports $pids)
  if [ -d "$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name" ] && [ -x "$SKIFF_TESTBED_BIN/kwokctl" ]; then
    skiff_kwokctl delete cluster --name "$name" --kubeconfig "$SKIFF_TESTBED_WORKDIR/unused.kubeconfig" >/dev/null 2>&1 || true
  fi
  for pid in $(skiff_cluster_pids "$name"); do kill "$pid" 2>/dev/null || true; done
  for i in $(seq 100); do
    [ -z "$(skiff_cluster_pids "$name")" ] && break
    sleep 0.1
  done
  for pid in $(skiff_cluster_pids "$name"); do kill -9 "$pid" 2>/dev/null || true; done
  sleep 0.1
  if [ -n "$(skiff_cluster_pids "$name")" ]; then
    echo "testbed: processes of cluster $name survived: $(skiff_cluster_pids "$name" | tr '\n' ' ')" >&2
    return 1
  fi
  rm -rf "${SKIFF_TESTBED_KWOK_WORKDIR:?}/clusters/$name" "${SKIFF_TESTBED_CLUSTERS:?}/$name"
  # A port counts as left behind only while a process of this cluster holds it: once freed,
  # another cluster (of another work directory) may take it at once.
  local busy="" owner
  for i in $ports; do
    for owner in $(ss -Hltnp "sport = :$i" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2); do
      tr '\0' ' ' 2>/dev/null <"/proc/$owner/cmdline" | grep -qF -- "$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/" \
        && busy+=" $i"
    done
  done
  if [ -n "$busy" ]; then
    echo "testbed: ports of cluster $name still listening:$busy" >&2
    return 1
  fi
  return 0
}
