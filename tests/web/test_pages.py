"""The staff web page: login by the bot's one-time link, the session, CSRF, district limits,
escaping and language; the pages call the bot's services (tests/admin/seed.py's district)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import create_engine, delete, insert, update
from telegram import Bot as TelegramBot

from bot.db.engine import Database, sync_url
from bot.db.models import (
    HelpFollowup,
    HelpMessage,
    OutboxMessage,
    Seller,
    Staff,
    StaffAudit,
    WebLogin,
    utcnow,
)
from bot.runtime.asgi import make_web_app
from bot.settings import ConfigError, load_settings
from bot.web.app import routes
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, add_workshop, seed
from tests.botkit import Bot
from tests.web.helpers import SECRET, client, count, csrf, link, sign_in, web_settings

OPERATOR = 4449999


def _sql(database_url: str, statement) -> None:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(statement)
    engine.dispose()


async def test_the_link_works_once(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        assert (await web.get(path)).status_code == 200  # a preview's GET uses nothing up
        answer = await sign_in(web, path)
        assert answer.status_code == 303 and answer.headers["location"] == "/staff/"
        cookie = answer.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/staff" in cookie
        assert "Secure" not in cookie  # WEB_URL is http here
        overview = await web.get("/staff/")
        assert overview.status_code == 200 and "Sellers by stage" in overview.text
    async with client(settings) as other:
        again = await sign_in(other, path)
        assert again.status_code == 403 and "used already" in again.text
        assert (await other.get("/staff/")).status_code == 401
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action == "login") == 1


async def test_an_expired_or_unknown_link_is_refused(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    _sql(settings.database_url, update(WebLogin).values(
        expires_at=utcnow() - timedelta(seconds=1)))
    async with client(settings) as web:
        answer = await sign_in(web, path)
        assert answer.status_code == 403 and "expired" in answer.text
        answer = await sign_in(web, "/staff/login/nonsense")
        assert answer.status_code == 403 and "does not work" in answer.text
        assert (await web.get("/staff/")).status_code == 401


async def test_web_is_for_staff_and_needs_web_url(settings) -> None:
    async with Bot(web_settings(settings)) as bot:
        screen = await bot.chat(user_id=5550123).send("/web")
        assert "programme staff only" in screen.text and "/staff/login/" not in screen.text
    async with Bot(settings) as bot:  # WEB_URL not set
        screen = await bot.chat(user_id=OPERATOR).send("/web")
        assert "programme staff only" in screen.text
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    async with Bot(settings) as bot:
        assert "/staff/login/" in (await bot.chat(user_id=OPERATOR).send("/web")).text


async def test_the_login_form_needs_its_csrf_token(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        answer = await web.post("/staff/login", data={"token": path.rsplit("/", 1)[1]})
        assert answer.status_code == 403
        assert (await sign_in(web, path)).status_code == 303  # not used up by the refusal


async def test_agra_gets_nothing_of_firozabad(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    meena = ids["Meena Firozabad"]
    async with Bot(settings) as bot:
        path = await link(bot, AGRA_FACILITATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        token = csrf((await web.get("/staff/")).text)
        assert (await web.get(f"/staff/sellers/{meena}")).status_code == 404
        answer = await web.post(f"/staff/sellers/{meena}/write",
                                data={"csrf": token, "text": "hello"})
        assert answer.status_code == 404
        answer = await web.post(f"/staff/sellers/{meena}/resolve", data={"csrf": token})
        assert answer.status_code == 404
        assert (await web.get("/staff/sellers?district=firozabad")).status_code == 404
        assert (await web.get("/staff/?district=firozabad")).status_code == 404
        everyone = await web.get("/staff/sellers?q=Firozabad")
        assert everyone.status_code == 200 and "Meena" not in everyone.text
        mine = await web.get("/staff/sellers")
        assert "Ramesh Agra" in mine.text and "Firozabad" not in mine.text
        add_workshop(settings.database_url, title="Packing glass safely")
        assert "Packing glass" not in (await web.get("/staff/")).text
        assert (await web.get("/staff/audit")).status_code == 404  # operators only
    assert count(settings.database_url, HelpMessage.__table__) == 0
    assert count(settings.database_url, OutboxMessage.__table__) == 0
    assert count(settings.database_url, HelpFollowup.__table__) == 0
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action != "login") == 0


async def test_a_form_without_its_csrf_token_is_refused(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    meena = ids["Meena Firozabad"]
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        page = await web.get(f"/staff/sellers/{meena}")
        assert page.status_code == 200 and "Meena Firozabad" in page.text
        for data in ({"text": "hello"}, {"text": "hello", "csrf": "forged"}):
            answer = await web.post(f"/staff/sellers/{meena}/write", data=data)
            assert answer.status_code == 403
        assert (await web.post(f"/staff/sellers/{meena}/resolve")).status_code == 403
        assert count(settings.database_url, HelpMessage.__table__) == 0
        assert count(settings.database_url, HelpFollowup.__table__) == 0
        answer = await web.post(f"/staff/sellers/{meena}/write",
                                data={"text": "Please send your GSTIN photo", "csrf":
                                      csrf(page.text)})
        assert answer.status_code == 303
        page = await web.get(answer.headers["location"])
        assert "Please send your GSTIN photo" in page.text
        assert "on its way" in page.text
        answer = await web.post(f"/staff/sellers/{meena}/resolve",
                                data={"csrf": csrf(page.text)})
        assert answer.status_code == 303
    assert count(settings.database_url, OutboxMessage.__table__,
                 OutboxMessage.seller_id == meena) == 1
    assert count(settings.database_url, HelpFollowup.__table__,
                 HelpFollowup.seller_id == meena) == 1
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action.in_(["write", "resolve"])) == 2


async def test_a_removed_facilitator_is_signed_out_at_the_next_click(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        assert (await web.get("/staff/sellers")).status_code == 200
        _sql(settings.database_url, delete(Staff).where(
            Staff.telegram_id == FIROZABAD_FACILITATOR))
        answer = await web.get("/staff/sellers")
        assert answer.status_code == 403 and "Meena" not in answer.text
        assert 'haat_staff=""' in answer.headers["set-cookie"]


async def test_a_name_is_shown_as_text(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    now = utcnow()
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        script = conn.execute(insert(Seller).values(
            telegram_id=6100001, chat_id=6100001, language="hi", consented_at=now,
            created_at=now, updated_at=now, name="<script>alert(1)</script>",
            district_code="firozabad", craft_text="<b>glass</b>", phone="+919800000001",
            profile_saved_at=now)).inserted_primary_key[0]
    engine.dispose()
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        for url in ("/staff/sellers", f"/staff/sellers/{script}", "/staff/sellers?q=%3Cscript"):
            page = await web.get(url)
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text, url
            assert "<script>" not in page.text and "<b>glass" not in page.text


async def test_filters_and_search(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        stuck = (await web.get("/staff/sellers?help=1&stage=profile")).text
        assert all(n in stuck for n in ("Meena", "Rani", "Gita"))
        assert "HYPERLINK" not in stuck
        assert "HYPERLINK" in (await web.get("/staff/sellers?stage=workshop")).text
        assert "Rani" in (await web.get("/staff/sellers?q=rani")).text
        assert "Meena" not in (await web.get("/staff/sellers?q=rani")).text
        assert "Meena" in (await web.get("/staff/sellers?q=98123")).text
        assert "No sellers match" in (await web.get("/staff/sellers?q=%25_")).text
        assert "Meena" in (await web.get("/staff/sellers?q=bangles")).text
        add_workshop(settings.database_url, title="Packing glass safely")
        overview = (await web.get("/staff/")).text
        assert "3 sellers are waiting for help" in overview
        assert "Packing glass safely" in overview


async def test_paging(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    now = utcnow()
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        for i in range(60):
            conn.execute(insert(Seller).values(
                telegram_id=6200000 + i, chat_id=6200000 + i, language="en",
                consented_at=now, created_at=now, updated_at=now, name=f"Potter {i:02d}",
                district_code="firozabad", profile_saved_at=now))
    engine.dispose()
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        first = (await web.get("/staff/sellers?q=potter")).text
        assert "Potter 00" in first and "Potter 49" in first and "Potter 50" not in first
        assert "Next" in first
        second = (await web.get("/staff/sellers?q=potter&page=2")).text
        assert "Potter 50" in second and "Potter 59" in second and "Next" not in second


async def test_operators_read_the_audit_log(settings) -> None:
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    ids = seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, OPERATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        seller = await web.get(f"/staff/sellers/{ids['Ramesh Agra']}")
        await web.post(f"/staff/sellers/{ids['Ramesh Agra']}/write",
                       data={"csrf": csrf(seller.text), "text": "hello"})
        log = await web.get("/staff/audit")
        assert log.status_code == 200
        assert "wrote to a seller" in log.text and "signed in" in log.text
        assert (await web.post("/staff/logout", data={"csrf": csrf(log.text)})).status_code \
            == 200
        assert (await web.get("/staff/")).status_code == 401


async def test_hindi_pages_for_a_hindi_staff_member(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR, language="hi")
    async with client(settings) as web:
        await sign_in(web, path)
        overview = (await web.get("/staff/")).text
        assert 'lang="hi"' in overview and "सारांश" in overview and "Overview" not in overview
        sellers = (await web.get("/staff/sellers")).text
        assert "सेलर्स" in sellers and "फिरोजाबाद" in sellers and "पड़ाव" in sellers


@pytest.mark.parametrize("value", ["haat.example.org", "ftp://x.org", "https://", "https://x.org/?a=1"])
def test_a_wrong_web_url_is_one_line(value: str) -> None:
    with pytest.raises(ConfigError, match="WEB_URL"):
        load_settings({"WEB_URL": value}, env_file=None)


def test_web_url_is_off_unless_set() -> None:
    assert load_settings({}, env_file=None).web_url is None
    assert load_settings({"WEB_URL": "https://haat.example.org/"},
                         env_file=None).web_url == "https://haat.example.org"


async def test_the_pages_ride_on_the_webhook_server(settings) -> None:
    """Webhook mode: ``seller-bot run`` passes the pages to the webhook's own app."""
    settings = web_settings(settings)
    app = make_web_app(TelegramBot("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ"), receive=None,
                       path="/telegram", secret="s",
                       routes=routes(Database(settings.database_url), settings, SECRET))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as web:
        assert (await web.get("/staff/")).status_code == 401
        assert (await web.post("/telegram", content=b"{}")).status_code == 403
