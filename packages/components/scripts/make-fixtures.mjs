// Writes the small media fixtures the stories use (each well under 20 kB) into src/fixtures/:
// three PNG images, a WAV tone, and a WebM clip recorded by Chromium from a canvas.
// Run: `node packages/components/scripts/make-fixtures.mjs` (needs /usr/bin/chromium for the video).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const out = fileURLToPath(new URL('../src/fixtures/', import.meta.url));

function png(width, height, pixel) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    row[0] = 0;
    for (let x = 0; x < width; x++) row.set(pixel(x / (width - 1), y / (height - 1)), 1 + x * 3);
    rows.push(row);
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
// A sky with a sun and hills: three palettes make three distinct pictures.
const scene = (top, bottom, sun, hill) => (x, y) => {
  const inSun = (x - 0.68) ** 2 + (y - 0.34) ** 2 < 0.018;
  const inHill = y > 0.72 + 0.08 * Math.sin(x * 6.2);
  return inHill ? mix(hill, bottom, (y - 0.7) * 0.5) : inSun ? sun : mix(top, bottom, y);
};
const images = {
  'sunset.png': scene([255, 94, 58], [255, 205, 120], [255, 246, 214], [70, 40, 80]),
  'ocean.png': scene([30, 90, 200], [140, 210, 240], [255, 255, 230], [20, 70, 110]),
  'forest.png': scene([120, 200, 160], [230, 245, 210], [255, 240, 170], [30, 90, 50]),
};
for (const [name, pixel] of Object.entries(images)) writeFileSync(out + name, png(64, 64, pixel));

// 0.6 s of a rising two-note chime, 8 kHz, 8-bit mono.
const rate = 8000;
const samples = Math.round(rate * 0.6);
const wav = Buffer.alloc(44 + samples);
wav.write('RIFF', 0, 'ascii');
wav.writeUInt32LE(36 + samples, 4);
wav.write('WAVEfmt ', 8, 'ascii');
wav.writeUInt32LE(16, 16);
wav.writeUInt16LE(1, 20);
wav.writeUInt16LE(1, 22);
wav.writeUInt32LE(rate, 24);
wav.writeUInt32LE(rate, 28);
wav.writeUInt16LE(1, 32);
wav.writeUInt16LE(8, 34);
wav.write('data', 36, 'ascii');
wav.writeUInt32LE(samples, 40);
for (let i = 0; i < samples; i++) {
  const t = i / rate;
  const f = t < 0.3 ? 660 : 880;
  const env = Math.exp(-((t % 0.3) * 9));
  wav[44 + i] = Math.round(128 + 90 * env * Math.sin(2 * Math.PI * f * t));
}
writeFileSync(out + 'chime.wav', wav);

const { chromium } = await import('playwright-core');
const { chromiumLaunchOptions } = await import('../../../chromium.ts').catch(() => ({
  chromiumLaunchOptions: { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] },
}));
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
const base64 = await page.evaluate(async () => {
  const canvas = Object.assign(document.createElement('canvas'), { width: 96, height: 64 });
  const g = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(12), {
    mimeType: 'video/webm;codecs=vp8',
    videoBitsPerSecond: 60_000,
  });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const done = new Promise((resolve) => {
    recorder.onstop = resolve;
  });
  recorder.start();
  const start = performance.now();
  await new Promise((resolve) => {
    const frame = () => {
      const t = (performance.now() - start) / 1000;
      g.fillStyle = '#1e5ac8';
      g.fillRect(0, 0, 96, 64);
      g.fillStyle = '#fff6d6';
      g.beginPath();
      g.arc(12 + t * 48, 28 - Math.sin(t * 2) * 10, 9, 0, Math.PI * 2);
      g.fill();
      if (t < 1.5) requestAnimationFrame(frame);
      else resolve();
    };
    frame();
  });
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
});
await browser.close();
writeFileSync(out + 'orbit.webm', Buffer.from(base64, 'base64'));
