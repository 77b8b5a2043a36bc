import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

// The untyped messages a client may send before its session starts: the protocol 3.0 startup
// message, SSLRequest and CancelRequest. Their length comes first; every later message has a type byte.
const UNTYPED_CODES = new Set([196_608, 80_877_103, 80_877_102]);
const STARTUP_CODE = 196_608;

/** What a connection has received of its current message. */
interface Pending {
  chunks: Buffer[];
  bytes: number;
  /** Bytes needed before the first pending message is complete; 0 while its header is incomplete. */
  awaiting: number;
  started: boolean;
}

/** The length of the frontend message at the head of `data`, or undefined while its header is incomplete. */
export function frontendMessageLength(data: Buffer, started: boolean): number | undefined {
  if (!started && data.length >= 8 && UNTYPED_CODES.has(data.readInt32BE(4))) return data.readInt32BE(0);
  return data.length >= 5 ? 1 + data.readInt32BE(1) : undefined;
}

/**
 * How many leading bytes of `data` are whole messages, and whether a startup message was among them.
 * A length no message can have is the client's error to hear from the library: all bytes go through.
 */
export function wholeMessages(data: Buffer, started: boolean): { bytes: number; started: boolean } {
  let offset = 0;
  for (;;) {
    const rest = data.subarray(offset);
    const length = frontendMessageLength(rest, started);
    if (length === undefined || length > rest.length) return { bytes: offset, started };
    if (length < 5) return { bytes: data.length, started };
    if (!started && rest.readInt32BE(4) === STARTUP_CODE) started = true;
    offset += length;
  }
}

type HandleData = (this: PGLiteSocketHandler, data: Buffer) => Promise<number>;
const pendingOf = new WeakMap<PGLiteSocketHandler, Pending>();
let installed = false;

/**
 * pglite-socket (0.2.17, and 0.2.18 unchanged) appends every socket chunk (64 KB) to the bytes
 * it holds with `Buffer.concat`, so a message of n chunks is copied n times: a 48 MB pay run's append
 * took 61 s to arrive instead of 1.7 s. This wraps its private `handleData` so the library only sees
 * whole messages: chunks are held, uncopied, until the message at their head is complete. The
 * library's own parsing, queueing and replies are untouched.
 */
export function installWholeMessageFraming(): void {
  if (installed) return;
  const prototype = PGLiteSocketHandler.prototype as unknown as { handleData?: HandleData };
  const handleData = prototype.handleData;
  if (typeof handleData !== 'function') {
    throw new Error('@electric-sql/pglite-socket no longer has handleData: check whole-message-framing.ts against its new version');
  }
  prototype.handleData = function (this: PGLiteSocketHandler, chunk: Buffer): Promise<number> {
    const pending = pendingOf.get(this) ?? { chunks: [], bytes: 0, awaiting: 0, started: false };
    pendingOf.set(this, pending);
    pending.chunks.push(chunk);
    pending.bytes += chunk.length;
    if (pending.bytes < pending.awaiting) return Promise.resolve(0);
    const data = pending.chunks.length === 1 ? chunk : Buffer.concat(pending.chunks, pending.bytes);
    const whole = wholeMessages(data, pending.started);
    const tail = data.subarray(whole.bytes);
    pending.chunks = tail.length > 0 ? [tail] : [];
    pending.bytes = tail.length;
    pending.started = whole.started;
    pending.awaiting = frontendMessageLength(tail, whole.started) ?? 0;
    return whole.bytes > 0 ? handleData.call(this, data.subarray(0, whole.bytes)) : Promise.resolve(0);
  };
  installed = true;
}
