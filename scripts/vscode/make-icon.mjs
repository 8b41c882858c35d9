// Draws images/icon.png (128x128): a storage cylinder on a rounded dark-blue tile with a green
// check badge. No image libraries: shapes are sampled 4x4 per pixel and written as an RGBA PNG.
// usage: node scripts/vscode/make-icon.mjs [out.png]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = process.argv[2] ?? path.join(root, 'images', 'icon.png');
const size = 128;

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const tile = hex('#1f3a4d');
const disk = hex('#e8f1f7');
const diskShade = hex('#b9cfdd');
const badge = hex('#2ea043');
const white = hex('#ffffff');

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const inEllipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const nearSegment = (x, y, ax, ay, bx, by, w) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= w * w;
};

/** Colour (with alpha) of one sample point; later shapes paint over earlier ones. */
function sample(x, y) {
  let color = null;
  if (inRoundedRect(x, y, 4, 4, 124, 124, 22)) color = tile;
  // Cylinder: three stacked disks (body, bands, top face).
  const cx = 58;
  const rx = 34;
  const ry = 11;
  const top = 34;
  const bottom = 92;
  if ((x >= cx - rx && x <= cx + rx && y >= top && y <= bottom) || inEllipse(x, y, cx, bottom, rx, ry)) color = disk;
  for (const band of [top + 20, top + 40]) {
    if (inEllipse(x, y, cx, band, rx, ry) && !inEllipse(x, y, cx, band - 3, rx, ry) && y > band - 3) color = diskShade;
  }
  if (inEllipse(x, y, cx, top, rx, ry)) color = diskShade;
  if (inEllipse(x, y, cx, top, rx - 3, ry - 2)) color = disk;
  // Check badge.
  if (inEllipse(x, y, 94, 92, 23, 23)) color = white;
  if (inEllipse(x, y, 94, 92, 19, 19)) color = badge;
  if (nearSegment(x, y, 84, 92, 91, 100, 3.2) || nearSegment(x, y, 91, 100, 105, 83, 3.2)) color = white;
  return color;
}

const raw = Buffer.alloc((size * 4 + 1) * size);
const ss = 4;
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < ss; sy++) {
      for (let sx = 0; sx < ss; sx++) {
        const c = sample(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a += 1;
      }
    }
    const o = y * (size * 4 + 1) + 1 + x * 4;
    if (a) {
      raw[o] = Math.round(r / a);
      raw[o + 1] = Math.round(g / a);
      raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((a / (ss * ss)) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`wrote ${path.relative(process.cwd(), out)} (${png.length} bytes)`);
