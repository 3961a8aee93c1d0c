import { button, labelled, select } from '../controls';
import { el } from '../theme';
import { palette } from './cell_painter';
import type { IMoveView } from './move_frames';

const SPEEDS: [string, string][] = [
  ['0.5', '0.5×'],
  ['1', '1×'],
  ['2', '2×'],
  ['4', '4×'],
  ['8', '8×'],
];
const STEPS_PER_SECOND = 2;

/**
 * Plays one move view: play/pause, step, first/last, a scrub slider, speed and a numbers toggle.
 * Keyboard: Space plays/pauses, ←/→ step, Home/End jump (while the player has focus).
 */
export class MovePlayer {
  readonly node = el('section', 'jp-DeconvlabPlayer');
  private readonly canvas = el('canvas', 'jp-DeconvlabPlayer-canvas');
  private readonly slider = el('input', 'jp-DeconvlabPlayer-slider');
  private readonly status = el('div', 'jp-DeconvlabPlayer-status');
  private readonly play = button('Play', 'play');
  private readonly speed = select('speed', SPEEDS, '1');
  private readonly numbers = el('input', '');
  private t = 0;
  private timer?: number;

  constructor(
    private readonly view: IMoveView,
    hasValues: boolean,
  ) {
    this.node.tabIndex = 0;
    this.node.setAttribute('aria-label', `${view.title}: move diagram player`);
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.max = String(view.steps - 1);
    this.slider.value = '0';
    this.slider.setAttribute('aria-label', 'step');
    this.numbers.type = 'checkbox';
    this.numbers.checked = hasValues && view.steps <= 4096;
    this.status.setAttribute('aria-live', 'off');
    const first = button('|◀', 'first step');
    const back = button('◀', 'previous step');
    const next = button('▶', 'next step');
    const last = button('▶|', 'last step');
    first.addEventListener('click', () => this.go(0));
    back.addEventListener('click', () => this.go(this.t - 1));
    next.addEventListener('click', () => this.go(this.t + 1));
    last.addEventListener('click', () => this.go(view.steps - 1));
    this.play.addEventListener('click', () => this.toggle());
    this.slider.addEventListener('input', () => this.go(Number(this.slider.value)));
    this.speed.addEventListener('change', () => this.playing && this.start());
    this.numbers.addEventListener('change', () => this.render());
    this.node.addEventListener('keydown', (e) => this.onKey(e));
    const controls = el('div', 'jp-DeconvlabPlayer-controls');
    controls.append(first, back, this.play, next, last, this.slider, labelled('speed', this.speed), labelled('numbers', this.numbers));
    this.node.append(el('div', 'jp-DeconvlabPlayer-title', view.title), this.canvas, controls, this.status);
  }

  /** Draws the current step (again, e.g. after a theme change). */
  render(): void {
    this.status.textContent = this.view.draw(this.canvas, this.t, this.numbers.checked, palette());
    this.slider.value = String(this.t);
  }

  /** Stops the animation timer. */
  dispose(): void {
    this.stop();
  }

  private get playing(): boolean {
    return this.timer !== undefined;
  }

  private go(t: number): void {
    this.t = Math.max(0, Math.min(this.view.steps - 1, t));
    this.render();
  }

  private toggle(): void {
    if (this.playing) this.stop();
    else this.start();
  }

  private start(): void {
    this.stop();
    if (this.t === this.view.steps - 1) this.go(0);
    this.timer = window.setInterval(
      () => this.go(this.t === this.view.steps - 1 ? 0 : this.t + 1),
      1000 / (STEPS_PER_SECOND * Number(this.speed.value)),
    );
    this.play.textContent = 'Pause';
    this.play.setAttribute('aria-label', 'pause');
    this.play.title = 'pause';
  }

  private stop(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
    this.play.textContent = 'Play';
    this.play.setAttribute('aria-label', 'play');
    this.play.title = 'play';
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target instanceof HTMLSelectElement || (e.target instanceof HTMLInputElement && e.target !== this.slider)) return;
    const actions: Record<string, () => void> = {
      ' ': () => this.toggle(),
      ArrowLeft: () => this.go(this.t - 1),
      ArrowRight: () => this.go(this.t + 1),
      Home: () => this.go(0),
      End: () => this.go(this.view.steps - 1),
    };
    const action = actions[e.key];
    if (!action || (e.target === this.slider && e.key !== ' ')) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  }
}
