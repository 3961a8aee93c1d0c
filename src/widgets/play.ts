/** `deconv.widgets.play`: PlayModel (@jupyter-widgets/controls 2.0.0), a counter that ticks every `interval` ms in the browser. */
import { DESCRIPTION_KEYS, type DescriptionOptions, domDefinition } from './dom_widget';
import { controls, DESCRIPTION_DEFAULTS, DESCRIPTION_SPEC } from './model_state';
import { sliderRelation } from './slider';
import { bool, int } from './traits';
import { ValueWidget } from './value_widget';

/** Options of `play`. */
export interface PlayOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Milliseconds between two steps. */
  interval?: number;
  playing?: boolean;
  repeat?: boolean;
  showRepeat?: boolean;
}

/** A play/pause control over integers; `.value` is the current frame. */
export class Play extends ValueWidget<number> {}

/** A player, e.g. `play({ max: 15, interval: 200 })`; link it to a slider by observing it. */
export function play(options: PlayOptions = {}): Play {
  return new Play(
    domDefinition({
      widget: 'Play',
      spec: {
        ...DESCRIPTION_SPEC,
        value: int,
        min: int,
        max: int,
        step: int,
        interval: int,
        playing: bool,
        repeat: bool,
        show_repeat: bool,
      },
      defaults: {
        ...DESCRIPTION_DEFAULTS,
        ...controls('PlayModel', 'PlayView'),
        value: 0,
        min: 0,
        max: 100,
        step: 1,
        interval: 100,
        playing: false,
        repeat: false,
        show_repeat: true,
      },
      options,
      allowed: [...DESCRIPTION_KEYS, 'value', 'min', 'max', 'step', 'interval', 'playing', 'repeat', 'show_repeat'],
      writable: ['value', 'playing', 'repeat'],
      relation: sliderRelation,
      styleModel: 'DescriptionStyleModel',
    }),
  );
}
