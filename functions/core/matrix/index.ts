export { assess, audienceOf } from './assess';
export { parseMatrix, MatrixConfigError, type MatrixProblem } from './load';
export {
  responseMatrixSchema,
  matrixRuleSchema,
  AUDIENCES,
  type ResponseMatrix,
  type MatrixRule,
  type MatrixClock,
  type Audience,
} from './schema';
export { PRIORITY_ORDER, rankByPrecedence } from './precedence';
export { DETECTOR_NAMES, type DetectorName } from './detectors';
