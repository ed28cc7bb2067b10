"""A small HTTP server on 127.0.0.1 that answers like Nominatim's /search JSON API, faults included."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# Answers in Nominatim's own shape (jsonv2 fields as format=json gives them), for real places.
PLACES = {
    "brussels": {"lat": "50.8465573", "lon": "4.351697", "display_name": "Brussels, Brussels-Capital, Belgium",
                 "class": "boundary", "type": "administrative", "addresstype": "city", "importance": 0.8},
    "tarascon prison, bouches-du-rhone": {"lat": "43.7925", "lon": "4.6711", "display_name": "Centre de détention de Tarascon, Tarascon, France",
                 "class": "amenity", "type": "prison", "addresstype": "amenity", "importance": 0.3},
    "villepinte prison": {"lat": "48.9617", "lon": "2.5496", "display_name": "Maison d'arrêt de Villepinte, Villepinte, France",
                 "class": "amenity", "type": "prison", "addresstype": "amenity", "importance": 0.3},
    "seine-et-marne": {"lat": "48.6190", "lon": "2.9300", "display_name": "Seine-et-Marne, Île-de-France, France",
                 "class": "boundary", "type": "administrative", "addresstype": "county", "importance": 0.6},
}


SHUTDOWN_POLL_SECONDS = 0.01  # how often serve_forever looks for shutdown (the default 0.5 s is slow)


class FakeNominatim:
    """Serves /search; ``faults`` is a list of what to do for the next requests, in order:
    "slow", "429", "503", "500", "garbage"; once it is empty, answers come from PLACES."""

    def __init__(self, retry_after: int = 1, slow_seconds: float = 0.4, lying: bool = False):
        self.requests: list[tuple[float, dict]] = []
        self.lying = lying  # every answer a city's, placed in Antarctica
        self.faults: list[str] = []
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                params = {key: values[0] for key, values in parse_qs(url.query).items()}
                server.requests.append((time.monotonic(), params | {"path": url.path, "user_agent": self.headers.get("User-Agent")}))
                fault = server.faults.pop(0) if server.faults else None
                if fault == "slow":
                    time.sleep(server.slow_seconds)
                if fault == "429":
                    return self._send(429, b'{"error": "Too many requests"}', {"Retry-After": str(server.retry_after)})
                if fault in ("503", "500"):
                    return self._send(int(fault), b"<html>Service unavailable</html>", {"Content-Type": "text/html"})
                if fault == "garbage":
                    return self._send(200, b'[{"lat": "48.8", "lon": ', {})
                key = params.get("q", "").lower().replace("ô", "o")
                if server.lying:
                    answer = [{"lat": "-75.1", "lon": "123.3", "display_name": f"{params.get('q')}, Antarctica", "class": "place",
                               "type": "city", "addresstype": "city", "importance": 0.7, "place_id": 1}]
                    return self._send(200, json.dumps(answer).encode(), {})
                answer = [PLACES[key] | {"place_id": index} for index, key in enumerate([key]) if key in PLACES]
                return self._send(200, json.dumps(answer).encode(), {})

            def _send(self, status, body, headers):
                self.send_response(status)
                self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
