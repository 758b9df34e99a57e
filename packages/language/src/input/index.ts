// How files get into the tools: decoding and encoding them, telling policy files from others.
// Importable on its own (`@attls/language/input`): nothing here loads the parser.
export * from './decode.js';
export * from './detect.js';
export * from './sequence.js';
export { decodeIbm1047, IBM1047_BYTE, IBM1047_TO_UNICODE, isUtf8, looksLikeIbm1047, UNICODE_TO_IBM1047 } from '../ebcdic.js';
