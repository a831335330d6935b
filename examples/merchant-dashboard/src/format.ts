export function money(amountMinor: number, currency: string): string {
  return new Intl.NumberFormat(navigator.language, {
    style: 'currency',
    currency,
  }).format(amountMinor / 100);
}

export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(navigator.language, {
    day: 'numeric',
    month: 'short',
  });
}
