"""Sellers, steps and products written straight into the database, for the staff tests
(the conversation that makes them is tested elsewhere)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import create_engine, insert, update

from bot.db.engine import sync_url
from bot.db.models import Product, Rsvp, Seller, Staff, StepProgress, Workshop, utcnow
from bot.steps.flow import half_needed
from bot.workshops.workshops import new_code

AGRA_FACILITATOR = 4441001
FIROZABAD_FACILITATOR = 4441002


def seed(database_url: str) -> dict[str, int]:
    """Agra: 3 sellers (one stuck on GSTIN, one idle mid-form); Firozabad: 4 sellers (three
    stuck on GSTIN, one with products and drafts). Returns seller ids by name."""
    now = utcnow()
    engine = create_engine(sync_url(database_url))
    ids: dict[str, int] = {}

    def seller(conn, name, district, *, days_ago=0, seen_days_ago=0, profile=True,
               form=None, phone="+919812345678", email=None, export="no") -> int:
        joined = now - timedelta(days=days_ago)
        result = conn.execute(insert(Seller).values(
            telegram_id=6000000 + len(ids), chat_id=6000000 + len(ids), language="hi",
            consented_at=joined, created_at=joined, updated_at=now - timedelta(days=seen_days_ago),
            name=name, district_code=district if profile or not form else None,
            craft_text="Glass bangles", business_name=f"{name} Crafts", phone=phone,
            email=email, wants_export=export,
            profile_saved_at=joined if profile else None, form_state=form))
        ids[name] = result.inserted_primary_key[0]
        return ids[name]

    def steps(conn, seller_id, done: int, help_keys=(), days_ago=0) -> None:
        keys = ["pan", "aadhaar_mobile", "bank_upi", "email", "udyam", "gst",
                "choose_marketplaces", "seller_account", "photos", "first_listing",
                "packaging", "shipping_returns"]
        at = now - timedelta(days=days_ago)
        for key in keys[:done]:
            conn.execute(insert(StepProgress).values(seller_id=seller_id, step_key=key,
                                                     status="done", updated_at=at))
        # As bot.steps.flow keeps them (all seeded: "no"); last seen stays as seeded.
        conn.execute(update(Seller).where(Seller.id == seller_id).values(
            steps_done=done, updated_at=Seller.updated_at))
        if done >= half_needed("no"):
            conn.execute(update(Seller).where(Seller.id == seller_id).values(half_steps_at=at))
        for key in help_keys:
            conn.execute(insert(StepProgress).values(seller_id=seller_id, step_key=key,
                                                     status="help", updated_at=at))

    with engine.begin() as conn:
        a1 = seller(conn, "Ramesh Agra", "agra", days_ago=3)
        steps(conn, a1, 2, help_keys=("gst",))
        seller(conn, "Kamla Agra", "agra", days_ago=20, seen_days_ago=10, profile=False,
               form={"form": "profile", "field": "craft", "answers": {"district": "agra"},
                     "trail": [], "mode": "fill", "active": True, "page": 0})
        a3 = seller(conn, "Suresh Agra", "agra", days_ago=10)
        steps(conn, a3, 6, days_ago=9)
        for i, name in enumerate(("Meena Firozabad", "Rani Firozabad", "Gita Firozabad")):
            f = seller(conn, name, "firozabad", days_ago=2 + i, email=f"f{i}@example.com")
            steps(conn, f, 3, help_keys=("gst",))
        f4 = seller(conn, "=HYPERLINK(\"http://x\")", "firozabad", days_ago=12,
                    email="+cmd@example.com")
        steps(conn, f4, 7, days_ago=8)
        conn.execute(insert(Product).values(
            seller_id=f4, status="sent", photos=[], created_at=now - timedelta(days=8),
            updated_at=now, drafts_sent_at=now - timedelta(days=1),
            answers={"category": "glass_bangles", "name": "@SUM(A1) bangles",
                     "materials": "glass", "colours": "-red", "size_dims": [6.0, 6.0, 1.0],
                     "weight_g": 200, "price": "250", "mrp": "300", "stock": 20,
                     "handmade": "yes", "features": ["+handmade"], "care": "wipe"}))
        # f4 came to a workshop 3 days ago (the funnel's last stage).
        workshop = conn.execute(insert(Workshop).values(
            title_en="Photos that sell", title_hi="बिकने वाली फ़ोटो", organiser="odop",
            topic="photos", starts_at=now - timedelta(days=3), duration_minutes=120,
            place="DIC Firozabad", districts=["firozabad"], crafts=[], session_language="hi",
            capacity=30, reminder_minutes=[1440, 60], status="published",
            checkin_code="SEEDW1", created_at=now - timedelta(days=10),
            updated_at=now)).inserted_primary_key[0]
        conn.execute(insert(Rsvp).values(workshop_id=workshop, seller_id=f4, answer="going",
                                         answered_at=now - timedelta(days=9),
                                         attended_at=now - timedelta(days=3)))
        conn.execute(insert(Staff).values(telegram_id=AGRA_FACILITATOR, districts=["agra"],
                                          created_at=now))
        conn.execute(insert(Staff).values(telegram_id=FIROZABAD_FACILITATOR,
                                          districts=["firozabad"], created_at=now))
    engine.dispose()
    return ids


def add_workshop(database_url: str, *, districts: tuple[str, ...] = ("firozabad",),
                 days: float = 3, status: str = "published", crafts: tuple[str, ...] = (),
                 title: str = "Packing glass safely") -> int:
    """A workshop ``days`` from now (negative: in the past), written straight in."""
    now = utcnow()
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        result = conn.execute(insert(Workshop).values(
            title_en=title, title_hi="कांच की सुरक्षित पैकिंग", description_en="",
            description_hi="", organiser="odop", topic="Packaging",
            starts_at=now + timedelta(days=days), duration_minutes=120,
            place="ODOP cell, Collectorate, Firozabad", online_url=None,
            districts=list(districts), crafts=list(crafts), session_language="both",
            capacity=30, reminder_minutes=[1440, 60], status=status, sequence=0,
            checkin_code=new_code(),
            created_by=None, created_at=now, updated_at=now))
        workshop_id = result.inserted_primary_key[0]
    engine.dispose()
    return workshop_id


def add_rsvp(database_url: str, workshop_id: int, seller_id: int, answer: str = "going", *,
             attended: bool = False, score: int | None = None) -> None:
    now = utcnow()
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(insert(Rsvp).values(
            workshop_id=workshop_id, seller_id=seller_id, answer=answer, answered_at=now,
            attended_at=now if attended else None, feedback_score=score))
    engine.dispose()


def sql(database_url: str, statement):
    """Run one statement straight on the database (a crash's leftovers, a backdated row);
    its rows, if it returns any."""
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        result = conn.execute(statement)
        rows = result.all() if result.returns_rows else None
    engine.dispose()
    return rows
