import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { bindPendingInvite, captureInviteFromLaunch } from './invite'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // An invite link (?invite=CODE) is remembered now and bound once the visitor is logged in.
    captureInviteFromLaunch(options?.query as Record<string, unknown> | undefined)
    // Someone already logged in is bound right away; a visitor is bound after logging in (Me page).
    void bindPendingInvite()
  })
  return children
}

export default App
