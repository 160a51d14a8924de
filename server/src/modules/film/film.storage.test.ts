import { describe, expect, it } from 'vitest';
import { displayFileName, sniffFilm } from './film.storage.ts';

const ftyp = (major: string, ...compatible: string[]) => {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  compatible.forEach((b, i) => box.write(b, 16 + 4 * i, 'latin1'));
  return box;
};
const ebml = (docType: string) => {
  const doc = Buffer.concat([Buffer.from([0x42, 0x82, 0x80 | docType.length]), Buffer.from(docType, 'latin1')]);
  const version = Buffer.from([0x42, 0x86, 0x81, 0x01]);
  return Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | (version.length + doc.length)]), version, doc, Buffer.alloc(40)]);
};

describe('sniffFilm', () => {
  it('knows MP4 by an ftyp box with an MP4 brand, WebM by its EBML DocType', () => {
    expect(sniffFilm(ftyp('isom', 'iso2', 'mp41'))).toBe('video/mp4');
    expect(sniffFilm(ftyp('XXXX', 'mp42'))).toBe('video/mp4');
    expect(sniffFilm(ebml('webm'))).toBe('video/webm');
  });
  it('refuses look-alikes: QuickTime, HEIC, Matroska, HTML, a truncated header, nothing', () => {
    expect(sniffFilm(ftyp('qt  ', 'qt  '))).toBeNull();
    expect(sniffFilm(ftyp('heic', 'mif1', 'heic'))).toBeNull();
    expect(sniffFilm(ebml('matroska'))).toBeNull();
    expect(sniffFilm(Buffer.from('<!doctype html><title>ftyp</title>'))).toBeNull();
    expect(sniffFilm(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))).toBeNull();
    expect(sniffFilm(Buffer.alloc(0))).toBeNull();
  });
});

describe('displayFileName', () => {
  it('keeps the last segment as text without controls, bidi overrides or leading dots, cut to 200 characters', () => {
    expect(displayFileName('../../etc/passwd.mp4')).toBe('passwd.mp4');
    expect(displayFileName('..\\..\\x.webm')).toBe('x.webm');
    expect(displayFileName('film\u202Egpj.exe')).toBe('filmgpj.exe');
    expect(displayFileName('a\u0000b\nc.webm')).toBe('abc.webm');
    expect(displayFileName('...hidden.webm')).toBe('hidden.webm');
    expect(displayFileName('..')).toBe('film');
    expect(displayFileName(undefined)).toBe('film');
    expect(Array.from(displayFileName('å'.repeat(500))).length).toBe(200);
  });
});
