"""STS and EKS: moto's server behind a WSGI layer that checks every request's SigV4 signature
(moto checks none) and enforces role trust for AssumeRole (moto assumes any role). Sessions
that AssumeRole hands out are recorded in ``Events`` (caller, role, new access key id, expiration).
With ``session_seconds`` every session lasts that long, whatever the caller asked (a knob for
tests of credential renewal: real STS sessions last at least 15 minutes)."""
import datetime
import io
import json
import re
import threading
from urllib.parse import parse_qs, parse_qsl, urlencode

from werkzeug.serving import make_server

from .sigv4 import SignatureError, verify_header_auth


class SignatureCheckingApp:

    def __init__(self, inner, registry, trust, log, events=None, session_seconds=None):
        self.inner = inner
        self.session_seconds = session_seconds  # every AssumeRole session lasts this long (None: as asked)
        self.registry = registry
        self.trust = trust  # role ARN -> role ARNs allowed to assume it
        self.log = log
        self.events = events
        self.checked = 0

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        if environ.get("CONTENT_LENGTH"):
            headers["content-length"] = environ["CONTENT_LENGTH"]
        raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
        url = f"http://{headers.get('host')}{raw_uri}"
        now = datetime.datetime.now(datetime.timezone.utc)
        try:
            access_key, _, service = verify_header_auth(environ["REQUEST_METHOD"], url, headers, body,
                                                        self.registry.secret_of(now), now)
        except SignatureError as e:
            self.log(f"aws: refused {environ['REQUEST_METHOD']} {raw_uri}: {e}")
            return _error(start_response, 403, "SignatureDoesNotMatch", f"signature check failed: {e}", json_error=not _is_query_api(headers))
        self.checked += 1
        caller = self.registry.find(access_key)
        if service == "sts":
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if form.get("Action") == "AssumeRole":
                target = form.get("RoleArn", "")
                if caller.role_arn not in self.trust.get(target, ()):
                    self.log(f"aws: {caller.arn} may not assume {target}")
                    return _error(start_response, 403, "AccessDenied",
                                  f"User: {caller.arn} is not authorized to perform: sts:AssumeRole on resource: {target}")
                self.log(f"aws: {caller.arn} assumes {target}")
                if self.session_seconds is not None:
                    body = _with_duration(body, self.session_seconds)
                    environ["wsgi.input"] = io.BytesIO(body)
                    environ["CONTENT_LENGTH"] = str(len(body))
                return self._assume_role(environ, start_response, caller, target)
        else:
            self.log(f"aws: {service} {environ['REQUEST_METHOD']} {raw_uri} by {caller.arn}")
        return self.inner(environ, start_response)


    def _assume_role(self, environ, start_response, caller, target):
        """Lets moto answer, then records the session it handed out before the answer leaves."""
        answer = {}

        def capture(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return lambda data: None

        result = self.inner(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        issued = re.search(rb"<AccessKeyId>([^<]+)</AccessKeyId>", body)
        expiration = re.search(rb"<Expiration>([^<]+)</Expiration>", body)
        if self.events is not None and answer["status"].startswith("200") and issued:
            self.events.record(kind="assume-role", caller=caller.arn, role=target, accessKeyId=issued.group(1).decode(),
                               expiration=expiration.group(1).decode() if expiration else None)
        start_response(answer["status"], answer["headers"])
        return [body]


def _with_duration(body, seconds):
    """The AssumeRole form with DurationSeconds set to ``seconds`` (after its signature was checked):
    real STS refuses less than 900, the emulator's knob makes sessions that end within a test."""
    form = [(k, v) for k, v in parse_qsl(body.decode(), keep_blank_values=True) if k != "DurationSeconds"]
    return urlencode(form + [("DurationSeconds", str(seconds))]).encode()


def _is_query_api(headers):
    return headers.get("content-type", "").startswith("application/x-www-form-urlencoded")


def _error(start_response, status, code, message, json_error=False):
    if json_error:
        data = json.dumps({"__type": code, "message": message}).encode()
        content_type = "application/json"
    else:
        data = (f'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                f"<Code>{code}</Code><Message>{_xml(message)}</Message></Error>"
                f"<RequestId>skiff-emulator</RequestId></ErrorResponse>").encode()
        content_type = "text/xml"
    start_response(f"{status} Forbidden", [("Content-Type", content_type), ("Content-Length", str(len(data))),
                                           ("x-amzn-ErrorType", code)])
    return [data]


def _xml(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def serve(registry, trust, log, port=0, events=None, session_seconds=None):
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    app = SignatureCheckingApp(DomainDispatcherApplication(create_backend_app), registry, trust, log, events, session_seconds)
    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=MotoRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True, name="aws").start()
    return server, app
