"""The staff web page: a second front end beside ``handlers/``, speaking Starlette instead of
Telegram and calling the same services (``bot/admin``, ``bot/workshops``). Nothing here
queries a table or decides who may see what."""
