import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Nothing to prepare yet: pages fetch their own data and read the locale lazily.
  })
  return children
}

export default App
