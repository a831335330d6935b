"""HTTP endpoint for signed CI webhooks; forwards a one-line summary to chat."""

import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from build_notifier.routing import channel_for, message_for

VERIFY_KEY = VerifyKey(bytes.fromhex(os.environ["CI_WEBHOOK_PUBLIC_KEY"]))


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            VERIFY_KEY.verify(body, bytes.fromhex(self.headers.get("X-Signature-Ed25519", "")))
        except (BadSignatureError, ValueError):
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(body)
        channel = channel_for(event)
        if channel:
            httpx.post(channel, json={"text": message_for(event)}, timeout=5.0)
        self.send_response(204)
        self.end_headers()


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
