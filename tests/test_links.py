"""Deep links and command arguments (bot/conversation/links.py): typed, bounded, never
trusted."""

from __future__ import annotations

import pytest

from bot.conversation import links
from bot.conversation.links import (
    BadLink,
    CheckinLink,
    DistrictLink,
    InviteLink,
    WorkshopLink,
    arguments,
    deeplink,
)


def test_a_link_packs_and_reads_back() -> None:
    assert DistrictLink("agra").pack() == "d_agra"
    assert WorkshopLink(12).pack() == "w_12"
    assert links.read("d_agra") == DistrictLink("agra")
    assert links.read("W_12") == WorkshopLink(12)
    assert links.read("checkin_AB12") == CheckinLink("AB12")
    assert links.read("fac_x-y_z") == InviteLink("x-y_z")


@pytest.mark.parametrize("payload", ["", "d_", "w_", "w_abc", "w_-1", "w_99999999999",
                                     "w_2147483648", "d_agra city", "d_आगरा", "x_1",
                                     "d_" + "a" * 70, "w_１２"])
def test_a_crafted_or_mistyped_link_is_not_read(payload: str) -> None:
    assert links.read(payload) is None


def test_a_wrong_link_for_its_codec_is_refused() -> None:
    with pytest.raises(BadLink):
        WorkshopLink.unpack("d_agra")
    with pytest.raises(ValueError):
        WorkshopLink(-1).pack()


def test_a_link_prefix_is_claimed_once() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        @deeplink("d_")
        class Another:
            value: str


def test_start_payload() -> None:
    assert links.start_payload("/start d_agra") == "d_agra"
    assert links.start_payload("/start") == ""
    assert links.start_payload(None) == ""


def test_command_arguments_take_words_and_the_rest() -> None:
    @arguments("test-export")
    class ExportArgs:
        kind: str
        fmt: str
        rest: str

    parsed = ExportArgs.parse("/export products csv sant kabir nagar")
    assert parsed == ExportArgs("products", "csv", "sant kabir nagar")
    assert ExportArgs.parse("/export") == ExportArgs("", "", "")
    assert ExportArgs.parse("/export@haat_bot  a\x00b\u202e  ").kind == "ab"
    assert len(ExportArgs.parse("/export x y " + "z" * 5000).rest) <= links.ARGUMENTS_LIMIT
    with pytest.raises(ValueError, match="already"):
        @arguments("test-export")
        class Again:
            rest: str
