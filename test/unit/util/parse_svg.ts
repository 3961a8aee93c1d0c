import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** What {@link parseSvg} reads out of an SVG document. */
export interface ParsedSvg {
  width: number;
  height: number;
  title: string;
  ariaLabel: string;
  /** Every `<text>`'s content, unescaped, in document order. */
  texts: string[];
  /** Every `<image>`'s href. */
  images: string[];
}

const PYTHON = [resolve(__dirname, '..', '..', '..', '..', '.venv', 'bin', 'python'), 'python3'].find(
  (p) => p === 'python3' || existsSync(p),
) as string;

// Python's expat (an independent, strict XML 1.0 parser) reads the document; a parse error fails the call.
const SCRIPT = `
import json, sys, xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.fromstring(sys.stdin.buffer.read())
assert root.tag == NS + 'svg', root.tag
title = root.find(NS + 'title')
print(json.dumps({
  'width': float(root.get('width')), 'height': float(root.get('height')),
  'title': title.text if title is not None else '', 'ariaLabel': root.get('aria-label', ''),
  'texts': [''.join(t.itertext()) for t in root.iter(NS + 'text')],
  'images': [i.get('href') for i in root.iter(NS + 'image')],
}))
`;

/** Parses an SVG document as XML (throws with the parser's message when it is not well-formed). */
export function parseSvg(svg: string): ParsedSvg {
  const out = spawnSync(PYTHON, ['-c', SCRIPT], { input: svg, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`not well-formed SVG: ${out.stderr.trim().split('\n').pop()}`);
  return JSON.parse(out.stdout) as ParsedSvg;
}
