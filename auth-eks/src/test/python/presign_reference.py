"""Prints the EKS token for fixed inputs, signed by botocore (an implementation independent of
the AWS SDK for Java), to cross-check EksTokenPresignerTest's known answer.

Usage: python presign_reference.py   (with the emulator's venv, see prepare.sh)
"""
import base64
import datetime
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "ASIAEXAMPLEKEY123456"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/session+token=="
CLUSTER = "spoke-1"
REGION = "eu-west-1"
AT = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)


def main():
    request = AWSRequest(
        method="GET",
        url=f"https://sts.{REGION}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
        headers={"x-k8s-aws-id": CLUSTER},
    )
    signer = botocore.auth.SigV4QueryAuth(
        Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN), "sts", REGION, expires=60)
    with mock.patch("botocore.auth.get_current_datetime", return_value=AT):
        signer.add_auth(request)
    url = request.prepare().url
    print(url)
    print("k8s-aws-v1." + base64.urlsafe_b64encode(url.encode()).decode().rstrip("="))


if __name__ == "__main__":
    main()
