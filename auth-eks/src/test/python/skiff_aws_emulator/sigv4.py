"""Checks SigV4 signatures with botocore, an implementation independent of the one under test.

Both kinds are recomputed from scratch with the secret of the access key that claims to have
signed: header auth (``Authorization: AWS4-HMAC-SHA256 ...``, what the SDK sends to STS and
EKS) and query auth (presigned URLs, what an EKS token carries)."""
import datetime
import hashlib
import hmac
from urllib.parse import parse_qsl, urlsplit, urlencode, quote

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SIGV4_FORMAT = "%Y%m%dT%H%M%SZ"
AUTH_QUERY_PARAMS = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                     "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"}


class SignatureError(Exception):
    """The request is not signed by the key it names, or not in a way AWS accepts."""


class _FixedTime:
    """Signs at the request's own timestamp instead of now (botocore's add_auth reads the clock)."""

    def __init__(self, *args, timestamp, **kwargs):
        super().__init__(*args, **kwargs)
        self._timestamp = timestamp

    def add_auth(self, request):
        request.context["timestamp"] = self._timestamp
        self._modify_request_before_signing(request)
        canonical_request = self.canonical_request(request)
        self.signed = self.signed_headers(self.headers_to_sign(request))
        string_to_sign = self.string_to_sign(request, canonical_request)
        signature = self.signature(string_to_sign, request)
        self._inject_signature_to_request(request, signature)
        return signature


class _HeaderAuthAt(_FixedTime, SigV4Auth):
    pass


class _QueryAuthAt(_FixedTime, SigV4QueryAuth):
    pass


def parse_scope(credential):
    """'AKID/20260304/eu-west-1/sts/aws4_request' -> (akid, date, region, service)."""
    parts = credential.split("/")
    if len(parts) != 5 or parts[4] != "aws4_request":
        raise SignatureError("malformed credential scope")
    return parts[0], parts[1], parts[2], parts[3]


def parse_timestamp(value):
    try:
        return datetime.datetime.strptime(value, SIGV4_FORMAT).replace(tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        raise SignatureError("malformed X-Amz-Date") from None


def verify_header_auth(method, url, headers, body, secret_of, now, max_skew=datetime.timedelta(minutes=5)):
    """Checks a header-signed request. ``headers`` maps lower-case names to values; ``secret_of``
    maps an access key id to (secret, session token) or None. Returns (access key id, region,
    service)."""
    auth = headers.get("authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        raise SignatureError("missing or non-SigV4 Authorization header")
    fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    access_key, date, region, service = parse_scope(fields.get("Credential", ""))
    signed = fields.get("SignedHeaders", "").split(";")
    timestamp = headers.get("x-amz-date", "")
    at = parse_timestamp(timestamp)
    if at.strftime("%Y%m%d") != date:
        raise SignatureError("credential scope date does not match X-Amz-Date")
    if abs(now - at) > max_skew:
        raise SignatureError("request time is too far from now")
    known = secret_of(access_key)
    if known is None:
        raise SignatureError("unknown access key")
    secret, session_token = known
    if session_token is not None and headers.get("x-amz-security-token") != session_token:
        raise SignatureError("session token does not belong to the access key")
    if "x-amz-content-sha256" in headers and headers["x-amz-content-sha256"] != hashlib.sha256(body).hexdigest():
        raise SignatureError("body does not match x-amz-content-sha256")
    request = AWSRequest(method=method, url=url, data=body,
                         headers={name: headers[name] for name in signed if name in headers and name != "host"})
    signer = _HeaderAuthAt(Credentials(access_key, secret), service, region, timestamp=timestamp)
    expected = signer.add_auth(request)
    if signer.signed != ";".join(signed):
        raise SignatureError("signed headers do not match")
    if not hmac.compare_digest(expected, fields.get("Signature", "")):
        raise SignatureError("signature does not match")
    return access_key, region, service


def verify_presigned_url(url, extra_headers, secret_of):
    """Checks a presigned URL as the service it points at would when it is sent with
    ``extra_headers``. Returns (access key id, region, service, timestamp)."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    access_key, date, region, service = parse_scope(params.get("X-Amz-Credential", ""))
    timestamp = params.get("X-Amz-Date", "")
    at = parse_timestamp(timestamp)
    if at.strftime("%Y%m%d") != date:
        raise SignatureError("credential scope date does not match X-Amz-Date")
    known = secret_of(access_key)
    if known is None:
        raise SignatureError("unknown access key")
    secret, session_token = known
    if params.get("X-Amz-Security-Token") != session_token:
        raise SignatureError("session token does not belong to the access key")
    operation = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in AUTH_QUERY_PARAMS]
    unsigned = f"{parts.scheme}://{parts.netloc}{parts.path}?" + urlencode(operation, quote_via=quote)
    request = AWSRequest(method="GET", url=unsigned, headers=dict(extra_headers))
    signer = _QueryAuthAt(Credentials(access_key, secret, session_token), service, region,
                          expires=int(params.get("X-Amz-Expires", "0")), timestamp=timestamp)
    expected = signer.add_auth(request)
    if signer.signed != params.get("X-Amz-SignedHeaders"):
        raise SignatureError("signed headers do not match")
    if not hmac.compare_digest(expected, params.get("X-Amz-Signature", "")):
        raise SignatureError("signature does not match")
    return access_key, region, service, at
