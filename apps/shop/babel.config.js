// babel-preset-taro handles TSX, JSX (via @babel/preset-react) and the Taro runtime transforms.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
