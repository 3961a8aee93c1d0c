"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Draws the kernelspec logos (kernel/kernelspec/logo-{32x32,64x64}.png) with tfjs-node's PNG encoder:
 * how often a 3×3, stride-2 transposed convolution writes each output pixel — the uneven overlap
 * behind checkerboard artifacts. Run `node kernel/dist/make_logos.js` after changing the drawing.
 */
const fs_1 = require("fs");
const path_1 = require("path");
const KERNEL = 3;
const STRIDE = 2;
const CELLS = 8;
/** Overlap count 1, 2, 4 → light to deep orange (RGB). */
const COLORS = { 1: [255, 224, 178], 2: [255, 152, 0], 4: [230, 81, 0] };
/** How many input positions of a stride-`STRIDE`, size-`KERNEL` transposed convolution write output position `i`. */
function overlap(i) {
    let count = 0;
    for (let input = 0; input * STRIDE <= i; input++)
        if (i - input * STRIDE < KERNEL)
            count++;
    return count;
}
function drawLogo(size) {
    const pixels = new Uint8Array(size * size * 4);
    const cell = size / CELLS;
    for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
            const [cy, cx] = [Math.floor(y / cell), Math.floor(x / cell)];
            const border = y % cell === 0 || x % cell === 0;
            const [r, g, b] = border ? [255, 255, 255] : COLORS[overlap(cy) * overlap(cx)];
            pixels.set([r, g, b, 255], (y * size + x) * 4);
        }
    }
    return pixels;
}
async function main() {
    const tf = await Promise.resolve().then(() => __importStar(require('@tensorflow/tfjs-node')));
    for (const size of [32, 64]) {
        const image = tf.tensor3d(drawLogo(size), [size, size, 4], 'int32');
        const png = await tf.node.encodePng(image);
        image.dispose();
        (0, fs_1.writeFileSync)((0, path_1.join)(__dirname, '..', 'kernelspec', `logo-${size}x${size}.png`), png);
    }
}
void main();
