import { PersonalDataKeys } from '@banenpool/event-store';

/**
 * Personal-data keys held in memory, for tests of the erasure without the crypto-shredding store.
 * `failNextShred` makes the next shred throw before it shreds: a process that died between the
 * append of WorkerDataErased and the shredding of the key.
 */
export class InMemoryPersonalDataKeys extends PersonalDataKeys {
  readonly shredded = new Set<string>();
  shredCalls = 0;
  private failing = false;

  failNextShred(): void {
    this.failing = true;
  }

  async shred(subjectId: string): Promise<void> {
    this.shredCalls++;
    if (this.failing) {
      this.failing = false;
      throw new Error('the process died before it shredded the key');
    }
    this.shredded.add(subjectId);
  }

  async isShredded(subjectId: string): Promise<boolean> {
    return this.shredded.has(subjectId);
  }
}
