import { frontendMessageLength, wholeMessages } from './whole-message-framing.js';

const typed = (type: string, body: string): Buffer => {
  const payload = Buffer.from(body);
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + payload.length, 1);
  return Buffer.concat([header, payload]);
};

const untyped = (code: number, body = ''): Buffer => {
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, Buffer.from(body)]);
};

const startup = untyped(196_608, 'user\0postgres\0\0');
const sslRequest = untyped(80_877_103);

describe('frontend message framing', () => {
  it('reads the length of an untyped startup message and of a typed one', () => {
    expect(frontendMessageLength(startup, false)).toBe(startup.length);
    expect(frontendMessageLength(typed('Q', 'SELECT 1\0'), true)).toBe(14);
  });

  it('needs the whole header before it knows a length', () => {
    expect(frontendMessageLength(typed('Q', 'SELECT 1\0').subarray(0, 4), true)).toBeUndefined();
    expect(frontendMessageLength(Buffer.alloc(0), true)).toBeUndefined();
  });

  it('after the startup message, a typed message whose bytes look like a startup code is still typed', () => {
    // Length 0x00000400 then a body starting 0x03 0x00 0x00: bytes 4..7 read 196608.
    const message = Buffer.alloc(1 + 0x400);
    message.write('d', 0);
    message.writeInt32BE(0x400, 1);
    message[5] = 3;
    expect(frontendMessageLength(message, true)).toBe(1 + 0x400);
  });

  it('counts the whole messages of a chunk and leaves a partial one', () => {
    const query = typed('Q', 'SELECT 1\0');
    const data = Buffer.concat([sslRequest, startup, query, query.subarray(0, 7)]);
    expect(wholeMessages(data, false)).toEqual({ bytes: sslRequest.length + startup.length + query.length, started: true });
    expect(wholeMessages(sslRequest, false)).toEqual({ bytes: sslRequest.length, started: false });
  });

  it('a message split over any two chunks is whole only once both are there', () => {
    const message = typed('P', 'x'.repeat(300));
    for (let cut = 0; cut < message.length; cut++) {
      expect(wholeMessages(message.subarray(0, cut), true).bytes).toBe(0);
    }
    expect(wholeMessages(message, true).bytes).toBe(message.length);
  });

  it('a length no message can have goes through as is, for the library to refuse', () => {
    const broken = Buffer.from([0x51, 0, 0, 0, 1, 0x41]);
    expect(wholeMessages(broken, true).bytes).toBe(broken.length);
  });
});
