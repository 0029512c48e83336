#!/usr/bin/env bash
# Starts testbed clusters (default: hub spoke1 spoke2) as local processes on 127.0.0.1, each
# with etcd, kube-apiserver, kube-controller-manager, kube-scheduler, a kwok controller and two
# fake nodes. A cluster of the same name left by an earlier run is deleted first.
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
  echo "testbed: the binaries are not built yet (looked in $SKIFF_TESTBED_BIN); run testbed/prepare.sh first" >&2
  exit 3
fi

skiff_lock_workdir
started=$(skiff_now)
kubectl="$SKIFF_TESTBED_BIN/kubectl"
mkdir -p "$SKIFF_TESTBED_CLUSTERS"

# The webhook ports come from 30000-30999, below the range kwokctl searches downwards from
# 32767 and below the kernel's ephemeral ports, so nothing else takes them while no webhook
# server listens yet.
taken_webhook_ports() { cat "$SKIFF_TESTBED_CLUSTERS"/*/webhook.port 2>/dev/null || true; }
pick_webhook_port() {
  local port
  for port in $(seq 30999 -1 30000); do
    taken_webhook_ports | grep -qx "$port" && continue
    ss -Hltn "sport = :$port" | grep -q . && continue
    echo "$port"; return 0
  done
  echo "testbed: no free port for a webhook in 30000-30999" >&2; return 1
}

random_token() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

write_cluster_files() {
  local name=$1 dir=$2 port=$3
  umask 077
  local admin_token user_token
  admin_token=$(random_token); user_token=$(random_token)
  # token,user,uid,"groups"
  {
    echo "$admin_token,skiff-admin,skiff-admin-uid,\"system:masters\""
    echo "$user_token,skiff-user,skiff-user-uid,\"skiff:testbed-users\""
  } > "$dir/tokens.csv"
  echo "$port" > "$dir/webhook.port"
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
YAML
    cat "$here/kwok-stages.yaml"
  } > "$dir/kwokctl.yaml"
}

for name in "${names[@]}"; do
  t=$(skiff_now)
  skiff_delete_cluster "$name"
  dir="$SKIFF_TESTBED_CLUSTERS/$name"
  mkdir -p "$dir"
  port=$(pick_webhook_port)
  write_cluster_files "$name" "$dir" "$port"
  if ! skiff_kwokctl create cluster --name "$name" --config "$dir/kwokctl.yaml" --kubeconfig "" \
      --wait 2m >"$dir/create.log" 2>&1; then
    echo "testbed: creating cluster $name failed; kwokctl said:" >&2
    tail -n 30 "$dir/create.log" >&2
    echo "testbed: component logs are in $SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/logs" >&2
    exit 1
  fi
  kubeconfig="$SKIFF_TESTBED_KWOK_WORKDIR/clusters/$name/kubeconfig.yaml"
  skiff_kwokctl scale node --name "$name" --replicas 2 >>"$dir/create.log" 2>&1
  "$kubectl" --kubeconfig "$kubeconfig" wait --for=condition=Ready node --all --timeout=120s >/dev/null
  # ServiceAccount admission needs the namespace's default ServiceAccount, which
  # kube-controller-manager creates shortly after start.
  for i in $(seq 600); do
    "$kubectl" --kubeconfig "$kubeconfig" -n default get serviceaccount default >/dev/null 2>&1 && break
    sleep 0.1
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
PROPS
  echo "testbed: cluster $name up at $server (webhook port $port) in $(skiff_since "$t") s"
done
echo "testbed: ${#names[@]} cluster(s) up in $(skiff_since "$started") s; details in $SKIFF_TESTBED_CLUSTERS/<name>/cluster.properties"
