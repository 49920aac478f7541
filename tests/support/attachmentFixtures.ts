/**
 * Files for attachment tests: a real, valid one-page PDF (built here with a correct cross-reference
 * table, so any PDF reader opens it), a tiny PNG, and an ELF executable header to rename `.pdf`.
 */
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import type { Express } from 'express';
import { bearer, createBody } from './apiHarness';

/** A one-page PDF 1.4 saying `text` (valid: header, objects, xref with exact offsets, trailer). */
export function tinyPdf(text = 'Surat undangan rapat koordinasi'): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a 64-bit Linux executable (what a renamed program looks like to us). */
export function elfExecutable(): Buffer {
  const b = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  return b;
}

/** Upload files as `org`; the response (201 with ids, or a problem). */
export async function upload(app: Express, org: string, files: Array<{ name: string; content: Buffer; type?: string }>) {
  let req = request(app).post('/v1/attachments').set('Authorization', await bearer(org));
  for (const f of files) req = req.attach('file', f.content, { filename: f.name, contentType: f.type ?? 'application/pdf' });
  return req;
}

/** kpu-sumbawa uploads a PDF and creates a request carrying it; returns both ids. */
export async function requestWithAttachment(app: Express): Promise<{ id: string; attachmentId: string }> {
  const up = await upload(app, 'kpu-sumbawa', [{ name: 'undangan.pdf', content: tinyPdf() }]);
  if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${JSON.stringify(up.body)}`);
  const attachmentId = up.body.attachments[0].id as string;
  const res = await request(app).post('/v1/coordination-requests').set('Authorization', await bearer('kpu-sumbawa')).send(createBody({ attachments: [attachmentId] }));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, attachmentId };
}
