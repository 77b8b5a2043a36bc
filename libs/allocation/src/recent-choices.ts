// What the last relaxations chose, counted per candidate: the guide of the Lagrangian heuristic.
//
// Near the best prices, many candidates of a cell gain almost the same, and one relaxation takes some of
// them more or less at random: on 2,000 × 400 the relaxation at the best prices over-filled 1,742 places
// and left 1,857 open. How often a candidate was taken over the last relaxations is far steadier (the
// subgradient method's average of its relaxations tends to a solution of the LP over the blocks), so the
// heuristic places candidates by that count. Measured on 2,000 × 400 at the prices of 237 relaxations,
// after the local search: 505,329 from the last relaxation alone, 506,374 from the last 30 by count
// (506,291–506,523 over windows of 10 to 60).

export class RecentChoices {
  private readonly count: Uint16Array;
  private readonly listed: Uint8Array;
  private readonly ring: (readonly number[])[] = [];
  private next = 0;

  /** `candidates`: how many there are; `window`: how many relaxations are counted (the latest). */
  constructor(
    candidates: number,
    private readonly window: number,
  ) {
    this.count = new Uint16Array(candidates);
    this.listed = new Uint8Array(candidates);
  }

  /** Counts a relaxation's choices, each candidate at most once (and forgets the oldest once the window is full). */
  add(chosen: readonly number[]): void {
    if (this.ring.length === this.window) {
      for (const j of this.ring[this.next]) this.count[j]--;
      this.ring[this.next] = chosen;
    } else this.ring.push(chosen);
    this.next = (this.next + 1) % this.window;
    for (const j of chosen) this.count[j]++;
  }

  /** Every candidate taken in the window, most often first; then by potential, then by index. */
  ranked(potential: Float64Array): number[] {
    // Grouped by count (at most `window`), so only each group is sorted; the marks are cleared again.
    const groups: number[][] = Array.from({ length: this.window + 1 }, () => []);
    const { count, listed } = this;
    for (const chosen of this.ring) {
      for (const j of chosen) {
        if (listed[j]) continue;
        listed[j] = 1;
        groups[count[j]].push(j);
      }
    }
    const out: number[] = [];
    for (let c = this.window; c > 0; c--) {
      for (const j of groups[c].sort((a, b) => potential[b] - potential[a] || a - b)) {
        listed[j] = 0;
        out.push(j);
      }
    }
    return out;
  }
}
