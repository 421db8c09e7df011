/** Lowercase letters, digits and single hyphens inside, up to 39 characters: safe in a path, one spelling. */
export const USERNAME_PATTERN = '^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$';

const USERNAME = new RegExp(USERNAME_PATTERN);

export function isUsername(value: string): boolean {
  return USERNAME.test(value);
}
