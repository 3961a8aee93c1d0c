import { cssVar } from '../theme';

/** Colours of the move diagrams: fixed hues that read on light and dark backgrounds, theme greys from JupyterLab. */
export interface IPalette {
  background: string;
  text: string;
  line: string;
  padding: string;
  input: string;
  window: string;
  windowEdge: string;
  output: string;
  written: string;
  current: string;
  cropped: string;
}

/** The palette for the current theme. */
export function palette(): IPalette {
  return {
    background: cssVar('--jp-layout-color0', '#ffffff'),
    text: cssVar('--jp-ui-font-color1', '#222222'),
    line: cssVar('--jp-border-color1', '#999999'),
    padding: cssVar('--jp-layout-color2', '#dddddd'),
    input: '#4a86d8',
    window: 'rgba(16, 24, 64, 0.4)',
    windowEdge: '#f0a030',
    output: cssVar('--jp-layout-color2', '#eeeeee'),
    written: '#3aa87a',
    current: '#f0a030',
    cropped: 'rgba(128, 128, 128, 0.35)',
  };
}

/** Draws square cells of `size` CSS pixels onto a canvas at device resolution. */
export class CellPainter {
  readonly ctx: CanvasRenderingContext2D;

  constructor(
    canvas: HTMLCanvasElement,
    cssWidth: number,
    cssHeight: number,
    readonly size: number,
    readonly colours: IPalette,
  ) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.ceil(cssWidth * ratio);
    canvas.height = Math.ceil(cssHeight * ratio);
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${cssHeight}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2D canvas context');
    this.ctx = ctx;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, 0, cssWidth, cssHeight);
  }

  /** Fills cell (row, col) of the grid whose top-left corner is at (x0, y0), with a thin outline. */
  fill(x0: number, y0: number, row: number, col: number, colour: string, dashed = false): void {
    const { ctx, size } = this;
    ctx.fillStyle = colour;
    ctx.fillRect(x0 + col * size, y0 + row * size, size, size);
    ctx.strokeStyle = this.colours.line;
    ctx.lineWidth = 1;
    ctx.setLineDash(dashed ? [3, 3] : []);
    ctx.strokeRect(x0 + col * size + 0.5, y0 + row * size + 0.5, size - 1, size - 1);
    ctx.setLineDash([]);
  }

  /** Outlines cell (row, col) with a thick line. */
  outline(x0: number, y0: number, row: number, col: number, colour: string): void {
    const { ctx, size } = this;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5;
    ctx.strokeRect(x0 + col * size + 1.5, y0 + row * size + 1.5, size - 3, size - 3);
  }

  /** Writes a short text centred in cell (row, col) (canvas text: never parsed as HTML). */
  text(x0: number, y0: number, row: number, col: number, text: string, colour = this.colours.text, scale = 0.34): void {
    const { ctx, size } = this;
    ctx.fillStyle = colour;
    ctx.font = `${Math.max(8, Math.round(size * scale))}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, x0 + (col + 0.5) * size, y0 + (row + 0.5) * size);
  }

  /** A caption above a grid. */
  caption(x: number, y: number, text: string): void {
    const { ctx } = this;
    ctx.fillStyle = this.colours.text;
    ctx.font = '12px sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(text, x, y);
  }
}

/** A number short enough for a cell. */
export function cellNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1000) return String(v);
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(0) : v.toFixed(Math.abs(v) < 10 ? 1 : 0);
}
