"""The application factory: reads as the table of contents of the app."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from tracker import cache, db
from tracker import config as settings
from tracker.config import REPO_ROOT


def create_app(overrides: Mapping[str, object] | None = None) -> Flask:
    """Build the app from the environment, with OVERRIDES (tests) taking precedence."""
    app = Flask(
        "tracker",
        template_folder=str(REPO_ROOT / "templates"),
        static_folder=None,
    )
    app.config.update(settings.from_environment())
    app.config.update(overrides or {})
    load_secret_key(app)
    settings.check(app.config)
    db.init_app(app)
    cache.init_app(app)
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_commands(app)
    start_background(app)
    start_scheduler(app)
    return app


def load_secret_key(app: Flask) -> None:
    """Without TRACKER_SECRET_KEY, the key kept in the data directory (made on first start)."""
    from tracker.auth import secret_key

    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key.load_or_create(app.config["TRACKER_DATA_DIR"])


def register_extensions(app: Flask) -> None:
    """Security headers, the logged-in editor and the write guard, then CSRF on every POST."""
    from flask_wtf.csrf import CSRFProtect

    from tracker import security
    from tracker.auth import guard

    security.init_app(app)
    guard.init_app(app)  # before CSRF: a stranger's write gets 401/login, not a token error
    CSRFProtect(app)


def register_blueprints(app: Flask) -> None:
    """Mount the pages, the downloads and the API."""
    from tracker.views import (
        admin_jobs,
        api,
        auth,
        citations,
        edit,
        errors,
        export,
        feed,
        geo,
        imports,
        inbox,
        pages,
        records,
        static,
    )
    from tracker.views.common import register_converters

    register_converters(app)
    app.register_blueprint(static.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(records.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(edit.bp)
    app.register_blueprint(citations.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(inbox.bp)
    app.register_blueprint(admin_jobs.bp)
    app.register_blueprint(feed.bp)
    app.register_blueprint(geo.bp)
    errors.register(app)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals the templates share."""
    from tracker.views import helpers

    helpers.register(app)


def start_background(app: Flask) -> None:
    """The thread pool that runs slow work (inbox fetches, "run now") off the web workers."""
    from tracker.jobs import background

    background.init_app(app)


def start_scheduler(app: Flask) -> None:
    """Run the jobs in this process only when TRACKER_SCHEDULER=1 (what `make run` sets)."""
    from tracker.jobs import scheduler

    scheduler.init_app(app)


def register_commands(app: Flask) -> None:
    """The project's own CLI commands, beside Flask's run, routes and shell."""
    from tracker.commands import register

    register(app)
