import { money, shortDate } from './format.js';

type Payout = {
  id: string;
  arrivesOn: string;
  amountMinor: number;
  currency: string;
};
type Dispute = {
  id: string;
  openedOn: string;
  reason: string;
  amountMinor: number;
  currency: string;
};
type Summary = { merchantName: string; payouts: Payout[]; disputes: Dispute[] };

function row(cells: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

async function render(): Promise<void> {
  const res = await fetch('/api/merchants/me/summary', {
    credentials: 'include',
  });
  if (!res.ok) {
    document.querySelector(
      '#status',
    )!.textContent = `Could not load your summary (${res.status}).`;
    return;
  }
  const summary = (await res.json()) as Summary;
  document.querySelector('#merchant')!.textContent = summary.merchantName;

  const payouts = document.querySelector('#payouts tbody')!;
  for (const p of summary.payouts) {
    payouts.append(
      row([shortDate(p.arrivesOn), money(p.amountMinor, p.currency), p.id]),
    );
  }
  const disputes = document.querySelector('#disputes tbody')!;
  for (const d of summary.disputes) {
    disputes.append(
      row([shortDate(d.openedOn), d.reason, money(d.amountMinor, d.currency)]),
    );
  }
  document.querySelector('#status')!.textContent = '';
}

void render();
