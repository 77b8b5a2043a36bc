/**
 * The per-subject data keys that make the personal fields in events readable (crypto-shredding):
 * a worker's name, birth date, address and target-group data are stored encrypted with the
 * worker's own key, so deleting that key erases them from an immutable, hash-chained log.
 */
export abstract class PersonalDataKeys {
  /** Deletes the subject's data key for good: every field encrypted with it becomes unreadable. Doing it twice changes nothing. */
  abstract shred(subjectId: string): Promise<void>;
  /** Whether the subject's key has been shredded. */
  abstract isShredded(subjectId: string): Promise<boolean>;
}
