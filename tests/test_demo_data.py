"""tracker demo-data: synthetic records, clearly marked, never mixed with the real seed."""

from __future__ import annotations

from sqlalchemy import func, select

from tracker import db
from tracker.config import DEFAULT_DATA_DIR
from tracker.db import migrate
from tracker.models import Deal, Shipment, ShipmentItem
from tracker.seeding import demo


def count(app, model, *where) -> int:
    with db.unit_of_work(app.extensions["tracker.engine"]) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_data_fills_an_empty_database(app, runner, client):
    result = runner.invoke(
        args=[
            "demo-data",
            "--deals",
            "30",
            "--shipments",
            "200",
            "--items-per-shipment",
            "2",
            "--seed",
            "7",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "30 deals, 200 shipments, 400 shipment items" in result.output
    assert count(app, Deal) == count(app, Deal, Deal.synthetic.is_(True)) == 30
    assert count(app, Shipment, Shipment.synthetic.is_(True)) == 200
    assert count(app, ShipmentItem) == 400
    page = client.get("/deals?per_page=5")
    assert page.status_code == 200
    assert page.text.count("synthetic</span>") == 5
    assert client.get("/shipments").status_code == 200


def _generate(url: str, seed: int) -> list[tuple]:
    engine = db.make_engine(url)
    migrate.upgrade(url)
    with db.unit_of_work(engine) as s:
        demo.load_reference(s, DEFAULT_DATA_DIR)
        demo.generate(s, deals=20, shipments=20, seed=seed)
    with db.unit_of_work(engine) as s:
        rows = s.execute(
            select(Deal.kind, Deal.status, Deal.value_amount, Deal.first_date).order_by(Deal.id)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_same_seed_gives_the_same_records(tmp_path):
    first = _generate(f"sqlite:///{tmp_path / 'a.db'}", seed=3)
    again = _generate(f"sqlite:///{tmp_path / 'b.db'}", seed=3)
    other = _generate(f"sqlite:///{tmp_path / 'c.db'}", seed=4)
    assert len(first) == 20
    assert first == again
    assert first != other


def test_demo_data_refuses_a_database_with_real_deals(seeded_app):
    runner = seeded_app.test_cli_runner()
    result = runner.invoke(args=["demo-data", "--deals", "1", "--shipments", "1"])
    assert result.exit_code != 0
    assert "real deals" in result.output
    assert "TRACKER_DATABASE_URL" in result.output


def test_a_deal_made_in_the_form_after_demo_data_gets_a_new_id(app, runner):
    """Demo data inserts explicit ids; on PostgreSQL the sequences must move past them."""
    from tests.helpers import add_user, login, post_form

    result = runner.invoke(args=["demo-data", "--deals", "5", "--shipments", "5", "--seed", "2"])
    assert result.exit_code == 0, result.output
    add_user(app)
    client = app.test_client()
    login(client)
    form = {
        "title": "A deal typed in after demo data",
        "kind": "offtake",
        "status": "signed",
        "parties": "pakistan seller",
        "commodities": ["antimony"],
    }
    response = post_form(client, "/deals/new", form)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert count(app, Deal) == 6
