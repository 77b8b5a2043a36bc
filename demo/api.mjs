// A small client for the Banenpool HTTP API, used by the demo: Node 20's global fetch, no dependencies.
// Every POST carries an Idempotency-Key, so a second run gets the first answer back instead of appending again.

/** The service does not answer at all (nothing listens at the URL). */
export class NotRunningError extends Error {}

/** The API answered something the demo did not expect: the request and the answer, for a person to read. */
export class UnexpectedAnswerError extends Error {}

const MAX_VERSION_CONFLICT_RETRIES = 3;

export class BanenpoolApi {
  /**
   * @param {string} baseUrl e.g. http://127.0.0.1:3000
   * @param {string} operatorKey an operator API key (default demo-operator)
   */
  constructor(baseUrl, operatorKey) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.operatorKey = operatorKey;
    /** The highest global position a command returned: what reads wait for. */
    this.lastPosition = undefined;
    /** Set when the service does not accept the demo-employer-<id> keys (API_KEYS configured). */
    this.employerKeysRefused = false;
  }

  /** One HTTP exchange. Throws NotRunningError when nothing answers; otherwise returns { status, headers, body }. */
  async request(method, path, { body, key = this.operatorKey, idempotencyKey } = {}) {
    const headers = { Accept: 'application/json' };
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const reason = error?.cause?.code ?? error?.name ?? 'no answer';
      throw new NotRunningError(`Banenpool is not running at ${this.baseUrl}: start it with \`npm start\` (${reason})`);
    }
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text for the message
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  /** A GET that must succeed (2xx). */
  async get(path, { key } = {}) {
    const answer = await this.request('GET', path, { key });
    if (answer.status < 200 || answer.status > 299) throw unexpected('GET', path, undefined, answer);
    return answer.body;
  }

  /**
   * A command (a POST, or the PUT that registers a week's hours). Returns one of
   *   { outcome: 'done', result }                       — it was appended now
   *   { outcome: 'already', why }                       — it was there already: replayed, a no-op, or an "already exists" refusal
   *   { outcome: 'refused', problem }                   — a business-rule refusal the caller said it expects (`expect`)
   * and throws UnexpectedAnswerError for anything else.
   *
   * @param {object} options
   * @param {string} options.idempotencyKey
   * @param {string[]} [options.already] problem codes (409/422) that mean "this exists already"
   * @param {string[]} [options.expect] problem codes (422) the demo expects as a refusal
   * @param {string} [options.employerId] act with the employer's own demo key demo-employer-<id>
   * @param {'POST' | 'PUT'} [options.method] POST unless said (a PUT takes no Idempotency-Key: a repeat answers what it finds)
   */
  async command(path, body, { idempotencyKey, already = [], expect = [], employerId, method = 'POST' } = {}) {
    const useEmployerKey = employerId !== undefined && !this.employerKeysRefused;
    const key = useEmployerKey ? `demo-employer-${employerId}` : this.operatorKey;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.request(method, path, { body, key, idempotencyKey });
      const problem = typeof answer.body === 'object' && answer.body !== null ? answer.body : {};
      if (answer.status === 401 && useEmployerKey) {
        // The service runs with its own API_KEYS, so the demo employer keys do not exist: act as the operator.
        this.employerKeysRefused = true;
        return this.command(path, body, { idempotencyKey, already, expect, employerId, method });
      }
      if (answer.status >= 200 && answer.status <= 299) {
        this.notePosition(problem.position);
        if (answer.headers.get('idempotent-replayed') === 'true') return { outcome: 'already', why: 'replayed', result: answer.body };
        if (Array.isArray(problem.events) && problem.events.length === 0)
          return { outcome: 'already', why: 'no change', result: answer.body };
        return { outcome: 'done', result: answer.body };
      }
      if ((answer.status === 409 || answer.status === 422) && already.includes(problem.code))
        return { outcome: 'already', why: problem.code };
      if (answer.status === 422 && expect.includes(problem.code)) return { outcome: 'refused', problem };
      // A version conflict (another writer, e.g. the placement process, appended meanwhile) or a
      // request with the same Idempotency-Key still running: the answer says to try again.
      if (answer.status === 409 && problem.code === undefined && attempt < MAX_VERSION_CONFLICT_RETRIES) {
        await sleep(200 * (attempt + 1));
        continue;
      }
      throw unexpected(method, path, body, answer, useEmployerKey ? key : undefined);
    }
  }

  notePosition(position) {
    if (typeof position !== 'string') return;
    if (this.lastPosition === undefined || comparePositions(position, this.lastPosition) > 0) this.lastPosition = position;
  }

  /**
   * Read-your-writes: waits until the projections (and the placement process, which the projector
   * also drives) have reached `position`. Retries a few times when the bounded wait times out.
   */
  async waitFor(position = this.lastPosition) {
    if (position === undefined) return;
    for (let attempt = 0; attempt < 6; attempt++) {
      const answer = await this.request('GET', `/streams?limit=1&waitFor=${encodeURIComponent(position)}`);
      if (answer.status !== 200) throw unexpected('GET', `/streams?waitFor=${position}`, undefined, answer);
      if (answer.headers.get('x-consistency') !== 'timeout') return;
    }
    throw new UnexpectedAnswerError(`The projections did not reach position ${position} within 30 s (X-Consistency: timeout).`);
  }

  /** The event store's head position, from the public health check (null when the store is empty). */
  async headPosition() {
    const answer = await this.request('GET', '/health', { key: undefined });
    const body = answer.body ?? {};
    return body.details?.eventStore?.head ?? body.info?.eventStore?.head ?? null;
  }

  /**
   * Waits until everything in the store, including what the placement process appended in reaction,
   * is projected; then counts the stream catalog: { streams, events }.
   */
  async catalogTotals() {
    let head = await this.headPosition();
    for (let round = 0; round < 10 && head; round++) {
      await this.waitFor(head);
      const after = await this.headPosition();
      if (after === head) break;
      head = after;
    }
    let events = 0;
    let total = 0;
    for (let offset = 0; ; offset += 200) {
      const page = await this.get(`/streams?limit=200&offset=${offset}`);
      total = page.total;
      events += page.items.reduce((sum, entry) => sum + entry.eventCount, 0);
      if (offset + page.items.length >= page.total || page.items.length === 0) break;
    }
    return { streams: total, events };
  }
}

/** Positions are "commit-prepare" (two integers); compared as numbers, not text. */
export function comparePositions(a, b) {
  const [ac, ap] = a.split('-').map(BigInt);
  const [bc, bp] = b.split('-').map(BigInt);
  if (ac !== bc) return ac < bc ? -1 : 1;
  if (ap !== bp) return ap < bp ? -1 : 1;
  return 0;
}

function unexpected(method, path, body, answer, key) {
  const sent = body === undefined ? '' : `\n  body: ${JSON.stringify(body)}`;
  const as = key ? ` (as ${key})` : '';
  const received = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return new UnexpectedAnswerError(`${method} ${path}${as} answered ${answer.status}:${sent}\n  answer: ${received}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
