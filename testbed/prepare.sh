#!/usr/bin/env bash
# Builds (once) or reuses the testbed's binaries: kube-apiserver, kube-controller-manager,
# kube-scheduler and kubectl from k8s.io/kubernetes, etcd from go.etcd.io/etcd/server/v3, kwok
# and kwokctl from sigs.k8s.io/kwok. They go to a cache outside the repository, keyed by the
# versions (see lib.sh). A concurrent run waits on a lock instead of building twice.
# Nothing fetched here is stored in the repository: the wrapper go.mod files are generated in
# the cache directory at build time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

started=$(skiff_now)
mkdir -p "$SKIFF_TESTBED_CACHE"
exec 9>"$SKIFF_TESTBED_CACHE/$SKIFF_TESTBED_KEY.lock"
if ! flock -n 9; then
  echo "testbed: another prepare.sh holds the cache lock; waiting for it" >&2
  flock 9
fi

if skiff_testbed_binaries_present; then
  echo "testbed: binaries reused from $SKIFF_TESTBED_BIN ($(skiff_since "$started") s)"
  exit 0
fi

command -v go >/dev/null || { echo "testbed: 'go' is not on PATH; Go 1.26 or newer is needed to build the testbed" >&2; exit 2; }
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local
mkdir -p "$SKIFF_TESTBED_BIN" "$SKIFF_TESTBED_HOME/src"
echo "testbed: building into $SKIFF_TESTBED_BIN (first time only; 10-25 min on 2 cores)"

# Builds into a temporary directory and renames into bin/, so a killed build never leaves a
# half-written binary behind under its final name.
install_from() {
  local tmp=$1; shift
  local b
  for b in "$@"; do mv -f "$tmp/$b" "$SKIFF_TESTBED_BIN/$b"; done
  rm -rf "$tmp"
}

missing() {
  local b
  for b in "$@"; do [ -x "$SKIFF_TESTBED_BIN/$b" ] || return 0; done
  return 1
}

build_kwok() {
  missing kwok kwokctl || return 0
  local t; t=$(skiff_now)
  local tmp; tmp=$(mktemp -d "$SKIFF_TESTBED_HOME/tmp.XXXXXX")
  GOBIN="$tmp" go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$SKIFF_KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$SKIFF_KWOK_VERSION"
  install_from "$tmp" kwok kwokctl
  echo "testbed: kwok, kwokctl $SKIFF_KWOK_VERSION built in $(skiff_since "$t") s"
}

build_etcd() {
  missing etcd || return 0
  local t; t=$(skiff_now)
  local dir="$SKIFF_TESTBED_HOME/src/etcd"
  rm -rf "$dir"; mkdir -p "$dir"
  # The etcd server module replaces its sibling modules with local paths, so `go install
  # pkg@version` refuses it; a wrapper module requiring it builds fine (replaces of
  # dependencies are ignored).
  (cd "$dir" && cat > go.mod <<MOD
module skiff.local/testbed/etcd

go 1.24.0
MOD
    go get "go.etcd.io/etcd/server/v3@$SKIFF_ETCD_VERSION" >/dev/null
    local tmp; tmp=$(mktemp -d "$SKIFF_TESTBED_HOME/tmp.XXXXXX")
    go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3
    install_from "$tmp" etcd)
  echo "testbed: etcd $SKIFF_ETCD_VERSION built in $(skiff_since "$t") s"
}

build_kubernetes() {
  missing kube-apiserver kube-controller-manager kube-scheduler kubectl || return 0
  local t; t=$(skiff_now)
  local v=$SKIFF_K8S_VERSION
  local dir="$SKIFF_TESTBED_HOME/src/kubernetes"
  rm -rf "$dir"; mkdir -p "$dir"
  local upstream
  upstream=$(go mod download -json "k8s.io/kubernetes@$v" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  [ -f "$upstream" ] || { echo "testbed: could not download the go.mod of k8s.io/kubernetes@$v" >&2; return 1; }
  # k8s.io/kubernetes replaces its staging modules (k8s.io/api, k8s.io/client-go, ...) with
  # directories of its own repository; the wrapper replaces each with its published release
  # v0.<minor>.<patch> instead. The list is read from the version's own go.mod.
  local staging_version="v0.${v#v1.}"
  {
    echo "module skiff.local/testbed/kubernetes"
    echo
    echo "go 1.24.0"
    echo
    sed -n 's/^godebug /godebug /p' "$upstream"
    echo
    echo "require k8s.io/kubernetes $v"
    echo
    echo "replace ("
    sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9./-]*\) => \./staging/src/.*#\t\1 => \1 '"$staging_version"'#p' "$upstream"
    echo ")"
  } > "$dir/go.mod"
  local cmds=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
  local pkgs=() c
  for c in "${cmds[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  local minor=${v#v1.}; minor=${minor%%.*}
  local ldflags="-s -w"
  local p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    ldflags+=" -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  (cd "$dir"
    go get "${pkgs[@]/%/@$v}" >/dev/null
    local tmp; tmp=$(mktemp -d "$SKIFF_TESTBED_HOME/tmp.XXXXXX")
    go build -trimpath -ldflags "$ldflags" -o "$tmp/" "${pkgs[@]}"
    install_from "$tmp" "${cmds[@]}")
  echo "testbed: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $v built in $(skiff_since "$t") s"
}

build_kwok
build_etcd
build_kubernetes
"$SKIFF_TESTBED_BIN/kubectl" version --client >/dev/null
for b in kube-apiserver kube-controller-manager kube-scheduler etcd kwok kwokctl; do
  "$SKIFF_TESTBED_BIN/$b" --version >/dev/null || { echo "testbed: $b was built but does not run" >&2; exit 1; }
done
printf '%s\n' "$SKIFF_TESTBED_KEY" > "$SKIFF_TESTBED_BIN/.complete"
echo "testbed: binaries ready in $SKIFF_TESTBED_BIN (cold build $(skiff_since "$started") s)"
