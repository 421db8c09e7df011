/** FNV-1a over a string, with a round number so one id gives several independent values. */
function hash(text: string, round: number): number {
  let h = 0x811c9dc5 ^ round;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A user's avatar: a 5×5 mirrored identicon in a colour of its own, drawn from the user's id (a
 * UUID), so it never changes with a rename and holds nothing a user typed.
 */
export function avatarSvg(id: string): string {
  const hue = hash(id, 0) % 360;
  const bits = hash(id, 1);
  const cells: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if (!((bits >>> (row * 3 + col)) & 1)) continue;
      for (const x of new Set([col, 4 - col])) {
        cells.push(`<rect x="${x * 16 + 8}" y="${row * 16 + 8}" width="16" height="16"/>`);
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
    `<rect width="96" height="96" fill="hsl(${hue} 40% 94%)"/>` +
    `<g fill="hsl(${hue} 55% 45%)">${cells.join('')}</g></svg>`
  );
}
