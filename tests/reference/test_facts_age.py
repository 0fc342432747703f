"""Issue 18: ``seller-bot facts`` lists the facts whose as-of date is older than twelve
months, from every data file's as-of column or key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.cli.main import main
from bot.reference import facts_age


def test_older_than_twelve_months(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "key,fibre,value,source,as_of\n"
        "x,silk,1,old source,2025-12\n"      # 1 Dec 2025: over 12 months before 7 Dec 2026
        "x,wool,2,fresh source,2025-12-08\n"  # within 12 months
        "y,cotton,3,year only,2011\n", encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        '[amazon.referral]\nsource = "mobi"\nas_of = "2026-03"\nconfidence = "L"\n'
        '[walmart]\nsource = "wmfee"\nas_of = "2025-03-25"\nconfidence = "C"\n',
        encoding="utf-8")
    (tmp_path / "names.csv").write_text("latin,hindi\nA,अ\n", encoding="utf-8")
    stale = facts_age.older_than(date(2026, 12, 7), data_dir=tmp_path)
    assert [(f.file, f.name, f.as_of) for f in stale] == [
        ("a.csv", "y", "2011"), ("b.toml", "walmart", "2025-03-25"),
        ("a.csv", "x/silk", "2025-12")]
    assert facts_age.undated_files(tmp_path) == ["names.csv"]


def test_every_data_file_with_rates_is_dated() -> None:
    files = {f.file for f in facts_age.dated_facts()}
    for name in ("categories.csv", "fees.toml", "marketplaces.toml", "gst.toml",
                 "gi_products.csv", "textile_hsn.csv", "nice_classes.csv",
                 "stated_facts.csv", "fibres.csv", "export_councils.csv",
                 "exchange_rates.toml"):
        assert name in files, name


def test_the_command_lists_them(capsys) -> None:
    assert main(["facts", "--today", "2026-12-07"]) == 0
    out = capsys.readouterr().out
    assert "older than 12 months (as of 2026-12-07)" in out
    assert "exchange_rates.toml" in out  # USD rate as of 2025-11 (audit-2026-12 C5)
    assert "stated_facts.csv" not in out  # all dated 2026-11 or later
