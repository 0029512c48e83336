#!/usr/bin/env bash
# Starts testbed clusters (default: hub spoke1 spoke2) as local processes on 127.0.0.1, each
# with etcd, kube-apiserver, kube-controller-manager, kube-scheduler, a kwok controller, two
# fake nodes and the process kubelet that runs Argo's pods (testbed/kubelet). A cluster of the
# same name left by an earlier run is deleted first.
# Per cluster, $SKIFF_TESTBED_WORKDIR/clusters/<name>/cluster.properties says where everything is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(hub spoke1 spoke2)
for name in "${names[@]}"; do
  [[ "$name" =~ ^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$ ]] || { echo "testbed: '$name' is not a valid cluster name (lower-case letters, digits and '-')" >&2; exit 2; }
done
if ! skiff_testbed_binaries_present; then
  echo "testbed: the binaries are not built yet (looked for $SKIFF_TESTBED_BIN, $SKIFF_ARGOEXEC and $SKIFF_KUBELET); run testbed/prepare.sh first" >&2
  exit 3
fi

skiff_lock_workdir
started=$(skiff_now)
kubectl="$SKIFF_TESTBED_BIN/kubectl"
mkdir -p "$SKIFF_TESTBED_CLUSTERS"

# Ports of a cluster: its webhook, etcd (client, peer), kube-apiserver, kube-controller-manager,
# kube-scheduler, kwok controller and kubelet, all from this work directory's block (see
# lib.sh), none listening now nor given to another cluster of this work directory.
taken_ports() { cat "$SKIFF_TESTBED_CLUSTERS"/*/ports 2>/dev/null || true; }
pick_ports() {
  local count=$1 port picked=() taken
  taken=$(taken_ports)
  for port in $(seq "$SKIFF_TESTBED_PORT_BASE" $((SKIFF_TESTBED_PORT_BASE + 99))); do
    grep -qx "$port" <<<"$taken" && continue
    ss -Hltn "sport = :$port" | grep -q . && continue
    picked+=("$port")
    [ ${#picked[@]} -eq "$count" ] && { echo "${picked[@]}"; return 0; }
  done
  echo "testbed: fewer than $count free ports left in $SKIFF_TESTBED_PORT_BASE-$((SKIFF_TESTBED_PORT_BASE + 99))" >&2
  return 1
}

random_token() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

write_cluster_files() {
  local name=$1 dir=$2
  umask 077
  local ports
  ports=($(pick_ports 8))
  printf '%s\n' "${ports[@]}" > "$dir/ports"
  local port=${ports[0]}
  local admin_token user_token
  admin_token=$(random_token); user_token=$(random_token)
  # token,user,uid,"groups"
  {
    echo "$admin_token,skiff-admin,skiff-admin-uid,\"system:masters\""
    echo "$user_token,skiff-user,skiff-user-uid,\"skiff:testbed-users\""
  } > "$dir/tokens.csv"
  cat > "$dir/webhook.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: token-webhook
  cluster:
    server: http://127.0.0.1:$port/authenticate
users:
- name: kube-apiserver
  user: {}
contexts:
- name: token-webhook
  context:
    cluster: token-webhook
    user: kube-apiserver
current-context: token-webhook
YAML
  local b="$SKIFF_TESTBED_BIN"
  local pki="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/pki"
  {
    cat <<YAML
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  bindAddress: 127.0.0.1
  kubeVersion: $SKIFF_K8S_VERSION
  kwokVersion: $SKIFF_KWOK_VERSION
  kubeApiserverBinary: $b/kube-apiserver
  kubeControllerManagerBinary: $b/kube-controller-manager
  kubeSchedulerBinary: $b/kube-scheduler
  kubectlBinary: $b/kubectl
  etcdBinary: $b/etcd
  kwokControllerBinary: $b/kwok
  securePort: true
  kubeAuthorization: true
  kubeAdmission: true
  etcdPort: ${ports[1]}
  etcdPeerPort: ${ports[2]}
  kubeApiserverPort: ${ports[3]}
  kubeControllerManagerPort: ${ports[4]}
  kubeSchedulerPort: ${ports[5]}
  kwokControllerPort: ${ports[6]}
componentsPatches:
- name: kube-apiserver
  extraArgs:
  - key: token-auth-file
    value: $dir/tokens.csv
  - key: authentication-token-webhook-config-file
    value: $dir/webhook.kubeconfig
  - key: authentication-token-webhook-version
    value: v1
  - key: authentication-token-webhook-cache-ttl
    value: 0s
  - key: kubelet-client-certificate
    value: $pki/admin.crt
  - key: kubelet-client-key
    value: $pki/admin.key
  - key: kubelet-certificate-authority
    value: $pki/ca.crt
  - key: kubelet-preferred-address-types
    value: InternalIP
# One instance each: nothing to elect. With leader election on, a lease renewal that missed its 5 s deadline on
# a loaded machine (load average 20+ on 2 cores) made kube-controller-manager exit for good, and with it namespace
# deletion and garbage collection.
- name: kube-controller-manager
  extraArgs:
  - key: leader-elect
    value: "false"
- name: kube-scheduler
  extraArgs:
  - key: leader-elect
    value: "false"
YAML
    sed "s/__SKIFF_KUBELET_PORT__/${ports[7]}/g" "$here/kwok-stages.yaml"
  } > "$dir/kwokctl.yaml"
}

# Keeps the logs of a failed attempt (deleting the cluster removes them) and shows their ends.
keep_failure_logs() {
  local name=$1 attempt=$2 dir=$3
  local logs="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/logs"
  local kept="$SKIFF_TESTBED_WORKDIR/failed/$name-attempt$attempt"
  rm -rf "$kept"; mkdir -p "$kept"
  cp -r "$logs" "$kept/" 2>/dev/null || true
  cp "$dir/create.log" "$kept/" 2>/dev/null || true
  echo "testbed: cluster $name, attempt $attempt failed; logs kept in $kept" >&2
  local f
  cp "$dir/kubelet.log" "$kept/" 2>/dev/null || true
  for f in "$kept"/logs/*.log "$kept/create.log" "$kept/kubelet.log"; do
    [ -f "$f" ] || continue
    echo "--- $(basename "$f") (last lines)" >&2
    tail -n 5 "$f" | cut -c1-300 >&2
  done
}

# One attempt at starting a cluster; returns non-zero if it did not become usable.
create_cluster() {
  local name=$1 dir=$2 kubeconfig=$3 i
  skiff_kwokctl create cluster --name "$name" --config "$dir/kwokctl.yaml" --kubeconfig "" \
    --wait 2m >"$dir/create.log" 2>&1 || return 1
  skiff_kwokctl scale node --name "$name" --replicas 2 >>"$dir/create.log" 2>&1 || return 1
  "$kubectl" --kubeconfig "$kubeconfig" wait --for=condition=Ready node --all --timeout=120s \
    >>"$dir/create.log" 2>&1 || return 1
  # ServiceAccount admission needs the namespace's default ServiceAccount, which
  # kube-controller-manager creates shortly after start. On a loaded machine it can give up
  # waiting for the apiserver's health (20 s) and exit for good: then this attempt has failed,
  # and waiting the full 120 s for the account would only delay the next one.
  local sa=0 kcm_pid_file="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/pids/kube-controller-manager.pid"
  for i in $(seq 600); do
    "$kubectl" --kubeconfig "$kubeconfig" -n default get serviceaccount default >/dev/null 2>&1 && { sa=1; break; }
    if [ -f "$kcm_pid_file" ] && ! kill -0 "$(cat "$kcm_pid_file")" 2>/dev/null; then
      echo "kube-controller-manager exited before it made the default ServiceAccount" >>"$dir/create.log"
      return 1
    fi
    sleep 0.2
  done
  [ "$sa" = 1 ] || { echo "no default ServiceAccount after 120 s" >>"$dir/create.log"; return 1; }
  start_kubelet "$name" "$dir" "$kubeconfig"
}

# Starts the cluster's process kubelet (in its own session, with the locks closed) and waits
# until it serves and watches pods.
start_kubelet() {
  local name=$1 dir=$2 kubeconfig=$3 i pid cgroup
  local pki="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/pki"
  cgroup=$(skiff_kubelet_cgroup "$name") || { echo "no cgroup v2 hierarchy mounted" >>"$dir/create.log"; return 1; }
  local args=(run --kubeconfig "$kubeconfig" --listen "127.0.0.1:$(sed -n 8p "$dir/ports")"
    --tls-cert "$pki/admin.crt" --tls-key "$pki/admin.key" --client-ca "$pki/ca.crt"
    --state-dir "$dir/kubelet" --cgroup "$cgroup" --argoexec "$SKIFF_ARGOEXEC" --ready-file "$dir/kubelet.ready")
  case "${SKIFF_TESTBED_INSTANT:-}" in 1|true) args+=(--instant) ;; esac
  rm -f "$dir/kubelet.ready"
  setsid "$SKIFF_KUBELET" "${args[@]}" </dev/null >"$dir/kubelet.log" 2>&1 8>&- 9>&- &
  pid=$!
  echo "$pid" > "$dir/kubelet.pid"
  for i in $(seq 600); do
    [ -f "$dir/kubelet.ready" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the kubelet exited: $(tail -n 3 "$dir/kubelet.log")" >>"$dir/create.log"; return 1; }
    sleep 0.1
  done
  echo "the kubelet was not ready after 60 s" >>"$dir/create.log"
  return 1
}

attempts=${SKIFF_TESTBED_ATTEMPTS:-3}
for name in "${names[@]}"; do
  t=$(skiff_now)
  dir="$SKIFF_TESTBED_CLUSTERS/$name"
  kubeconfig="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/kubeconfig.yaml"
  attempt=1
  while true; do
    skiff_delete_cluster "$name"
    mkdir -p "$dir"
    write_cluster_files "$name" "$dir"
    port=$(head -n 1 "$dir/ports")
    create_cluster "$name" "$dir" "$kubeconfig" && break
    keep_failure_logs "$name" "$attempt" "$dir"
    if [ "$attempt" -ge "$attempts" ]; then
      echo "testbed: cluster $name did not start in $attempts attempts" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
  done
  server=$("$kubectl" --kubeconfig "$kubeconfig" config view -o jsonpath='{.clusters[0].cluster.server}')
  ca_file=$("$kubectl" --kubeconfig "$kubeconfig" config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority}')
  if [ -z "$ca_file" ]; then
    ca_file="$dir/ca.crt"
    "$kubectl" --kubeconfig "$kubeconfig" config view --raw \
      -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > "$ca_file"
  fi
  cat > "$dir/cluster.properties" <<PROPS
name=$name
server=$server
kubeconfig=$kubeconfig
caFile=$ca_file
kubectl=$kubectl
tokenFile=$dir/tokens.csv
webhookPort=$port
webhookUrl=http://127.0.0.1:$port/authenticate
webhookConfig=$dir/webhook.kubeconfig
kubeVersion=$SKIFF_K8S_VERSION
kubeletPort=$(sed -n 8p "$dir/ports")
kubeletLog=$dir/kubelet.log
kubeletStateDir=$dir/kubelet
kubeletCgroup=$(skiff_kubelet_cgroup "$name")
kubeletInstant=$(case "${SKIFF_TESTBED_INSTANT:-}" in 1|true) echo true ;; *) echo false ;; esac)
argoVersion=$SKIFF_ARGO_VERSION
argoexec=$SKIFF_ARGOEXEC
executorImage=$SKIFF_EXECUTOR_IMAGE
workflowController=$( [ -x "$SKIFF_ARGO_BIN/workflow-controller" ] && echo "$SKIFF_ARGO_BIN/workflow-controller")
PROPS
  echo "testbed: cluster $name up at $server (webhook port $port) in $(skiff_since "$t") s$( [ "$attempt" -gt 1 ] && echo " (attempt $attempt)")"
done
echo "testbed: ${#names[@]} cluster(s) up in $(skiff_since "$started") s; details in $SKIFF_TESTBED_CLUSTERS/<name>/cluster.properties"
