export { type Stage, stages } from '../../contracts/vocabulary.ts';
