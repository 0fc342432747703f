"""The bot's @username, for the links the staff pages hand out (a poster's QR code, an
invitation). The bot learns it from Telegram's getMe at start-up; the web pages ask the
same (plain HTTPS, once, then kept), or are given it (tests, a caller that knows it).
Unknown (Telegram unreachable): ``None``, and the service says "try again in a minute"."""

from __future__ import annotations

import logging

import httpx

from bot.settings import Settings

log = logging.getLogger("haat.web")


class BotName:
    def __init__(self, settings: Settings, known: str | None = None):
        self.settings = settings
        self.known = known

    async def get(self) -> str | None:
        if self.known or not self.settings.token:
            return self.known
        url = f"{self.settings.bot_base_url}{self.settings.token}/getMe"
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                answer = (await client.get(url)).json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("web: getMe failed (%s); links wait for the bot's name",
                        type(exc).__name__)
            return None
        username = (answer.get("result") or {}).get("username") if isinstance(
            answer, dict) else None
        if isinstance(username, str) and username:
            self.known = username
        return self.known
