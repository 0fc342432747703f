"""The last line of defence: failures outside a turn (e.g. Telegram refused a message)."""

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ContextTypes

log = logging.getLogger("haat.errors")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        log.info("user blocked the bot (update %s)", update_id)
    elif isinstance(error, (NetworkError, RetryAfter)):
        log.warning("Telegram network problem (update %s): %s", update_id,
                    type(error).__name__)
    else:
        # The traceback has code locations, not message text or personal data.
        log.error("unhandled error (update %s)", update_id, exc_info=error)


def register(app: Application) -> None:
    app.add_error_handler(on_error)
