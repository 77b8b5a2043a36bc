/**
 * Deals items to `lanes` lanes, the costliest first, each to the lane with the least cost so far (on a tie, the
 * fewest items): lanes that run at once then finish at about the same time. Empty lanes are left out.
 */
export function dealByCost<T>(items: readonly T[], lanes: number, cost: (item: T) => number): T[][] {
  const dealt = Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, () => ({ cost: 0, items: [] as T[] }));
  for (const item of [...items].sort((a, b) => cost(b) - cost(a))) {
    const lightest = dealt.reduce((a, b) => (b.cost < a.cost || (b.cost === a.cost && b.items.length < a.items.length) ? b : a));
    lightest.cost += cost(item);
    lightest.items.push(item);
  }
  return dealt.map((lane) => lane.items).filter((lane) => lane.length > 0);
}
