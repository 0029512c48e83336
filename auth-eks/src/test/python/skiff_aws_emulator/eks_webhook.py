"""A kube-apiserver webhook token authenticator that accepts EKS tokens the way EKS does.

It applies the token verifier's rules (prefix, size, base64url, https, known STS host of the
cluster's partition, path /, allowed and unique query parameters, GetCallerIdentity, signed
x-k8s-aws-id, X-Amz-Expires 0..900, at most 15 minutes after X-Amz-Date), then, where EKS asks
STS, recomputes the SigV4 signature with botocore using the secret of the signing key and this
cluster's name as x-k8s-aws-id. The caller's assumed-role ARN is mapped to its IAM role ARN and
looked up in an access-entry table (username and groups); no entry -> not authenticated.
A token signed with a revoked session's key is refused as STS would refuse the key. Every review
is recorded in ``Events`` (cluster, signing key id, signing time, outcome)."""
import base64
import datetime
import json
from urllib.parse import parse_qs, urlsplit

from botocore.loaders import create_loader

from .json_http import JsonHandler, start

from .sigv4 import SignatureError, verify_presigned_url

PREFIX = "k8s-aws-v1."
MAX_TOKEN_LENGTH = 4096
VALIDITY = datetime.timedelta(minutes=15)
ALLOWED_PARAMS = {"action", "version", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
                  "x-amz-security-token", "x-amz-signature", "x-amz-signedheaders"}


class TokenRejected(Exception):
    pass


def sts_hosts(region):
    """The STS hostnames of the partition that ``region`` belongs to (regional, FIPS, and in
    the aws partition the global one), from botocore's endpoint data."""
    import re
    data = create_loader().load_data("endpoints")
    for partition in data["partitions"]:
        if region in partition["regions"] or re.match(partition["regionRegex"], region):
            suffix = partition["dnsSuffix"]
            template = partition["defaults"]["hostname"]
            hosts = {template.format(service="sts", region=r, dnsSuffix=suffix) for r in partition["regions"]}
            for name, endpoint in partition["services"].get("sts", {}).get("endpoints", {}).items():
                hosts.add(endpoint.get("hostname") or template.format(service="sts", region=name, dnsSuffix=suffix))
            return hosts
    raise ValueError(f"no partition for region {region}")


