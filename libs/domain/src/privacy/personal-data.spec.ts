import { poolEvents } from '../event-schemas.js';
import { PERSONAL_DATA, personalDataOf } from './personal-data.js';

// What the store makes of these fields once a key is shredded (the placeholders parse, the values are gone)
// is tested where the store does it: libs/event-store/src/privacy/crypto-shredding.int.spec.ts.

describe('PERSONAL_DATA', () => {
  it('names only fields that its event schemas have', () => {
    for (const [type, spec] of Object.entries(PERSONAL_DATA)) {
      const schema = poolEvents[type as keyof typeof poolEvents].data as unknown as {
        shape?: Record<string, unknown>;
        in?: { shape?: Record<string, unknown> };
      };
      const shape = schema.shape ?? schema.in?.shape;
      expect(shape).toBeDefined();
      const named = spec.subjectFrom === undefined ? [spec.subjectField] : [];
      for (const field of [...named, ...Object.keys(spec.fields)]) {
        const [array, item] = field.split('[].');
        expect(Object.keys(shape!)).toContain(array);
        if (item !== undefined) expect(Object.keys(itemShapeOf(shape![array]))).toContain(item);
      }
    }
  });

  it('knows no personal data in an event type it does not list', () => {
    expect(personalDataOf('SkillAdded')).toBeUndefined();
    expect(personalDataOf('toString')).toBeUndefined();
  });
});

/** The object shape of an array schema's items (z.array(z.object(...)), possibly with a max length). */
function itemShapeOf(schema: unknown): Record<string, unknown> {
  return (schema as { element: { shape: Record<string, unknown> } }).element.shape;
}
