export { parseDuration } from '../parseDuration';
