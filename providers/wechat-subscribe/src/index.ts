export { createWechatSubscribeNotifier, WechatUnavailable, type WechatSubscribeOptions } from './subscribe-message-client.ts';
