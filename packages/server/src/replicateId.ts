/**
 * Replicate's ids are 26 lower-case base32 letters (`gm3qorzdhgbfurvjtvhg6dckhu`): exactly the 128
 * bits of a UUID. So a prediction or file keeps its one UUID in the store, and the Replicate surface
 * shows it in base32: the two ids name the same record, and either finds it on either surface.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;
const REPLICATE_ID = /^[a-z2-7]{25}[aeimquy4]$/;

export function toReplicateId(uuid: string): string {
  const hex = uuid.replaceAll('-', '');
  let bits = '';
  for (const digit of hex) bits += Number.parseInt(digit, 16).toString(2).padStart(4, '0');
  bits = bits.padEnd(130, '0');
  let out = '';
  for (let i = 0; i < 130; i += 5) out += ALPHABET[Number.parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

/** The UUID a Replicate id (or a UUID) names; `undefined` for anything else. */
export function fromReplicateId(id: string): string | undefined {
  if (UUID.test(id)) return id;
  if (!REPLICATE_ID.test(id)) return undefined;
  let bits = '';
  for (const letter of id) bits += ALPHABET.indexOf(letter).toString(2).padStart(5, '0');
  let hex = '';
  for (let i = 0; i < 128; i += 4) hex += Number.parseInt(bits.slice(i, i + 4), 2).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
