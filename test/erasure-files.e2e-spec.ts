import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesHolding } from '@banenpool/testing';
import { caller, startTestApi } from './support/api-client.js';

// An erasure through the API on the embedded store, read back as raw bytes: after the service
// stopped, no file of its data folder (tables, indexes, WAL) holds the worker's name, birth date or
// postcode any more, although the read models and the log held them before (ADR 0021).

const NAME = 'Hendrikje Brinkhuis-Wolterink';
const BIRTH_DATE = '1979-04-23';
const POSTCODE = '7546 ZW';

describe('an erased worker on the embedded store, read from its files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banenpool-erasure-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no copy of the name, birth date or postcode in the data folder', async () => {
    const app = await startTestApi({ DATA_DIR: dir });
    try {
      const operator = caller(app, 'demo-operator');
      await operator
        .post('/workers')
        .send({
          workerId: 'w-files',
          name: NAME,
          birthDate: BIRTH_DATE,
          postcode: POSTCODE,
          skills: ['cleaning'],
          availability: { hoursPerWeek: 24 },
        })
        .expect(201);
      const board = await operator.get('/workers/w-files?purpose=pool_operations').expect(200);
      expect(board.body).toMatchObject({ name: NAME });

      await operator.post('/workers/w-files/erasure').send({ reason: 'data_subject_request' }).expect(201);
    } finally {
      await app.close();
    }

    expect(filesHolding(dir, NAME)).toEqual([]);
    expect(filesHolding(dir, BIRTH_DATE)).toEqual([]);
    expect(filesHolding(dir, POSTCODE)).toEqual([]);
  });
});
