"""The house rules of ``../shared/layout.md`` that a test can keep (rules 1, 2 and 5), and
the explicit registrations: every button codec has a handler, every form is registered."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from telegram.ext import CallbackQueryHandler

import bot
from bot.app import FORMS, build_application
from bot.conversation import callbacks, forms
from bot.conversation.forms import Form
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_ALLOWED = ("handlers/", "bot/runtime/", "bot/cli/", "bot/app.py")
# The staff web page is the second adapter beside handlers/: only it (and the runtime that
# serves it) speaks the web framework, and nothing below imports it.
WEB_FRAMEWORK = ("starlette", "uvicorn", "itsdangerous")
WEB_ALLOWED = ("bot/web/", "bot/runtime/")
ADAPTERS = ("handlers", "bot.web", "bot.runtime", "bot.cli")
KERNEL = ("bot.conversation", "bot.parsing", "bot.reference", "bot.files", "bot.db",
          "bot.outbox", "bot.i18n", "bot.settings", "bot.logs", "bot.templates")
# The slices from the bottom up: a slice imports only itself and the slices before it here
# (the README's layout table says the same). A table read by a lower slice and written by a
# higher one is owned below both (help_messages: read by steps, written by admin).
SLICE_ORDER = ("bot.helpdesk", "bot.steps", "bot.workshops", "bot.listing", "bot.seller",
               "bot.pricing", "bot.checklists", "bot.admin", "bot.privacy")
SLICES = SLICE_ORDER


def _sources() -> list[Path]:
    return sorted(p for folder in ("bot", "handlers") for p in (ROOT / folder).rglob("*.py")
                  if "migrations" not in p.parts)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for every import in the file."""
    tree = ast.parse(path.read_text(), str(path))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top))
            found += [(f"{node.module}.{alias.name}", id(node) in top) for alias in node.names]
    return found


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_only_the_adapters_import_telegram() -> None:
    offenders = [f"{p.relative_to(ROOT)} imports {m}" for p in _sources()
                 for m, _top in _imports(p)
                 if _within(m, ("telegram",))
                 and not str(p.relative_to(ROOT)).startswith(TELEGRAM_ALLOWED)]
    assert not offenders, offenders


def test_only_the_web_adapter_imports_the_web_framework() -> None:
    offenders = [f"{p.relative_to(ROOT)} imports {m}" for p in _sources()
                 for m, _top in _imports(p)
                 if _within(m, WEB_FRAMEWORK)
                 and not str(p.relative_to(ROOT)).startswith(WEB_ALLOWED)]
    assert not offenders, offenders


def test_slices_and_kernel_never_import_an_adapter() -> None:
    offenders = [f"{_module_name(p)} imports {m}" for p in _sources()
                 if _within(_module_name(p), (*KERNEL, *SLICES))
                 for m, _top in _imports(p) if _within(m, ADAPTERS)]
    assert not offenders, offenders


def test_the_kernel_never_imports_a_slice() -> None:
    offenders = [f"{_module_name(p)} imports {m}" for p in _sources()
                 if _within(_module_name(p), KERNEL)
                 for m, _top in _imports(p) if _within(m, SLICES)]
    assert not offenders, offenders


def _slice_of(module: str) -> str | None:
    return next((s for s in SLICE_ORDER if _within(module, (s,))), None)


def test_every_slice_is_in_the_order() -> None:
    found = {".".join(p.relative_to(ROOT).parts[:2]) for p in _sources()
             if p.relative_to(ROOT).parts[0] == "bot" and (p.parent / "__init__.py").exists()
             and len(p.relative_to(ROOT).parts) > 2}
    kernel_and_adapters = {"bot.conversation", "bot.parsing", "bot.reference", "bot.files",
                           "bot.db", "bot.outbox", "bot.runtime", "bot.cli", "bot.web"}
    assert found - kernel_and_adapters <= set(SLICE_ORDER), found - kernel_and_adapters


def test_a_slice_imports_only_the_slices_below_it() -> None:
    offenders = []
    for path in _sources():
        importer = _slice_of(_module_name(path))
        if importer is None:
            continue
        for module, _top in _imports(path):
            imported = _slice_of(module)
            if imported is not None and SLICE_ORDER.index(imported) > SLICE_ORDER.index(importer):
                offenders.append(f"{_module_name(path)} ({importer}) imports {module}")
    assert not offenders, sorted(set(offenders))


def test_no_function_level_imports_outside_the_cli() -> None:
    """A cycle is fixed by moving code; lazy imports stay only for start-up cost in cli/."""
    offenders = [f"{p.relative_to(ROOT)} imports {m} inside a function" for p in _sources()
                 if not str(p.relative_to(ROOT)).startswith("bot/cli/")
                 for m, top in _imports(p) if not top and _within(m, ("bot", "handlers"))]
    assert not offenders, offenders


def _all_bot_modules() -> list:
    return [importlib.import_module(info.name)
            for info in pkgutil.walk_packages(bot.__path__, "bot.")
            if ".migrations" not in info.name]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('layout')}/haat.db"
    return build_application(Settings(database_url=url))


def test_every_button_codec_has_a_handler(app) -> None:
    _all_bot_modules()
    patterns = {h.pattern.pattern for group in app.handlers.values() for h in group
                if isinstance(h, CallbackQueryHandler) and h.pattern is not None}
    missing = [f"{codec.__name__} ({prefix})" for prefix, codec in
               callbacks.registered().items() if codec.pattern not in patterns]
    assert not missing, missing


def test_every_form_is_registered(app) -> None:
    """A form key stored in sellers.form_state must find its form after a restart."""
    declared = set()
    for module in _all_bot_modules():
        for value in vars(module).values():
            items = value if isinstance(value, tuple) else (value,)
            declared |= {item.key for item in items if isinstance(item, Form)}
    assert declared, "no forms found"
    assert declared <= set(forms.registered()), declared - set(forms.registered())
    assert {form.key for form in FORMS} == declared


def test_a_prefix_is_claimed_once() -> None:
    with pytest.raises(ValueError, match="claimed"):
        @callbacks.callback("pr")
        class Another:
            id: int


@pytest.mark.parametrize("data", ["pr|²|open", "pr|123456789012345678901|open", "pr||open",
                                  "", "pr|1", "pr|1|open|x", "pr|-1|open", "xx|1|open",
                                  "pr|１|open", "pr|2147483648|open"])
def test_crafted_button_data_is_refused(data: str) -> None:
    from bot.listing.flow import ProductAction

    with pytest.raises(callbacks.BadData):
        ProductAction.unpack(data)


def test_button_data_round_trips() -> None:
    from bot.listing.flow import ProductAction

    data = ProductAction(2147483647, "open").pack()
    assert data == "pr|2147483647|open"
    assert ProductAction.unpack(data) == ProductAction(2147483647, "open")


# The engines may be longer: the form engine, the fee arithmetic and the drafts' rule checks
# each read best whole.
LONG_ALLOWED = ("bot/conversation/forms.py", "bot/pricing/calculator.py", "bot/listing/drafts.py")
MODULE_MAX = 450


def test_no_module_outside_the_engines_is_over_450_lines() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {n} lines" for p in _sources()
                 if str(p.relative_to(ROOT)) not in LONG_ALLOWED
                 and (n := len(p.read_text().splitlines())) > MODULE_MAX]
    assert not offenders, offenders
