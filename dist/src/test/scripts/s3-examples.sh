#!/usr/bin/env bash
# Runs the artifact examples of a checkout of Argo's examples/ through `skiff run` twice: with the
# local directory repository, and with an S3 repository on a moto server on the loopback
# (--artifact-repository, --secret), and prints one row per example: exit code and phase of each.
#   dist/src/test/scripts/s3-examples.sh ARGO_EXAMPLES_DIR [SKIFF]
# SKIFF defaults to dist/target/skiff/bin/skiff (./dev build first). Needs the moto venv
# (auth-eks/src/test/python/prepare.sh, made on first use). Leaves nothing running.
set -euo pipefail
examples="${1:?usage: $0 ARGO_EXAMPLES_DIR [SKIFF]}"
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
skiff="${2:-$root/dist/target/skiff/bin/skiff}"
python="$(bash "$root/auth-eks/src/test/python/prepare.sh" | tail -1)"
work="$(mktemp -d /tmp/skiff-s3-examples.XXXXXX)"
port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$python" -m moto.server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; wait $moto 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true
"$python" -c "import boto3; boto3.client('s3', endpoint_url='http://127.0.0.1:$port', region_name='us-east-1').create_bucket(Bucket='my-bucket')"
cat >"$work/repo.yaml" <<YAML
s3:
  bucket: my-bucket
  endpoint: 127.0.0.1:$port
  insecure: true
  accessKeySecret: {name: my-minio-cred, key: accesskey}
  secretKeySecret: {name: my-minio-cred, key: secretkey}
YAML
cat >"$work/secret.yaml" <<YAML
apiVersion: v1
kind: Secret
metadata: {name: my-minio-cred}
stringData: {accesskey: testing, secretkey: testing}
---
apiVersion: v1
kind: Secret
metadata: {name: my-s3-credentials}
stringData: {accessKey: testing, secretKey: testing}
YAML
run() { # FILE ARGS... -> "exit phase"
  local file="$1"; shift
  local out rc phase
  set +e
  out="$(timeout 120 "$skiff" run "$file" -o json "$@" 2>"$work/err")"; rc=$?
  set -e
  phase="$(printf '%s' "$out" | "$python" -c 'import json,sys
try: print(json.load(sys.stdin)["status"]["phase"])
except Exception: print("-")')"
  echo "$rc $phase"
}
printf '%-48s %-18s %-18s %s\n' EXAMPLE LOCAL-REPO S3-REPO "FIRST LINE OF STDERR (S3)"
for f in $(grep -lE '^\s*artifacts:' -r "$examples" --include='*.yaml' | sort); do
  name="${f#$examples/}"
  local_result="$(cd "$work" && run "$f")"
  s3_result="$(cd "$work" && run "$f" --artifact-repository "$work/repo.yaml" --secret "$work/secret.yaml")"
  printf '%-48s %-18s %-18s %s\n' "$name" "$local_result" "$s3_result" "$(grep -m1 -v '^skiff: step files' "$work/err" | cut -c1-150)"
done
