import path from 'node:path'
import { defineConfig } from '@tarojs/cli'

const taroEnv = process.env.TARO_ENV ?? 'weapp'

// h5 is served by the API itself, so it calls same-origin relative URLs;
// the mini program needs an absolute origin fixed at build time.
const apiBase = taroEnv === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000')

export default defineConfig<'webpack5'>({
  projectName: 'linkmall-shop',
  date: '2026-01-01',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${taroEnv}`,
  framework: 'react',
  compiler: 'webpack5',
  plugins: [],
  defineConstants: {
    API_BASE: JSON.stringify(apiBase),
  },
  copy: { patterns: [], options: {} },
  cache: { enable: false },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
    },
  },
  h5: {
    publicPath: '/h5/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    postcss: {
      autoprefixer: { enable: true, config: {} },
    },
    webpackChain(chain) {
      // npm workspaces may nest @tarojs/plugin-framework-react under apps/shop/node_modules
      // (its optional vite peers clash with the admin app), where the hoisted
      // @tarojs/taro-h5 cannot see it; search this app's node_modules too.
      chain.resolve.modules
        .add(path.resolve(__dirname, '../node_modules'))
        .add('node_modules')
    },
  },
})
