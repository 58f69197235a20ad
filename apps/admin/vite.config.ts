import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Libraries are grouped into their own chunks so the application chunk stays small and the
 * vendor chunks are cached across deployments. Order matters: the first matching group wins.
 */
const vendorGroups: ReadonlyArray<{ name: string; test: RegExp; priority: number }> = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
  { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 30 },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|dayjs)[\\/]/, priority: 20 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

// The dev server forwards API calls to a locally running API (override for a different port).
const apiOrigin = process.env.LINKMALL_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is close to 1 MB minified; the warning would fire on every build without helping.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups.map((group) => ({ ...group })) },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/admin': { target: apiOrigin, changeOrigin: true },
    },
  },
});
