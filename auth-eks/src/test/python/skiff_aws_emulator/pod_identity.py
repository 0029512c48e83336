"""An EKS Pod Identity agent: GET /v1/credentials with the pod's token in Authorization.

Like the real agent it compares the header with the projected service-account token (here: the
content of a file, read on every request) and answers with temporary credentials of the role
associated with the pod, in the container-credentials JSON shape the AWS SDKs read."""
import datetime
import secrets
import threading

from .json_http import JsonHandler, start

from .identities import Identity


class PodIdentityAgent:

    def __init__(self, registry, token_file, role_arn, lifetime_seconds, log):
        self.registry = registry
        self.token_file = token_file
        self.role_arn = role_arn  # arn:aws:iam::ACCOUNT:role/NAME
        self.lifetime = datetime.timedelta(seconds=lifetime_seconds)
        self.log = log
        self.issued = 0
        self._lock = threading.Lock()

    def issue(self):
        with self._lock:
            self.issued += 1
            n = self.issued
        account = self.role_arn.split(":")[4]
        role = self.role_arn.split("/")[-1]
        session = f"eks-hub-skiff-{n}"
        identity = Identity(
            access_key_id="ASIAPODIDENTITY" + secrets.token_hex(3).upper() + f"{n:02d}",
            secret_access_key=secrets.token_urlsafe(30),
            session_token="PodIdentitySession" + secrets.token_urlsafe(60),
            arn=f"arn:aws:sts::{account}:assumed-role/{role}/{session}",
            user_id=f"AROAPODIDENTITYROLE:{session}",
            expiration=datetime.datetime.now(datetime.timezone.utc) + self.lifetime)
        self.registry.add(identity)
        return identity

    def serve(self, port=0):
        agent = self

        class Handler(JsonHandler):
            def do_GET(self):
                if self.path != "/v1/credentials":
                    return self._answer(404, {"message": "not found"})
                with open(agent.token_file, encoding="utf-8") as f:
                    expected = f.read()
                if not expected or self.headers.get("Authorization") != expected:
                    agent.log("pod-identity: refused a request with a wrong or missing Authorization header")
                    return self._answer(401, {"message": "invalid service account token"})
                identity = agent.issue()
                agent.log(f"pod-identity: issued {identity.access_key_id} for {identity.arn}")
                self._answer(200, {
                    "AccessKeyId": identity.access_key_id,
                    "SecretAccessKey": identity.secret_access_key,
                    "Token": identity.session_token,
                    "AccountId": identity.account,
                    "Expiration": identity.expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
                })


        return start(Handler, port, "pod-identity")
