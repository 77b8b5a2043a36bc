import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApi } from './support/api-client.js';

describe('probe', () => {
  let app: INestApplication;
  beforeAll(async () => { app = await startTestApi(); });
  afterAll(() => app?.close());
  it('probes', async () => {
    const s = () => request(app.getHttpServer());
    const show = (label: string, r: request.Response) => console.log(label, r.status, r.headers['content-type'], JSON.stringify(r.body).slice(0, 300), r.text?.slice(0, 200));
    show('malformed', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('{"broken":'));
    show('1MB', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(1024 * 1024) })));
    show('100kB', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(100 * 1024) })));
    show('utf16', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json; charset=utf-16').send('{}'));
    show('enc', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').set('Content-Encoding', 'bogus').send('{}'));
    show('array', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('[]'));
    show('array1', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('[{"employerId":"x","name":"y","memberFrom":"2026-01-01"}]'));
    show('null', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('null'));
    show('form', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/x-www-form-urlencoded').send('employerId=formemp&name=Form&memberFrom=2026-01-01'));
    show('text', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'text/plain').send('{"employerId":"x"}'));
    show('proto', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('{"employerId":"protoemp","name":"P","memberFrom":"2026-01-01","__proto__":{"admin":true}}'));
    show('nul name', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send(JSON.stringify({ employerId: 'nulemp', name: 'a\u0000b', memberFrom: '2026-01-01' })));
    show('404', await s().get('/nope'));
    show('404 post', await s().post('/nope').send({}));
    show('bad pct', await s().get('/employers/%ZZ').set('Authorization', 'Bearer demo-operator'));
    show('nul path', await s().get('/employers/a%00b').set('Authorization', 'Bearer demo-operator'));
    show('nul stream', await s().get('/streams/a%00b').set('Authorization', 'Bearer demo-operator'));
    show('long url', await s().get('/employers/' + 'x'.repeat(20000)).set('Authorization', 'Bearer demo-operator'));
    show('long url 10k', await s().get('/employers/' + 'x'.repeat(10000)).set('Authorization', 'Bearer demo-operator'));
    show('1e-7', await s().post('/workers/w/availability').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('{"hoursPerWeek":1e-7}'));
    show('1e-7 put', await s().put('/workers/w/availability').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('{"hoursPerWeek":1e-7}'));
    show('inf put', await s().put('/workers/w/availability').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('{"hoursPerWeek":1e999}'));
    show('deep', await s().post('/employers').set('Authorization', 'Bearer demo-operator').set('Content-Type', 'application/json').send('{"x":' + '{"a":'.repeat(10000) + '1' + '}'.repeat(10000) + '}'));
    show('patch', await s().patch('/employers/x').set('Authorization', 'Bearer demo-operator'));
    show('options', await s().options('/employers/x'));
  });
});
