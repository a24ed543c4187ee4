"""/login and /logout."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from tracker.auth import accounts
from tracker.auth.guard import safe_next, start_session
from tracker.curation.forms import plain_text
from tracker.db import get_session

bp = Blueprint("auth", __name__)
REFUSED = "That username and password do not match an active account."
THROTTLED = (
    "Too many refused logins for this account from your address. "
    f"Wait {int(accounts.LOGIN_WINDOW.total_seconds() // 60)} minutes and try again."
)


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField("Username", validators=[DataRequired(), Length(max=80), plain_text])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Check the password; a refusal does not say which part was wrong."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    db = get_session()
    key = f"{form.username.data.strip().lower()}|{request.remote_addr}"
    if accounts.too_many_failures(db, key):
        return render_template("auth/login.html", form=form, error=THROTTLED), 429
    user = accounts.authenticate(db, form.username.data, form.password.data)
    if user is None:
        accounts.record_failure(db, key)
        db.commit()
        return render_template("auth/login.html", form=form, error=REFUSED), 401
    accounts.clear_failures(db, key)
    db.commit()
    start_session(user)
    return redirect(safe_next(request.args.get("next")))


@bp.post("/logout")
def logout():
    """End the session (a POST with a CSRF token, so a link elsewhere cannot log you out).

    The account's session generation moves on, so a copy of the cookie stops working too (and
    so do the account's sessions in other browsers)."""
    if g.get("user") is not None:
        accounts.end_sessions(get_session(), g.user)
        get_session().commit()
    session.clear()
    g.user = None
    return redirect(url_for("pages.dashboard"))
