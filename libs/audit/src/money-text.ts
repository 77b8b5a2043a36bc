import type { Cents } from '@banenpool/domain';

/** Euro cents as a Dutch reader writes them: 1471 → "€ 14,71", 123456 → "€ 1.234,56". Integer arithmetic only. */
export function euros(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage: 8000 → "80 %", 395 → "3,95 %". */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return `${whole}${rest === 0 ? '' : `,${String(rest).padStart(2, '0').replace(/0$/, '')}`} %`;
}
