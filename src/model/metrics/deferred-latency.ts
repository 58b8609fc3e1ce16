// Latency shapes the aggregate model adds tick after tick are mostly the same shape into the
// same histogram; adding them up as weights and spreading them over the buckets once per
// scrape or sample turns thousands of multiply-adds per tick into a few.
import type { LatencyHistogram } from './latency-histogram.ts';
import type { LatencyShape } from './latency-shape.ts';

export class DeferredLatency {
  private readonly hists: LatencyHistogram[] = [];
  private readonly shapes: LatencyShape[] = [];
  private readonly weights: number[] = [];

  /** Adds `n` of `shape` into `hist`, later. */
  add(hist: LatencyHistogram, shape: LatencyShape, n: number): void {
    for (let k = this.hists.length - 1; k >= 0; k--) {
      if (this.hists[k] === hist && this.shapes[k] === shape) {
        this.weights[k] += n;
        return;
      }
    }
    this.hists.push(hist);
    this.shapes.push(shape);
    this.weights.push(n);
  }

  /** Spreads everything pending into its histogram. */
  flush(): void {
    for (let k = 0; k < this.hists.length; k++) this.hists[k].addShape(this.shapes[k], this.weights[k]);
    this.hists.length = 0;
    this.shapes.length = 0;
    this.weights.length = 0;
  }
}
