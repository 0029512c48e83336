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

# Argo's own binaries (argoexec, optionally workflow-controller), built from Argo's Go module.
# The Go module proxy serves github.com/argoproj/argo-workflows/v4 at v4.0.5 only. The commit
# only feeds the version string (`argoexec version`); it is the tag's commit in Argo's repository.
SKIFF_ARGO_VERSION=${SKIFF_ARGO_VERSION:-v4.0.5}
SKIFF_ARGO_RECIPE=1
case "$SKIFF_ARGO_VERSION" in
  v4.0.5) SKIFF_ARGO_COMMIT=0ab1452144d8f4d57c50b37ce50dad218868e950 ;;
  *) SKIFF_ARGO_COMMIT= ;;
esac
SKIFF_ARGO_KEY="argo-${SKIFF_ARGO_VERSION}_r${SKIFF_ARGO_RECIPE}"
SKIFF_ARGO_HOME="$SKIFF_TESTBED_CACHE/$SKIFF_ARGO_KEY"
SKIFF_ARGO_BIN="$SKIFF_ARGO_HOME/bin"
SKIFF_ARGOEXEC="$SKIFF_ARGO_BIN/argoexec"
# The image Argo's controller (built as above) uses for init and wait by default; the process
# kubelet treats any image whose repository ends in /argoexec as this one.
SKIFF_EXECUTOR_IMAGE="quay.io/argoproj/argoexec:$SKIFF_ARGO_VERSION"

# The process kubelet (testbed/kubelet, our Go code), built into the cache under a key made of
# its sources' hash, so a changed kubelet is rebuilt and worktrees with different kubelets
# do not disturb each other.
SKIFF_KUBELET_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/kubelet"
skiff_kubelet_hash() {
  (cd "$SKIFF_KUBELET_SRC" && ls go.mod go.sum *.go | grep -v '_test\.go$' | xargs cat) | sha256sum | cut -c1-16
}
SKIFF_KUBELET_HOME="$SKIFF_TESTBED_CACHE/kubelet-$(skiff_kubelet_hash)"
SKIFF_KUBELET="$SKIFF_KUBELET_HOME/skiff-kubelet"
SKIFF_TESTBED_WORKDIR=${SKIFF_TESTBED_WORKDIR:-/tmp/skiff-testbed-${USER:-$(id -un)}}

# Each work directory takes its ports from its own block of 100 below 28000, chosen by a hash of
# its path: clear of the kernel's ephemeral ports, of the range kwokctl searches on its own
# (down from 32767), and of the blocks of other work directories on the same machine.
SKIFF_TESTBED_PORT_BASE=${SKIFF_TESTBED_PORT_BASE:-$((20000 + ($(printf '%s' "$SKIFF_TESTBED_WORKDIR" | cksum | cut -d' ' -f1) % 80) * 100))}

# Every binary prepare.sh provides; up.sh refuses to start without all of them.
SKIFF_TESTBED_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl)

skiff_control_plane_present() {
  local b
  [ -f "$SKIFF_TESTBED_BIN/.complete" ] || return 1
  for b in "${SKIFF_TESTBED_BINARIES[@]}"; do [ -x "$SKIFF_TESTBED_BIN/$b" ] || return 1; done
}

skiff_argoexec_present() { [ -f "$SKIFF_ARGO_BIN/.complete" ] && [ -x "$SKIFF_ARGOEXEC" ]; }

skiff_kubelet_present() { [ -x "$SKIFF_KUBELET" ]; }

skiff_testbed_binaries_present() {
  skiff_control_plane_present && skiff_argoexec_present && skiff_kubelet_present
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

# The cgroup v2 directory of a cluster's kubelet: it holds the kubelet and every process of its
# pods, so that down.sh finds and kills them all even when the kubelet is gone.
skiff_kubelet_cgroup() {
  local mnt
  mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
  [ -n "$mnt" ] || return 1
  echo "$mnt/skiff-testbed/$(printf '%s' "$SKIFF_TESTBED_WORKDIR" | cksum | cut -d' ' -f1)-$1"
}

# Pids of the processes in a cgroup directory and below.
skiff_cgroup_pids() {
  [ -d "$1" ] || return 0
  find "$1" -name cgroup.procs -exec cat {} + 2>/dev/null
}

# Pids of live processes started for a cluster: those kwokctl recorded, any process whose
# command line points into the cluster's directory (kwokctl passes every component its own
# paths there, up.sh passes the kubelet its kubeconfig there), which also finds components
# whose pid file is gone, and every process in the kubelet's cgroup (the pods' processes).
skiff_cluster_pids() {
  local dir="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$1/" f pid cgroup cgroup_pids=""
  cgroup=$(skiff_kubelet_cgroup "$1") && cgroup_pids=$(skiff_cgroup_pids "$cgroup")
  {
    for f in "$dir"pids/*.pid; do [ -f "$f" ] && cat "$f" 2>/dev/null && echo; done
    grep -lsaF -- "$dir" /proc/[0-9]*/cmdline | sed -n 's#^/proc/\([0-9]*\)/cmdline$#\1#p'
  } | grep -E '^[0-9]+$' | sort -un | while read -r pid; do
    [ "$pid" = "$$" ] && continue
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$dir" && echo "$pid"
  done
  [ -z "$cgroup_pids" ] || echo "$cgroup_pids"
  return 0
}

# Stops a cluster's kubelet (SIGTERM: it kills its pods' processes), then kills whatever is
# left in its cgroup and removes the cgroups.
skiff_stop_kubelet() {
  local name=$1 pidfile="$SKIFF_TESTBED_CLUSTERS/$1/kubelet.pid" pid cgroup i
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "skiff-kubelet run"; then
      kill "$pid" 2>/dev/null || true
      for i in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  cgroup=$(skiff_kubelet_cgroup "$name") || return 0
  [ -d "$cgroup" ] || return 0
  echo 1 > "$cgroup/cgroup.kill" 2>/dev/null || true
  for i in $(seq 100); do
    grep -qx 'populated 0' "$cgroup/cgroup.events" 2>/dev/null && break
    sleep 0.1
  done
  find "$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null || true
  rmdir "$(dirname "$cgroup")" 2>/dev/null || true
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
  skiff_stop_kubelet "$name"
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
