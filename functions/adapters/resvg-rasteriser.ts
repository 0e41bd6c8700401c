import { readFileSync } from 'node:fs';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { CHART_FONT } from '../core/digest/charts';
import type { ChartRasteriser } from '../core/ports';
import { chartAssetPath } from '../shared/chart-assets';

/**
 * SVG to PNG with resvg compiled to WebAssembly: no native binary, so the same code runs on an arm64
 * Lambda, in CI and on a laptop. The module is initialised once per process; fonts are read once.
 */
let ready: Promise<Uint8Array[]> | undefined;

function init(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    await initWasm(readFileSync(chartAssetPath('resvg.wasm')));
    return [readFileSync(chartAssetPath('Inter-Regular.ttf')), readFileSync(chartAssetPath('Inter-Bold.ttf'))];
  })();
  return ready;
}

export class ResvgRasteriser implements ChartRasteriser {
  async toPng(svg: string, widthPx: number): Promise<Uint8Array> {
    const fontBuffers = await init();
    const resvg = new Resvg(svg, {
      font: { fontBuffers, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
      fitTo: { mode: 'width', value: widthPx },
      background: '#ffffff',
    });
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
      resvg.free();
    }
  }
}
