/** Where the server serves user avatars: outside the API, public as a CDN's images are. */
export const AVATAR_PATH = /^\/avatars\/([0-9a-f-]{36})\.svg$/;

/** A user's avatar URL on this server. */
export function avatarUrl(origin: string, userId: string): string {
  return `${origin}/avatars/${userId}.svg`;
}
