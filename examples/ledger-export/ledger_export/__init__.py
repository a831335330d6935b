"""Ledger export service: turns settled ledger entries into finance CSV files."""
