"""``veerkracht app``: serve the browser app (Solara) on this computer.

Solara is started with its front-end files served locally (solara-assets), no
version check and no telemetry, so the app makes no calls to the internet.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import app, err, fail

APP_FILE = Path(__file__).resolve().parents[1] / "viz" / "app.py"  # cli/ sits at the root
OFFLINE_ENV = {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"}


def solara_command(host: str, port: int) -> list[str]:
    """The ``solara run`` command line the app is served with."""
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        str(APP_FILE),
        "--no-open",
        "--no-check-version",
        "--production",
        "--host",
        host,
        "--port",
        str(port),
    ]


def port_problem(host: str, port: int) -> str | None:
    """Why the app cannot listen on host:port (in use, unknown host), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # like the server: a port whose last connections are closing is free
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except socket.gaierror:
        return f"unknown host {host!r}; use 127.0.0.1 (this computer) or an address of it"
    except OSError:
        return (
            f"port {port} on {host} is already in use (is the app already running?); "
            f"choose another with --port, e.g. --port {port + 1}"
        )
    return None


@app.command("app")
def serve_app(
    port: Annotated[int, typer.Option(help="Port to serve on (1024-65535).")] = 8765,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps the app on this computer.")
    ] = "127.0.0.1",
) -> None:
    """Serve the browser app: watch the buurten, switch interventions on, compare portfolios."""
    if not 1024 <= port <= 65535:
        fail(f"--port must be a whole number from 1024 to 65535, got {port}")
    problem = port_problem(host, port)
    if problem:
        fail(problem)
    err.print(f"Veerkracht app: open http://{host}:{port}/ in your browser (Ctrl+C stops it)")
    env = {**os.environ, **OFFLINE_ENV}
    try:
        code = subprocess.call(solara_command(host, port), env=env)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)
