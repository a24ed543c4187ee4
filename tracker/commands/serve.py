"""`tracker serve`: the production web server (gunicorn) with settings that suit the tracker."""

from __future__ import annotations

import click

# Threaded workers: a worker streaming a million-row export keeps answering other requests in
# its other threads, and its main thread keeps telling gunicorn it is alive, so the worker
# timeout never cuts a long download (a sync worker would be killed after TIMEOUT seconds).
WORKER_CLASS = "gthread"
DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
# Seconds a worker may go without a heartbeat before gunicorn restarts it; with threaded
# workers that is a hung worker, not a slow request.
DEFAULT_TIMEOUT = 120
# Seconds a worker gets on restart or stop to finish the requests it is serving.
GRACEFUL_TIMEOUT = 60


def gunicorn_options(bind: str, workers: int, threads: int, timeout: int) -> dict[str, object]:
    """The gunicorn settings `tracker serve` uses."""
    return {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": WORKER_CLASS,
        "timeout": timeout,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "keepalive": 5,
        # Each worker builds its own app after the fork: no database connection is shared.
        "preload_app": False,
        # No gunicornc control socket in the home folder: servers side by side would share it.
        "control_socket_disable": True,
    }


def freeze_long_lived_objects() -> None:
    """Move what a worker keeps for its whole life (modules, the app, Plotly's validators, which
    load on a chart's first use) out of the garbage collector's sight. A full collection walks
    every tracked object; at a million rows a chart's page allocates enough to trigger several,
    and walking these 140,000 objects each time took about half of the flows chart's time."""
    import gc

    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    # Sankey and Choropleth cannot share subplots with bars: one figure each.
    figures = [make_subplots(rows=1, cols=2), go.Figure([go.Bar(), go.Scatter()])]
    figures += [go.Figure([go.Sankey()]), go.Figure([go.Choropleth()])]
    for figure in figures:
        figure.to_json()
    gc.collect()
    gc.freeze()


def _application(options: dict[str, object]):
    from gunicorn.app.base import BaseApplication

    class TrackerServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # control_socket_* exist from gunicorn 25 only
                    self.cfg.set(key, value)

        def load(self):
            from tracker import create_app

            # Jobs run in `tracker scheduler`, never inside web workers.
            app = create_app({"TRACKER_SCHEDULER": False})
            freeze_long_lived_objects()
            return app

    return TrackerServer()


@click.command("serve")
@click.option("--bind", "-b", default=DEFAULT_BIND, show_default=True, help="HOST:PORT to serve.")
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(1, 64),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Worker processes (about one per core).",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=DEFAULT_THREADS,
    show_default=True,
    help="Threads per worker.",
)
@click.option(
    "--timeout",
    type=click.IntRange(10, 3600),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds before a silent (hung) worker is restarted.",
)
def serve_command(bind: str, workers: int, threads: int, timeout: int) -> None:
    """Serve the app with gunicorn (threaded workers; run `tracker scheduler` beside it)."""
    _application(gunicorn_options(bind, workers, threads, timeout)).run()
