"""`tradepoint duty EXPRESSION`: the parsed expression as JSON, exit 2 with the reason when unreadable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tradepoint.cli import main

TRADEPOINT = Path(sys.executable).with_name("tradepoint")


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["duty", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_parsed_expression_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "9.10 % + 45.10 EUR / 100 kg MAX 18.90 % + 16.50 EUR / 100 kg")
    assert code == 0
    parsed = json.loads(out)
    assert list(parsed)[:3] == ["text", "structure", "ad_valorem_pct"]
    assert parsed["structure"] == "AV + SP MAX AV + SP"
    assert parsed["ad_valorem_pct"] is None  # compound: not purely ad valorem
    assert (parsed["specific_amount"], parsed["specific_currency"], parsed["specific_unit"]) == (45.1, "EUR", "100 kg")
    assert [c["operator"] for c in parsed["components"]] == ["", "+", "MAX", "+"]


def test_us_rate_and_free(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "1.5¢/kg + 7.5%")
    assert code == 0
    component = json.loads(out)["components"][0]
    assert (component["amount"], component["currency"], component["unit"]) == (0.015, "USD", "kg")
    code, out, _ = run_main(capsys, "Free")
    assert (code, json.loads(out)["structure"], json.loads(out)["ad_valorem_pct"]) == (0, "FREE", 0.0)


def test_wits_rate_needs_the_source_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "--source", "wits", "10.8000001907349")
    assert (code, json.loads(out)["ad_valorem_pct"]) == (0, 10.8)
    code, out, err = run_main(capsys, "10.8000001907349")
    assert (code, out) == (2, "")
    assert "expected '%' or a currency code" in err


def test_unreadable_expression_exits_2_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "The rate applicable to the natural honey in heading 0409")
    assert (code, out) == (2, "")
    assert err.startswith("error: cannot parse duty expression 'The rate applicable to the natural honey")
    assert "at position 0: a rate defined by another article's rate" in err


@pytest.mark.skipif(not TRADEPOINT.exists(), reason="the tradepoint console script is not installed")
def test_console_script() -> None:
    ok = subprocess.run(
        [str(TRADEPOINT), "duty", "223.00 GBP / 1000 kg"], capture_output=True, text=True, timeout=120, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["specific_unit"] == "1000 kg"
    bad = subprocess.run(
        [str(TRADEPOINT), "duty", "12 GBP / banana"], capture_output=True, text=True, timeout=120, check=False
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert "expected a known measurement unit at position 9, found 'banana'" in bad.stderr
    helped = subprocess.run(
        [str(TRADEPOINT), "duty", "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert helped.returncode == 0 and "docs/duty_expressions.md" in helped.stdout


def test_the_duty_of_a_consignment_in_its_own_currency(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "12.00 % + 94.00 GBP / 1000 kg", "--value", "1000", "--currency", "GBP",
                            "--quantity", "2", "--unit", "100 kg")
    assert code == 0
    assert json.loads(out)["duty"] == {"amount": 138.8, "currency": "GBP", "customs_value": 1000.0, "quantity": 2.0,
                                       "unit": "100 kg", "rates": []}  # 120 + 94 x 0.2


def test_a_consignment_without_the_quantity_its_duty_needs_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "16.00 GBP / hl", "--value", "500", "--currency", "GBP")
    assert (code, out) == (2, "") and "needs a quantity in 'hl'" in err


def test_in_currency_converts_specific_amounts_only() -> None:
    from transforms.duty_expressions import DutyAmountError, in_currency, parse_duty_expression

    parsed = parse_duty_expression("4.4¢/kg + 10%")
    euros = in_currency(parsed, "EUR", {"USD": 0.9})
    assert [(c.kind, c.amount, c.currency, c.rate_pct) for c in euros.components] == [
        ("specific", pytest.approx(0.0396), "EUR", None), ("ad_valorem", None, None, 10.0)]
    assert (euros.specific_currency, euros.text) == ("EUR", "4.4¢/kg + 10%")
    with pytest.raises(DutyAmountError, match="no exchange rate from USD to GBP"):
        in_currency(parsed, "GBP", {})


def test_foreign_specific_duties_are_converted_at_the_dated_ecb_rate(tmp_path: Path) -> None:
    """A real published warehouse with the recorded ECB rates: USD cents converted to EUR."""
    import os
    import re

    env = os.environ | {"TRADEPOINT_DATA_DIR": str(tmp_path / "data")}
    loaded = subprocess.run([str(TRADEPOINT), "run", "-q", "--source", "ecb_rates"], env=env, capture_output=True,
                            text=True, check=False)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    out = subprocess.run([str(TRADEPOINT), "duty", "2.2¢/kg + 5%", "--value", "1000", "--currency", "EUR",
                          "--quantity", "500", "--unit", "kg", "--on", "2026-11-29", "-q"], env=env,
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    duty = json.loads(out.stdout)["duty"]
    recording = Path(__file__).parents[1] / "scrapers" / "recorded" / "ecb_rates" / "eurofxref-hist-90d.xml"
    usd_per_eur = float(re.search(r"<Cube time='2026-11-27'>\s*<Cube currency='USD' rate='([0-9.]+)'/>",
                                  recording.read_text()).group(1))
    assert duty["rates"] == [{"from": "USD", "to": "EUR", "rate_date": "2026-11-27",  # Sunday: Friday's rate
                              "rate": pytest.approx(1 / usd_per_eur)}]
    assert duty["amount"] == round(0.022 * 500 / usd_per_eur + 50, 2)
