import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { ConvArithmeticPayload } from 'deconvlab-contract';
import { el } from '../theme';
import { directView, scatterView } from '../views/move_frames';
import { MovePlayer } from '../views/move_player';
import { PayloadRenderer } from './payload_renderer';

/** Renders `application/vnd.deconvlab.conv-arithmetic+json`: move-diagram players (scatter and zero insertion side by side for transposed traces). */
export class ConvArithmeticRenderer extends PayloadRenderer<'convArithmetic'> {
  private players: MovePlayer[] = [];

  constructor(options: IRenderMime.IRendererOptions) {
    super(options, 'convArithmetic');
  }

  protected draw({ title, trace: t }: ConvArithmeticPayload): void {
    this.clear();
    const header = el('div', 'jp-DeconvlabHeader');
    if (title) header.append(el('span', 'jp-DeconvlabHeader-title', title));
    const pad = t.padding.map(([a, b]) => (a === b ? `${a}` : `${a}/${b}`)).join('×');
    const extra =
      t.kind === 'transposed' && (t.outputPadding[0] || t.outputPadding[1]) ? `, output padding ${t.outputPadding.join('×')}` : '';
    header.append(
      el(
        'span',
        'jp-DeconvlabHeader-meta',
        `${t.kind === 'conv' ? 'convolution' : 'transposed convolution'}: input ${t.inputSize.join('×')}, kernel ${t.kernelSize.join('×')}, stride ${t.stride.join('×')}, padding ${pad}, dilation ${t.dilation.join('×')}${extra} → output ${t.outputSize.join('×')}`,
      ),
    );
    const views = t.scatter ? [scatterView(t, t.scatter), directView(t)] : [directView(t)];
    this.players = views.map((v) => new MovePlayer(v, t.values !== undefined));
    const row = el('div', 'jp-DeconvlabPlayers');
    row.append(...this.players.map((p) => p.node));
    this.node.append(header, row);
    this.players.forEach((p) => p.render());
  }

  protected override clear(): void {
    this.players.forEach((p) => p.dispose());
    this.players = [];
    super.clear();
  }
}
