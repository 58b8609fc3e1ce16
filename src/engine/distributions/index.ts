// The kernel's probability distributions, each drawing only from a RandomStream handed in.
export { uniform } from './uniform.ts';
export { bernoulli } from './bernoulli.ts';
export { exponential } from './exponential.ts';
export { normal, normalQuantile } from './normal.ts';
export {
  lognormal,
  lognormalParams,
  lognormalQuantile,
  Z_99,
  type LognormalParams,
} from './lognormal.ts';
export { poisson } from './poisson.ts';
export { binomial } from './binomial.ts';
export { WeightedChoice } from './weighted-choice.ts';
