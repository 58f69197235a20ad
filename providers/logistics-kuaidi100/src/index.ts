export { createKuaidi100Tracker } from './kuaidi100-tracker.ts';
export { kuaidi100ConfigFromEnv, KUAIDI100_DEFAULT_BASE_URL, KUAIDI100_QUERY_PATH, type Kuaidi100Config } from './kuaidi100-config.ts';
export { kuaidi100Sign } from './kuaidi100-protocol.ts';
