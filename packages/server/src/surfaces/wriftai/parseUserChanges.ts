import type { UserChanges } from '../../registry/Registry';
import { USERNAME_PATTERN } from '../../users/isUsername';
import { FieldReader } from './FieldReader';

const USERNAME = { regex: new RegExp(USERNAME_PATTERN), source: USERNAME_PATTERN };

/** The body of `PATCH /user`: any of these fields; only those sent change, `null` clears a text. */
export function parseUserChanges(body: unknown): UserChanges {
  const fields = new FieldReader(body, ['username', 'name', 'bio', 'urls', 'location', 'company']);
  const parsed: UserChanges = {
    username: fields.text('username', { min: 1, max: 39, pattern: USERNAME }) ?? undefined,
    name: fields.text('name', { nullable: true, max: 100 }),
    bio: fields.text('bio', { nullable: true, max: 500 }),
    urls: fields.list('urls', 10, 'url'),
    location: fields.text('location', { nullable: true, max: 100 }),
    company: fields.text('company', { nullable: true, max: 100 }),
  };
  fields.done();
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
}
