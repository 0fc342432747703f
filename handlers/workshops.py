"""/workshops, /newworkshop (operators and facilitators), /checkin and ``/start checkin_<code>``, the workshop
buttons, and Telegram's my_chat_member updates (a seller blocked or unblocked the bot).

A workshop's "🖨 Poster" button is answered by the staff slice (``bot.admin.posters_screens``), which
checks the presser's role and the workshop's districts; its handler comes before the
general workshop-button handler. (``/start w_<id>`` is handled with /start.)"""

from telegram import ChatMember, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    filters,
)

from bot.admin import posters_screens
from bot.conversation.turn import Turn
from bot.db.models import utcnow
from bot.workshops import flow as workshops
from bot.workshops.flow import WorkshopAction
from handlers.common import turn_handler


async def _checkin(turn: Turn, update: Update) -> None:
    parts = (update.effective_message.text or "").split(maxsplit=1)
    await workshops.start_checkin(turn, parts[1] if len(parts) > 1 else None)


async def _deep_link(turn: Turn, update: Update) -> None:
    """``t.me/<bot>?start=checkin_<code>``: the code from the facilitator's QR or link."""
    payload = (update.effective_message.text or "").split(maxsplit=1)[1]
    await workshops.check_in(turn, payload[len(workshops.CHECKIN_PREFIX):])


async def _bot_username(_update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    return context.bot.username  # for the poster's link


async def _membership(turn: Turn, update: Update) -> None:
    # Any update already marks a seller reachable (handlers.common); this marks them
    # unreachable the moment they block the bot, before a send fails.
    change = update.my_chat_member
    if turn.seller is not None and change is not None:
        blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
        turn.seller.unreachable_at = utcnow() if blocked else None


def register(app: Application) -> None:
    # Before handlers.start: its /start would otherwise take the deep link.
    app.add_handler(CommandHandler(
        "start", turn_handler(_deep_link, with_update=True, pause_form=True),
        filters=filters.Regex(rf"^/start {workshops.CHECKIN_PREFIX}\S+")))
    app.add_handler(CommandHandler("workshops", turn_handler(workshops.show_list,
                                                             pause_form=True)))
    # Staff only: the service asks for the role (operators and facilitators) itself.
    app.add_handler(CommandHandler("newworkshop", turn_handler(
        workshops.start_new, pause_form=True)))
    app.add_handler(CommandHandler("checkin", turn_handler(_checkin, with_update=True,
                                                           pause_form=True)))
    app.add_handler(CallbackQueryHandler(
        turn_handler(posters_screens.workshop_poster, button=WorkshopAction, needs_seller=False,
                     pause_form=True, prepare=_bot_username),
        pattern=workshops.POSTER_PATTERN))
    app.add_handler(CallbackQueryHandler(
        turn_handler(workshops.on_button, button=WorkshopAction),
        pattern=WorkshopAction.pattern))
    app.add_handler(ChatMemberHandler(turn_handler(_membership, with_update=True,
                                                   needs_seller=False),
                                      ChatMemberHandler.MY_CHAT_MEMBER))
