from datetime import date

from ledger_export.csv_export import LedgerEntry, render_csv


def test_debits_and_credits_land_in_separate_columns():
    rows = render_csv(
        [
            LedgerEntry("e-1", date(2024, 11, 30), "4000-sales", "EUR", 12550, "ord_81"),
            LedgerEntry("e-2", date(2024, 11, 30), "1200-psp", "EUR", -12550, "ord_81"),
        ]
    ).splitlines()
    assert rows[0].startswith("entry_id,booked_on")
    assert rows[1] == "e-1,2024-11-30,4000-sales,EUR,125.50,,ord_81"
    assert rows[2] == "e-2,2024-11-30,1200-psp,EUR,,125.50,ord_81"
