"""/workshops, /newworkshop (operators and facilitators), /checkin and ``/start checkin_<code>``,
the workshop
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
    filters,
)

from bot.admin import posters_screens
from bot.conversation.links import CheckinLink
from bot.conversation.turn import Turn
from bot.db.models import utcnow
from bot.seller import onboarding
from bot.workshops import checkin, screens, seller_screens, staff_form
from bot.workshops.buttons import POSTER_PATTERN, WorkshopAction
from handlers.common import turn_handler


async def _workshop_button(turn: Turn, data: WorkshopAction) -> None:
    # Staff plan and run workshops without a seller row (their forms wait on a chat row);
    # an answer or a calendar file is a seller's.
    if turn.seller is None and (data.action not in {*screens.STAFF_ACTIONS, "open", "list"}
                                or await turn.staff() is None):
        onboarding.ask_language(turn)
        return
    await screens.on_button(turn, data)


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
        "start", turn_handler(checkin.from_link, link=CheckinLink, pause_form=True),
        filters=filters.Regex(CheckinLink.start_pattern)))
    app.add_handler(CommandHandler("workshops", turn_handler(seller_screens.show_list,
                                                             pause_form=True)))
    # Staff only: the service asks for the role (operators and facilitators) itself.
    app.add_handler(CommandHandler("newworkshop", turn_handler(
        staff_form.start_new, pause_form=True, needs_seller=False)))
    app.add_handler(CommandHandler("checkin", turn_handler(
        checkin.start_checkin, args=checkin.CheckinArgs, pause_form=True)))
    app.add_handler(CallbackQueryHandler(
        turn_handler(posters_screens.workshop_poster, button=WorkshopAction, needs_seller=False,
                     pause_form=True),
        pattern=POSTER_PATTERN))
    app.add_handler(CallbackQueryHandler(
        turn_handler(_workshop_button, button=WorkshopAction, needs_seller=False),
        pattern=WorkshopAction.pattern))
    app.add_handler(ChatMemberHandler(turn_handler(_membership, with_update=True,
                                                   needs_seller=False),
                                      ChatMemberHandler.MY_CHAT_MEMBER))
