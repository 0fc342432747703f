"""Voice notes and audio files in, the buttons around them, and "🔊 Listen"."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.admin import voice_in, voice_screens
from bot.admin.voice_screens import NoteAction, RecordAction
from bot.conversation.turn import Turn
from bot.helpdesk import entering, voice
from bot.helpdesk.entering import EntryAction
from bot.helpdesk.voice import Listen
from handlers.common import turn_handler


async def _voice(turn: Turn, update: Update) -> None:
    message = update.effective_message
    sound = message.voice or message.audio
    await voice_in.on_voice(turn, sound.file_id)


def register(app: Application) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & (filters.VOICE | filters.AUDIO), turn_handler(
        _voice, with_update=True, needs_seller=False)))
    app.add_handler(CallbackQueryHandler(turn_handler(
        voice_in.on_note_button, button=NoteAction, needs_seller=False, pause_form=True),
        pattern=NoteAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        voice_screens.on_record_button, button=RecordAction, needs_seller=False,
        pause_form=True), pattern=RecordAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        entering.on_entry_button, button=EntryAction, pause_form=True),
        pattern=EntryAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(voice.listen, button=Listen),
                                         pattern=Listen.pattern))
