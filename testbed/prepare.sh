#!/usr/bin/env bash
# Builds (once) or reuses the testbed's binaries: kube-apiserver, kube-controller-manager,
# kube-scheduler and kubectl from k8s.io/kubernetes, etcd from go.etcd.io/etcd/server/v3, kwok
# and kwokctl from sigs.k8s.io/kwok, Argo's argoexec from github.com/argoproj/argo-workflows/v4
# (with --with-workflow-controller also Argo's workflow-controller), and the process kubelet
# from testbed/kubelet. They go to a cache outside the repository, keyed by the versions (see
# lib.sh). A concurrent run waits on a lock instead of building twice.
# Nothing fetched here is stored in the repository: the wrapper go.mod files and the copy of
# Argo's module are made in the cache directory at build time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

started=$(skiff_now)
with_controller=0
for arg in "$@"; do
  case "$arg" in
    --with-workflow-controller) with_controller=1 ;;
    *) echo "testbed: unknown argument '$arg' (known: --with-workflow-controller)" >&2; exit 2 ;;
  esac
done
mkdir -p "$SKIFF_TESTBED_CACHE"
command -v go >/dev/null || { echo "testbed: 'go' is not on PATH; Go 1.26 or newer is needed to build the testbed" >&2; exit 2; }
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local

# Builds into a temporary directory and renames into place, so a killed build never leaves a
# half-written binary behind under its final name.
install_from() {
  local tmp=$1 dest=$2; shift 2
  local b
  for b in "$@"; do mv -f "$tmp/$b" "$dest/$b"; done
  rm -rf "$tmp"
}

# Takes the lock of one cache entry on descriptor 9 (released when the next entry is locked or
# the script ends).
lock_entry() {
  exec 9>"$SKIFF_TESTBED_CACHE/$1.lock"
  if ! flock -n 9; then
    echo "testbed: another prepare.sh holds the lock of $1; waiting for it" >&2
    flock 9
  fi
}

# --- control plane: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd, kwok
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
  install_from "$tmp" "$SKIFF_TESTBED_BIN" kwok kwokctl
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
    install_from "$tmp" "$SKIFF_TESTBED_BIN" etcd)
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
    install_from "$tmp" "$SKIFF_TESTBED_BIN" "${cmds[@]}")
  echo "testbed: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $v built in $(skiff_since "$t") s"
}

lock_entry "$SKIFF_TESTBED_KEY"
if skiff_control_plane_present; then
  echo "testbed: control plane reused from $SKIFF_TESTBED_BIN"
else
  mkdir -p "$SKIFF_TESTBED_BIN" "$SKIFF_TESTBED_HOME/src"
  echo "testbed: building the control plane into $SKIFF_TESTBED_BIN (first time only; 10-25 min on 2 cores)"
  build_kwok
  build_etcd
  build_kubernetes
  "$SKIFF_TESTBED_BIN/kubectl" version --client >/dev/null
  for b in kube-apiserver kube-controller-manager kube-scheduler etcd kwok kwokctl; do
    "$SKIFF_TESTBED_BIN/$b" --version >/dev/null || { echo "testbed: $b was built but does not run" >&2; exit 1; }
  done
  printf '%s\n' "$SKIFF_TESTBED_KEY" > "$SKIFF_TESTBED_BIN/.complete"
fi

# --- Argo's argoexec (and, with --with-workflow-controller, workflow-controller)
# `go install .../cmd/argoexec@version` fails: the module zip drops the repository's one Go
# symlink, workflow/executor/osspecific/signal_linux.go -> signal_darwin.go, so Linux builds
# miss Setpgid. The build runs in a writable copy of the module in the cache with that file
# restored as a copy, with Argo's own go.mod and go.sum (its pinned dependencies).
argo_source() {
  local dir="$SKIFF_ARGO_HOME/src/argo-workflows" module
  if [ ! -f "$dir/.complete" ]; then
    module=$(go mod download -json "github.com/argoproj/argo-workflows/v4@$SKIFF_ARGO_VERSION" \
      | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$module" ] || { echo "testbed: could not download github.com/argoproj/argo-workflows/v4@$SKIFF_ARGO_VERSION" >&2; return 1; }
    rm -rf "$dir"; mkdir -p "$(dirname "$dir")"
    cp -r "$module" "$dir"
    chmod -R u+w "$dir"
    local os=workflow/executor/osspecific
    [ -f "$dir/$os/signal_linux.go" ] || cp "$dir/$os/signal_darwin.go" "$dir/$os/signal_linux.go"
    touch "$dir/.complete"
  fi
  echo "$dir"
}

build_argo() {
  local cmd=$1 t dir tmp p ldflags=""
  t=$(skiff_now)
  dir=$(argo_source)
  for p in version gitTag; do ldflags+=" -X github.com/argoproj/argo-workflows/v4.$p=$SKIFF_ARGO_VERSION"; done
  ldflags+=" -X github.com/argoproj/argo-workflows/v4.gitTreeState=clean"
  [ -z "$SKIFF_ARGO_COMMIT" ] || ldflags+=" -X github.com/argoproj/argo-workflows/v4.gitCommit=$SKIFF_ARGO_COMMIT"
  tmp=$(mktemp -d "$SKIFF_ARGO_HOME/tmp.XXXXXX")
  (cd "$dir" && go build -trimpath -ldflags "-s -w$ldflags" -o "$tmp/$cmd" "./cmd/$cmd")
  "$tmp/$cmd" version >/dev/null 2>&1 || { echo "testbed: $cmd was built but does not run" >&2; return 1; }
  install_from "$tmp" "$SKIFF_ARGO_BIN" "$cmd"
  echo "testbed: $cmd $SKIFF_ARGO_VERSION built in $(skiff_since "$t") s"
}

lock_entry "$SKIFF_ARGO_KEY"
mkdir -p "$SKIFF_ARGO_BIN"
if skiff_argoexec_present; then
  echo "testbed: argoexec reused from $SKIFF_ARGO_BIN"
else
  echo "testbed: building Argo's argoexec $SKIFF_ARGO_VERSION into $SKIFF_ARGO_BIN (first time only; 5-10 min on 2 cores)"
  build_argo argoexec
  printf '%s\n' "$SKIFF_ARGO_KEY" > "$SKIFF_ARGO_BIN/.complete"
fi
if [ "$with_controller" = 1 ] && [ ! -x "$SKIFF_ARGO_BIN/workflow-controller" ]; then
  build_argo workflow-controller
fi

# --- the process kubelet (testbed/kubelet)
lock_entry "$(basename "$SKIFF_KUBELET_HOME")"
if skiff_kubelet_present; then
  echo "testbed: kubelet reused from $SKIFF_KUBELET"
else
  t=$(skiff_now)
  mkdir -p "$SKIFF_KUBELET_HOME"
  tmp=$(mktemp -d "$SKIFF_KUBELET_HOME/tmp.XXXXXX")
  # Its unit tests run whenever a changed kubelet is built (seconds).
  (cd "$SKIFF_KUBELET_SRC"
    go vet ./...
    go test -count=1 ./... >"$tmp/test.log" 2>&1 || { cat "$tmp/test.log" >&2; echo "testbed: the kubelet's unit tests failed" >&2; exit 1; }
    go build -trimpath -ldflags "-s -w" -o "$tmp/skiff-kubelet" .)
  install_from "$tmp" "$SKIFF_KUBELET_HOME" skiff-kubelet
  echo "testbed: kubelet built into $SKIFF_KUBELET in $(skiff_since "$t") s"
fi
echo "testbed: binaries ready ($(skiff_since "$started") s)"
