import { describe, expect, it } from 'vitest';
import { CAMERA_ENCODINGS, chooseSpatialLayer } from './layers.ts';

describe('simulcast', () => {
  it('sends a camera as three layers, smallest first', () => {
    expect(CAMERA_ENCODINGS.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(new Set(CAMERA_ENCODINGS.map((e) => e.rid)).size).toBe(3);
  });

  it('asks for the layer that fits the picture on screen, in device pixels', () => {
    expect(chooseSpatialLayer(200)).toBe(0);
    expect(chooseSpatialLayer(480)).toBe(1);
    expect(chooseSpatialLayer(1200)).toBe(2);
    expect(chooseSpatialLayer(480, 2)).toBe(2);
  });

  it('asks for less on a slow downlink, whatever the size', () => {
    expect(chooseSpatialLayer(1200, 1, 0.5)).toBe(0);
    expect(chooseSpatialLayer(1200, 1, 1.5)).toBe(1);
    expect(chooseSpatialLayer(200, 1, 1.5)).toBe(0);
    expect(chooseSpatialLayer(1200, 1, 10)).toBe(2);
    // No estimate (other browsers than Chromium): size alone.
    expect(chooseSpatialLayer(1200, 1, null)).toBe(2);
  });
});
