import { describe, expect, it } from 'vitest';
import { contentDisposition, parseRange } from './stored-file.ts';

describe('parseRange', () => {
  it('reads one bytes range, open-ended or from the end, and says when it cannot be served', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    for (const bad of ['bytes=100-', 'bytes=5-2', 'bytes=-', 'bytes=-0', 'items=0-1', 'bytes=abc']) expect(parseRange(bad, 100), bad).toBe('invalid');
  });
});

describe('contentDisposition', () => {
  it('is inline with an ASCII fallback that cannot break out of its quotes, and the real name encoded', () => {
    expect(contentDisposition('a"b\\c;d\r\n.mp4')).toBe(`inline; filename="a_b_c_d__.mp4"; filename*=UTF-8''a%22b%5Cc%3Bd%0D%0A.mp4`);
    expect(contentDisposition("it's (1).webm")).toBe(`inline; filename="it's (1).webm"; filename*=UTF-8''it%27s%20%281%29.webm`);
  });
});
