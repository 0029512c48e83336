#!/usr/bin/env bash
# Stops or starts the kube-apiserver of one running testbed cluster, leaving everything else of it
# running (etcd with its data, controller-manager, scheduler, kwok, the process kubelet and its
# pods): a test's way to make a cluster unreachable and bring it back.
#   testbed/apiserver.sh stop <cluster>    SIGKILL (a crash, to its clients); returns once the port is closed
#   testbed/apiserver.sh start <cluster>   the same command line again (same port, certificates,
#                                          etcd); returns once /readyz answers ok
# kwokctl v0.8.0 can only stop and start a whole cluster (`kwokctl stop|start cluster`); it starts
# each component as a plain process whose command line it records nowhere else, so this script
# keeps the command line from /proc when it stops the apiserver and runs it again on start, with
# kwokctl's pid file and log file, so that kwokctl and down.sh find the new process as their own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

action=${1:-}
name=${2:-}
case "$action" in stop|start) ;; *) echo "usage: $0 stop|start <cluster>" >&2; exit 2 ;; esac
[[ "$name" =~ ^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$ ]] || { echo "testbed: '$name' is not a valid cluster name" >&2; exit 2; }
kwokdir="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name"
dir="$SKIFF_TESTBED_CLUSTERS/$name"
[ -d "$kwokdir" ] && [ -f "$dir/cluster.properties" ] || { echo "testbed: no cluster $name in $SKIFF_TESTBED_WORKDIR" >&2; exit 1; }
pidfile="$kwokdir/pids/kube-apiserver.pid"
saved="$dir/kube-apiserver.cmdline"
kubeconfig="$kwokdir/kubeconfig.yaml"
port=$(sed -n 4p "$dir/ports")

skiff_lock_workdir

running_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q -- "kube-apiserver" || return 1
  echo "$pid"
}

port_open() { ss -Hltn "sport = :$port" | grep -q .; }

case "$action" in
stop)
  pid=$(running_pid) || { echo "testbed: the kube-apiserver of $name is not running" >&2; exit 1; }
  # NUL-separated, as the kernel keeps it: arguments with spaces survive.
  cp "/proc/$pid/cmdline" "$saved.tmp"
  readlink "/proc/$pid/cwd" > "$saved.cwd"
  mv "$saved.tmp" "$saved"
  # SIGKILL: gone at once, as a crash or a cut network looks to clients (a SIGTERM'd kube-apiserver drains
  # its requests and watches for half a minute first).
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  for _ in $(seq 100); do port_open || break; sleep 0.1; done
  port_open && { echo "testbed: port $port of $name still listening after the kube-apiserver stopped" >&2; exit 1; }
  rm -f "$pidfile"
  echo "testbed: kube-apiserver of $name stopped (port $port closed)"
  ;;
start)
  if pid=$(running_pid); then echo "testbed: the kube-apiserver of $name is running already (pid $pid)"; exit 0; fi
  [ -f "$saved" ] || { echo "testbed: $saved is missing: stop the kube-apiserver with this script first" >&2; exit 1; }
  mapfile -d '' command < "$saved"
  cwd=$(cat "$saved.cwd" 2>/dev/null || echo "$kwokdir")
  (cd "$cwd" && exec setsid "${command[@]}" </dev/null >>"$kwokdir/logs/kube-apiserver.log" 2>&1 8>&- 9>&-) &
  pid=$!
  printf '%s' "$pid" > "$pidfile"
  kubectl="$SKIFF_TESTBED_BIN/kubectl"
  for _ in $(seq 1200); do
    kill -0 "$pid" 2>/dev/null || { echo "testbed: the kube-apiserver of $name exited: $(tail -n 3 "$kwokdir/logs/kube-apiserver.log")" >&2; exit 1; }
    [ "$("$kubectl" --kubeconfig "$kubeconfig" get --raw /readyz 2>/dev/null)" = ok ] && {
      echo "testbed: kube-apiserver of $name started again (pid $pid, port $port)"; exit 0; }
    sleep 0.1
  done
  echo "testbed: the kube-apiserver of $name was not ready after 120 s" >&2
  exit 1
  ;;
esac
