"""Starts the emulator from a JSON config and prints one line, ``READY {ports as JSON}``, when
every server listens. Runs until its standard input closes (so it dies with the test JVM) or it
gets SIGTERM. Log lines go to standard error and name no secret. ``controlPort`` serves the
tests' control endpoints (control.py).

Config:
  {"podIdentity": {"tokenFile": F, "roleArn": "arn:aws:iam::111111111111:role/hub", "lifetimeSeconds": 3600},
   "stsSessionSeconds": 20 (optional: every AssumeRole session lasts that long),
   "roles": [{"roleArn": "arn:aws:iam::222222222222:role/skiff-spoke", "trustedBy": ["arn:aws:iam::111111111111:role/hub"]}],
   "clusters": [{"name": "spoke1", "region": "eu-west-1", "account": "222222222222",
                 "endpoint": "https://127.0.0.1:6443", "caFile": F, "webhookPort": 0,
                 "webhookTls": {"certFile": F, "keyFile": F} (optional),
                 "accessEntries": [{"principalArn": "arn:aws:iam::222222222222:role/skiff-spoke",
                                    "username": "...{{SessionName}}" (optional), "groups": ["..."]}]}]}
"""
import base64
import json
import logging
import signal
import sys
import threading

from . import aws_api, control, eks_webhook, pod_identity
from .events import Events
from .identities import IdentityRegistry


def log(line):
    print(line, file=sys.stderr, flush=True)


def setup_moto(config):
    from moto.eks.models import eks_backends
    from moto.iam.models import iam_backends
    for role in config.get("roles", []):
        arn = role["roleArn"]
        account, name = arn.split(":")[4], arn.split("/")[-1]
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": role.get("trustedBy", [])}, "Action": "sts:AssumeRole"}]}
        iam_backends[account]["aws"].create_role(name, json.dumps(trust), "/", None, "", [], "3600")
    for cluster in config.get("clusters", []):
        backend = eks_backends[cluster["account"]][cluster["region"]]
        created = backend.create_cluster(
            name=cluster["name"], role_arn=f"arn:aws:iam::{cluster['account']}:role/eks-cluster",
            resources_vpc_config={"subnetIds": [], "securityGroupIds": []})
        created.endpoint = cluster["endpoint"]
        with open(cluster["caFile"], "rb") as f:
            created.certificate_authority = {"data": base64.b64encode(f.read()).decode()}


def main():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    registry = IdentityRegistry()
    events = Events()
    setup_moto(config)
    trust = {r["roleArn"]: set(r.get("trustedBy", [])) for r in config.get("roles", [])}
    ready = {}

    pod = config["podIdentity"]
    agent = pod_identity.PodIdentityAgent(registry, pod["tokenFile"], pod["roleArn"], pod.get("lifetimeSeconds", 3600), log)
    ready["podIdentityPort"] = agent.serve(pod.get("port", 0)).server_address[1]

    aws_server, _ = aws_api.serve(registry, trust, log, config.get("awsPort", 0), events,
                                  config.get("stsSessionSeconds"))
    ready["awsPort"] = aws_server.server_address[1]

    ready["webhookPorts"] = {}
    verifiers = {}
    for cluster in config.get("clusters", []):
        verifier = eks_webhook.EksTokenVerifier(cluster["name"], cluster["region"], registry, cluster.get("accessEntries", []),
                                                events=events)
        verifiers[cluster["name"]] = verifier
        server = eks_webhook.serve(verifier, log, cluster.get("webhookPort", 0), cluster.get("webhookTls"))
        ready["webhookPorts"][cluster["name"]] = server.server_address[1]
    ready["controlPort"] = control.serve(events, registry, verifiers, log).server_address[1]

    print("READY " + json.dumps(ready), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    log("emulator: stopping")


if __name__ == "__main__":
    main()
