#!/usr/bin/env node
// npm run api-key -- <role:name[:employerId]>   makes a new random key and its API_KEYS entry
// npm run api-key -- <role:name[:employerId]> --key <existing key>   the entry for a key you have
// The service keeps only the SHA-256 of a key (API_KEYS / API_KEYS_FILE accept `sha256:<hex>=…`), so
// the key itself is printed once here, for the caller, and stored nowhere.
import { createHash, randomBytes } from 'node:crypto';

const [spec, flag, given] = process.argv.slice(2);
if (!spec || !/^(operator|auditor|employer):[A-Za-z0-9_.@-]{1,100}(:[A-Za-z0-9_.@-]{1,100})?$/.test(spec) || (flag && flag !== '--key')) {
  console.error('usage: npm run api-key -- <operator|auditor|employer>:<name>[:<employerId>] [--key <existing key>]');
  process.exit(2);
}
const key = given ?? randomBytes(32).toString('base64url');
const hash = createHash('sha256').update(key, 'utf8').digest('hex');
if (!given) console.log(`key (give it to the caller; it is not kept anywhere): ${key}`);
console.log(`API_KEYS entry: sha256:${hash}=${spec}`);
