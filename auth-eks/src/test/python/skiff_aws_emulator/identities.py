"""Who owns an access key: the Pod Identity agent's own credentials or moto's assumed roles."""
import datetime
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    access_key_id: str
    secret_access_key: str
    session_token: str
    arn: str  # arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
    user_id: str  # AROA...:SESSION
    expiration: datetime.datetime

    @property
    def account(self):
        return self.arn.split(":")[4]

    @property
    def role_arn(self):
        """arn:aws:sts::A:assumed-role/R/S -> arn:aws:iam::A:role/R (as EKS canonicalises it)."""
        partition, account, resource = self.arn.split(":")[1], self.account, self.arn.split(":", 5)[5]
        role = resource.split("/")[1]
        return f"arn:{partition}:iam::{account}:role/{role}"

    @property
    def session_name(self):
        return self.arn.rsplit("/", 1)[1]


class IdentityRegistry:
    """Credentials this emulator handed out, by access key id."""

    def __init__(self):
        self._own = {}
        self._revoked = set()
        self._lock = threading.Lock()

    def revoke(self, access_key_id):
        """From now on the key signs nothing AWS accepts, as if its session had been revoked."""
        with self._lock:
            self._revoked.add(access_key_id)

    def is_revoked(self, access_key_id):
        with self._lock:
            return access_key_id in self._revoked

    def add(self, identity):
        with self._lock:
            self._own[identity.access_key_id] = identity

    def find(self, access_key_id):
        with self._lock:
            if access_key_id in self._own:
                return self._own[access_key_id]
        return _from_moto(access_key_id)

    def secret_of(self, now):
        """A lookup for sigv4: (secret, token) of a key that is still valid at ``now``."""
        def lookup(access_key_id):
            identity = self.find(access_key_id)
            if identity is None or identity.expiration <= now or self.is_revoked(access_key_id):
                return None
            return identity.secret_access_key, identity.session_token
        return lookup


def _from_moto(access_key_id):
    from moto.sts.models import sts_backends
    for account in list(sts_backends.keys()):
        for partition in list(sts_backends[account].keys()):
            for role in sts_backends[account][partition].assumed_roles:
                if role.access_key_id == access_key_id:
                    expiration = role.expiration
                    if expiration.tzinfo is None:
                        expiration = expiration.replace(tzinfo=datetime.timezone.utc)
                    return Identity(role.access_key_id, role.secret_access_key, role.session_token,
                                    role.arn, role.user_id, expiration)
    return None