class EksTokenVerifier:

    def __init__(self, cluster_name, region, registry, access_entries, clock=None, events=None):
        self.cluster_name = cluster_name
        self.hosts = sts_hosts(region)
        self.registry = registry
        self.access_entries = {e["principalArn"]: e for e in access_entries}
        self.clock = clock or (lambda: datetime.datetime.now(datetime.timezone.utc))
        self.events = events

    def delete_access_entry(self, principal_arn):
        """As ``aws eks delete-access-entry``: the role is no longer a user of this cluster."""
        if self.access_entries.pop(principal_arn, None) is None:
            raise KeyError(f"no access entry for {principal_arn} on {self.cluster_name}")

    def create_access_entry(self, principal_arn, groups):
        """As ``aws eks create-access-entry``: the role becomes a user of this cluster in ``groups``."""
        if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
            raise TypeError("groups must be a list of strings")
        self.access_entries[principal_arn] = {"principalArn": principal_arn, "groups": groups}

    def url_of(self, token):
        """The presigned URL inside a token, after the verifier's format rules."""
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenRejected("token is too large")
        if not token.startswith(PREFIX):
            raise TokenRejected(f"token is missing the {PREFIX} prefix")
        body = token[len(PREFIX):]
        if "=" in body or "+" in body or "/" in body:
            raise TokenRejected("token is not unpadded base64url")
        try:
            url = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise TokenRejected("token is not base64url") from None
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise TokenRejected(f"unexpected scheme {parts.scheme!r}")
        if parts.netloc not in self.hosts:
            raise TokenRejected(f"unexpected hostname {parts.netloc!r}")
        if parts.path != "/":
            raise TokenRejected("unexpected path")
        try:
            query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            raise TokenRejected("malformed query") from None
        params = {}
        for key, values in query.items():
            if key.lower() not in ALLOWED_PARAMS:
                raise TokenRejected(f"query parameter {key!r} is not allowed")
            if len(values) != 1 or key.lower() in params:
                raise TokenRejected("query parameter with multiple values")
            params[key.lower()] = values[0]
        if params.get("action") != "GetCallerIdentity":
            raise TokenRejected("unexpected action")
        if "x-k8s-aws-id" not in [h.lower() for h in params.get("x-amz-signedheaders", "").split(";")]:
            raise TokenRejected("x-k8s-aws-id is not signed")
        try:
            expires = int(params.get("x-amz-expires", ""))
        except ValueError:
            raise TokenRejected("invalid X-Amz-Expires") from None
        if not 0 <= expires <= 900:
            raise TokenRejected("invalid X-Amz-Expires")
        try:
            date = datetime.datetime.strptime(params.get("x-amz-date", ""), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            raise TokenRejected("missing or malformed X-Amz-Date") from None
        if self.clock() > date + VALIDITY:
            raise TokenRejected("X-Amz-Date is expired (15 minute expiration)")
        return url

    def verify(self, token):
        """The identity behind a token, as STS GetCallerIdentity would tell it."""
        url = self.url_of(token)
        now = self.clock()
        if self.registry.is_revoked(signing_key(url)):
            raise TokenRejected("sts:GetCallerIdentity would fail: the security token included in the request is"
                                " invalid (its session was revoked)")
        try:
            access_key, region, service, _ = verify_presigned_url(
                url, {"x-k8s-aws-id": self.cluster_name}, self.registry.secret_of(now))
        except SignatureError as e:
            raise TokenRejected(f"sts:GetCallerIdentity would fail: {e}") from None
        host_region = urlsplit(url).netloc.split(".")[1]
        if service != "sts" or (host_region != "amazonaws" and region != host_region):
            raise TokenRejected("credential scope does not match the STS endpoint")
        return self.registry.find(access_key)

    def review(self, token):
        """A TokenReview status for ``token`` and a log line (which names the signing key id)."""
        status, line = self._review(token)
        key = signed_at = None
        try:
            url = self.url_of(token)
            key = signing_key(url)
            signed_at = parse_qs(urlsplit(url).query).get("X-Amz-Date", [None])[0]
        except TokenRejected:
            pass
        if self.events is not None:
            self.events.record(kind="review", cluster=self.cluster_name, accessKeyId=key, signedAt=signed_at,
                               authenticated=status["authenticated"], detail=line)
        return status, line + (f" (key {key})" if key else "")

    def _review(self, token):
        try:
            identity = self.verify(token)
        except TokenRejected as e:
            return {"authenticated": False, "error": str(e)}, f"refused: {e}"
        entry = self.access_entries.get(identity.role_arn)
        if entry is None:
            return ({"authenticated": False, "error": f"{identity.role_arn} has no access entry"},
                    f"refused: no access entry for {identity.role_arn}")
        username = (entry.get("username") or identity.arn) \
            .replace("{{SessionName}}", identity.session_name).replace("{{AccountID}}", identity.account)
        user = {
            "username": username,
            "uid": f"aws-iam-authenticator:{identity.account}:{identity.user_id.split(':')[0]}",
            "groups": list(entry.get("groups", [])),
            "extra": {"arn": [identity.arn], "canonicalArn": [identity.role_arn],
                      "sessionName": [identity.session_name], "accessKeyId": [identity.access_key_id]},
        }
        return {"authenticated": True, "user": user}, f"authenticated {username} groups={user['groups']}"


def signing_key(url):
    """The access key id in a presigned URL's X-Amz-Credential, or None."""
    credential = parse_qs(urlsplit(url).query).get("X-Amz-Credential", [""])[0]
    return credential.split("/")[0] or None


def serve(verifier, log, port=0, tls=None):
    class Handler(JsonHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                review = json.loads(self.rfile.read(length))
                token = review["spec"]["token"]
            except (ValueError, KeyError, TypeError):
                return self._answer(400, {"message": "expected a TokenReview"})
            status, line = verifier.review(token)
            log(f"webhook {verifier.cluster_name}: {line}")
            self._answer(200, {"apiVersion": review.get("apiVersion", "authentication.k8s.io/v1"),
                               "kind": "TokenReview", "status": status})


    return start(Handler, port, f"webhook-{verifier.cluster_name}", tls)
