export { createCode2SessionClient, type Code2SessionOptions } from './code2session-client.ts';
