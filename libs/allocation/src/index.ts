// @banenpool/allocation: the allocation engine. Pure: no Nest, no database, no clock; the input is a
// snapshot read at one position, the output proposals that change nothing until accepted.
export * from './allocation.types.js';
export { AllocationInputError, canonicalJson, inputHash, normalizeInput, normalizeWeights } from './canonical.js';
export { checkProposals } from './check.js';
export { greedy } from './greedy.js';
export { objectiveBreakdownOf, objectiveOf } from './objective.js';
export { solve } from './solve.js';
export { generatePool, seededRandom, SKILLS, TWENTE_TOWNS, twenteDistances, type PoolSize } from './generator.js';
export { solveInThread, SolveThreadError, type CheckedSolve, type SolveThreadOptions } from './solve-in-thread.js';
export { allocationLp, solveLpExactly, type AllocationLp, type ExactSolve } from './lp-export.js';
