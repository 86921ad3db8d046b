export { bookStrategies, onReachBook } from './reach-rep.ts';
export { runChartSvg, simRunLines } from './report.ts';
export { parseStrategies, runSim } from './sim.service.ts';
export type { SimStrategy, StrategyName, StrategySetup } from './strategy.ts';
export { loadWorld, parseWorld } from './world.ts';
