"""Rendering of ledger rows into the CSV layout finance imports."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

COLUMNS = ["entry_id", "booked_on", "account", "currency", "debit", "credit", "reference"]


@dataclass(frozen=True)
class LedgerEntry:
    entry_id: str
    booked_on: date
    account: str
    currency: str
    amount_minor: int  # positive = debit, negative = credit
    reference: str


def _major(amount_minor: int) -> str:
    return str((Decimal(abs(amount_minor)) / 100).quantize(Decimal("0.01")))


def render_csv(entries: list[LedgerEntry]) -> str:
    """Return the CSV text for the given entries, one row per entry."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        debit = _major(entry.amount_minor) if entry.amount_minor > 0 else ""
        credit = _major(entry.amount_minor) if entry.amount_minor < 0 else ""
        writer.writerow(
            [
                entry.entry_id,
                entry.booked_on.isoformat(),
                entry.account,
                entry.currency,
                debit,
                credit,
                entry.reference,
            ]
        )
    return buffer.getvalue()
