"""HTTP entry point: POST /exports/<day> writes that day's ledger CSV to S3."""

import os
from datetime import date

import boto3
import psycopg2
from flask import Flask, abort, jsonify

from ledger_export.csv_export import LedgerEntry, render_csv

QUERY = """
    SELECT entry_id, booked_on, account, currency, amount_minor, reference
    FROM ledger_entries
    WHERE booked_on = %s AND status = 'settled'
    ORDER BY entry_id
"""


def load_entries(day: date) -> list[LedgerEntry]:
    with psycopg2.connect(os.environ["LEDGER_DATABASE_URL"]) as conn:
        with conn.cursor() as cur:
            cur.execute(QUERY, (day,))
            return [LedgerEntry(*row) for row in cur.fetchall()]


def create_app() -> Flask:
    app = Flask(__name__)
    bucket = os.environ.get("EXPORT_BUCKET", "acme-finance-ledger-exports")

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "version": os.environ.get("APP_VERSION", "unknown")}

    @app.post("/exports/<day>")
    def export_day(day: str):
        try:
            booked_on = date.fromisoformat(day)
        except ValueError:
            abort(400, description="day must be YYYY-MM-DD")
        body = render_csv(load_entries(booked_on))
        key = f"ledger/{booked_on:%Y/%m}/ledger-{booked_on.isoformat()}.csv"
        boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=body.encode("utf-8"))
        return jsonify(bucket=bucket, key=key, bytes=len(body))

    return app
