"""The tests' handle on the emulator (loopback HTTP, JSON):

  GET  /events                                       everything in ``Events``, in order
  POST /revoke-access-key   {"accessKeyId": ...}     the key's session is revoked: STS refuses it,
                                                     so tokens it signed are no longer accepted
  POST /delete-access-entry {"cluster": ..., "principalArn": ...}
                                                     the cluster no longer maps that role
  POST /create-access-entry {"cluster": ..., "principalArn": ..., "groups": [...]}
                                                     the cluster maps that role (again)"""
import json

from .json_http import JsonHandler, start


def serve(events, registry, verifiers, log, port=0):
    class Handler(JsonHandler):
        def do_GET(self):
            if self.path != "/events":
                return self._answer(404, {"message": "not found"})
            self._answer(200, events.all())

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length))
                if self.path == "/revoke-access-key":
                    registry.revoke(body["accessKeyId"])
                    log(f"control: revoked the session of {body['accessKeyId']}")
                elif self.path == "/delete-access-entry":
                    verifiers[body["cluster"]].delete_access_entry(body["principalArn"])
                    log(f"control: deleted the access entry of {body['principalArn']} on {body['cluster']}")
                elif self.path == "/create-access-entry":
                    verifiers[body["cluster"]].create_access_entry(body["principalArn"], body["groups"])
                    log(f"control: created the access entry of {body['principalArn']} on {body['cluster']}")
                else:
                    return self._answer(404, {"message": "not found"})
            except (ValueError, KeyError, TypeError) as e:
                return self._answer(400, {"message": f"bad request: {e!r}"})
            self._answer(200, {})


    return start(Handler, port, "control")
